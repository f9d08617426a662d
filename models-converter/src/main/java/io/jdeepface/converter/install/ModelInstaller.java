package io.jdeepface.converter.install;

import io.jdeepface.engine.format.ModelFormatException;
import io.jdeepface.engine.format.ModelHome;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Installs catalog models into a {@link ModelHome}: obtains each needed package (a {@code --from}
 * path, the home's tarball cache, or {@code npm pack}), verifies the tarball and every file read
 * from it against the catalog pins, converts each model with the injected {@link ModelConversion}
 * into {@code models/<name>.jdm}, and copies the sample photos into {@code samples/}.
 *
 * <p>Safe to repeat and to interrupt: models whose manifest record matches (same source digests,
 * same converter and format version, file present with the recorded size) are skipped without
 * fetching anything; every file is written to a temporary sibling and renamed into place, and the
 * manifest is rewritten after each model, so an interrupted run leaves only complete files.
 */
public final class ModelInstaller {
    private static final System.Logger LOG = System.getLogger(ModelInstaller.class.getName());

    private final ModelHome home;
    private final ModelCatalog catalog;
    private final ModelConversion conversion;
    private final ConverterVersion version;
    private final String npmCommand;
    private final Consumer<String> progress;

    /** An installer for the standard catalog that downloads with the {@code npm} on the PATH. */
    public ModelInstaller(ModelHome home, ModelConversion conversion, ConverterVersion version) {
        this(home, ModelCatalog.standard(), conversion, version, "npm", message -> { });
    }

    private ModelInstaller(ModelHome home, ModelCatalog catalog, ModelConversion conversion,
                           ConverterVersion version, String npmCommand, Consumer<String> progress) {
        this.home = home;
        this.catalog = catalog;
        this.conversion = conversion;
        this.version = version;
        this.npmCommand = npmCommand;
        this.progress = progress;
    }

    public ModelInstaller withCatalog(ModelCatalog catalog) {
        return new ModelInstaller(home, catalog, conversion, version, npmCommand, progress);
    }

    /** Uses another npm executable (a path, or a name looked up on the PATH). */
    public ModelInstaller withNpm(String npmCommand) {
        return new ModelInstaller(home, catalog, conversion, version, npmCommand, progress);
    }

    /** Receives one line per step (download, verify, convert), for a command line to show. */
    public ModelInstaller withProgress(Consumer<String> progress) {
        return new ModelInstaller(home, catalog, conversion, version, npmCommand, progress);
    }

    public ModelHome home() {
        return home;
    }

    public ModelCatalog catalog() {
        return catalog;
    }

    /** Where the manifest of this home is. */
    public Path manifestFile() {
        return home.root().resolve(InstallManifest.FILE_NAME);
    }

    /**
     * Installs what {@code request} asks for.
     *
     * @throws InstallException for unknown names (USAGE), bad or mismatching inputs (BAD_INPUT),
     *                          npm problems, a full disk or a concurrent install (ENVIRONMENT)
     * @throws IOException      for other I/O failures and for conversion errors
     */
    public InstallReport install(InstallRequest request) throws IOException {
        List<CatalogModel> selected = select(request);
        boolean withSamples = request.everything();
        SourceLocator locator = new SourceLocator(request.from());
        locator.checkRecognized(catalog.packages());
        try {
            Files.createDirectories(home.root());
            try (InstallLock _ = InstallLock.acquire(home.root())) {
                return installLocked(selected, withSamples, request.force(), locator);
            }
        } catch (IOException e) {
            if (!(e instanceof InstallException) && isDiskFull(e)) {
                throw new InstallException(InstallException.Category.ENVIRONMENT, "disk full while installing into "
                        + home + ": " + e.getMessage() + "; free some space and run again", e);
            }
            throw e;
        }
    }

    /** Whether each catalog model is installed, outdated or missing. */
    public List<ModelStatus> status() throws IOException {
        InstallManifest manifest = InstallManifest.read(manifestFile());
        List<ModelStatus> all = new ArrayList<>();
        for (CatalogModel m : catalog.models()) {
            Path file = home.modelFile(m.name());
            if (!Files.isRegularFile(file)) {
                all.add(new ModelStatus(m, file, ModelStatus.State.MISSING, -1));
            } else {
                all.add(new ModelStatus(m, file, isCurrent(m, manifest) ? ModelStatus.State.INSTALLED
                        : ModelStatus.State.OUTDATED, Files.size(file)));
            }
        }
        return all;
    }

    private List<CatalogModel> select(InstallRequest request) throws InstallException {
        if (request.everything()) {
            return catalog.models();
        }
        Set<CatalogModel> chosen = new LinkedHashSet<>();
        for (String name : request.models()) {
            chosen.add(catalog.require(name));
        }
        return List.copyOf(chosen);
    }

    private InstallReport installLocked(List<CatalogModel> selected, boolean withSamples, boolean force,
                                        SourceLocator locator) throws IOException {
        Files.createDirectories(home.models());
        Files.createDirectories(home.samples());
        Files.createDirectories(home.cache());
        removeLeftovers();
        InstallManifest manifest = InstallManifest.read(manifestFile());

        List<String> upToDate = new ArrayList<>();
        List<String> samplesUpToDate = new ArrayList<>();
        // Per package, in catalog order: the models to convert and the samples to copy.
        Map<NpmPackage, List<CatalogModel>> modelsByPackage = new LinkedHashMap<>();
        Map<NpmPackage, List<PinnedFile>> samplesByPackage = new LinkedHashMap<>();
        for (CatalogModel m : selected) {
            if (!force && isCurrent(m, manifest)) {
                upToDate.add(m.name());
            } else {
                modelsByPackage.computeIfAbsent(m.npmPackage(), p -> new ArrayList<>()).add(m);
            }
        }
        if (withSamples) {
            for (PinnedFile s : catalog.samples()) {
                if (!force && isCurrent(s, manifest)) {
                    samplesUpToDate.add(s.fileName());
                } else {
                    samplesByPackage.computeIfAbsent(catalog.samplePackage(), p -> new ArrayList<>()).add(s);
                }
            }
        }
        Set<NpmPackage> packages = new LinkedHashSet<>(modelsByPackage.keySet());
        packages.addAll(samplesByPackage.keySet());

        List<String> converted = new ArrayList<>();
        List<String> samplesCopied = new ArrayList<>();
        for (NpmPackage pkg : packages) {
            List<CatalogModel> models = modelsByPackage.getOrDefault(pkg, List.of());
            List<PinnedFile> samples = samplesByPackage.getOrDefault(pkg, List.of());
            List<PinnedFile> files = new ArrayList<>();
            models.forEach(m -> files.addAll(m.files()));
            files.addAll(samples);

            PackageSource source = sourceFor(pkg, files.getFirst(), locator);
            Path staging = Files.createTempDirectory(home.cache(), "staging-");
            try {
                progress.accept("verifying " + files.size() + " file(s) of " + pkg.spec() + " from " + source.describe());
                source.stage(pkg, files, staging);
                for (CatalogModel m : models) {
                    convert(m, staging, manifest);
                    converted.add(m.name());
                }
                for (PinnedFile s : samples) {
                    copySample(s, staging, manifest);
                    samplesCopied.add(s.fileName());
                }
            } finally {
                deleteQuietly(staging);
            }
        }
        return new InstallReport(converted, upToDate, samplesCopied, samplesUpToDate);
    }

    private void convert(CatalogModel m, Path staging, InstallManifest manifest) throws IOException {
        Path source = staging.resolve(m.source().path());
        Path target = home.modelFile(m.name());
        progress.accept("converting " + m.name() + " (" + m.format().label() + ", " + m.npmPackage().spec()
                + ":" + m.source().path() + ")");
        String[] sha = new String[1];
        try {
            AtomicFiles.write(target, tmp -> {
                conversion.convert(source, m.source().sha256(), tmp);
                if (!Files.isRegularFile(tmp) || Files.size(tmp) == 0) {
                    throw new IOException("the converter wrote nothing for " + m.name());
                }
                sha[0] = Sha256.of(tmp);
            });
        } catch (ModelFormatException e) {
            throw new InstallException(InstallException.Category.BAD_INPUT, "cannot convert " + m.name() + " ("
                    + m.npmPackage().spec() + ":" + m.source().path() + "): " + e.getMessage(), e);
        }
        manifest.putModel(m.name(), new InstallManifest.ModelRecord(m.sourceDigests(), version,
                Files.size(target), sha[0]));
        manifest.write(manifestFile());
        LOG.log(System.Logger.Level.DEBUG, "installed {0} ({1} bytes)", target, Files.size(target));
    }

    private void copySample(PinnedFile s, Path staging, InstallManifest manifest) throws IOException {
        Path target = home.samples().resolve(s.fileName());
        String sha;
        try (InputStream in = Files.newInputStream(staging.resolve(s.path()))) {
            sha = AtomicFiles.copy(in, target);
        }
        if (!sha.equals(s.sha256())) { // verified while staging; this catches a change in between
            Files.deleteIfExists(target);
            throw new DigestMismatchException("sample " + s.path(), target.toString(), s.sha256(), sha);
        }
        manifest.putSample(s.fileName(), new InstallManifest.SampleRecord(sha, Files.size(target)));
        manifest.write(manifestFile());
    }

    private boolean isCurrent(CatalogModel m, InstallManifest manifest) throws IOException {
        InstallManifest.ModelRecord r = manifest.model(m.name());
        Path file = home.modelFile(m.name());
        return r != null && r.sourceDigests().equals(m.sourceDigests()) && r.version().equals(version)
                && Files.isRegularFile(file) && Files.size(file) == r.size();
    }

    private boolean isCurrent(PinnedFile sample, InstallManifest manifest) throws IOException {
        InstallManifest.SampleRecord r = manifest.sample(sample.fileName());
        Path file = home.samples().resolve(sample.fileName());
        return r != null && r.sha256().equals(sample.sha256()) && Files.isRegularFile(file)
                && Files.size(file) == r.size();
    }

    /**
     * Where to read {@code pkg} from: a {@code --from} path, else the cached tarball, else npm.
     * With {@code --from} paths, npm is never run: an offline machine gets a clear error instead.
     */
    private PackageSource sourceFor(NpmPackage pkg, PinnedFile probe, SourceLocator locator) throws IOException {
        Path cached = home.cache().resolve(pkg.cacheFileName());
        if (!locator.isEmpty()) {
            PackageSource found = locator.find(pkg, probe);
            if (found != null) {
                if (found instanceof TarballSource t && !Files.exists(cached)) {
                    // Keep a copy so later re-conversions need neither --from nor network.
                    AtomicFiles.write(cached, tmp -> Files.copy(t.tarball(), tmp));
                }
                return found;
            }
        }
        if (Files.isRegularFile(cached)) {
            if (Sha256.of(cached).equals(pkg.tarballSha256())) {
                return new TarballSource(cached);
            }
            LOG.log(System.Logger.Level.WARNING, "deleting {0}: its SHA-256 is not the pinned one", cached);
            Files.delete(cached);
        }
        if (!locator.isEmpty()) {
            throw new InstallException(InstallException.Category.BAD_INPUT, "no source for " + pkg.spec()
                    + " in --from " + locator.describe() + "; add its tarball (made with 'npm pack " + pkg.spec()
                    + "' on a machine with network) or its extracted folder");
        }
        return new TarballSource(download(pkg, cached));
    }

    private Path download(NpmPackage pkg, Path cached) throws IOException {
        progress.accept("downloading " + pkg.spec() + " with npm pack");
        Path work = Files.createTempDirectory(home.cache(), "npm-");
        try {
            Path tgz = new NpmPack(npmCommand).pack(pkg, work);
            String sha = Sha256.of(tgz);
            if (!sha.equals(pkg.tarballSha256())) {
                throw new DigestMismatchException("package " + pkg.spec(), "from npm pack", pkg.tarballSha256(), sha);
            }
            Files.move(tgz, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return cached;
        } finally {
            deleteQuietly(work);
        }
    }

    /** Partial files and work folders of an interrupted run; safe to remove while we hold the lock. */
    private void removeLeftovers() throws IOException {
        AtomicFiles.deletePartials(home.root());
        AtomicFiles.deletePartials(home.models());
        AtomicFiles.deletePartials(home.samples());
        AtomicFiles.deletePartials(home.cache());
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(home.cache(), "{staging-,npm-}*")) {
            for (Path d : dirs) {
                deleteTree(d);
            }
        }
    }

    static boolean isDiskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("not enough space on the disk")
                    || m.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    /** Cleanup in a finally block must not hide the error that got us there; leftovers go next run. */
    private static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove {0}: {1}", dir, e.getMessage());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
