package io.jdeepface.converter.install;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * A package tarball ({@code .tgz}). Its SHA-256 is checked against the pin before any entry is
 * read, so only the exact pinned bytes are ever unpacked; the {@link TarReader} limits guard the
 * rest. Entries are named {@code package/<path>}: npm strips the first path segment, and so do we.
 */
public record TarballSource(Path tarball, TarLimits limits) implements PackageSource {
    public TarballSource(Path tarball) {
        this(tarball, TarLimits.DEFAULT);
    }

    @Override
    public void stage(NpmPackage pkg, Collection<PinnedFile> files, Path dir) throws IOException {
        String actual = Sha256.of(tarball);
        if (!actual.equals(pkg.tarballSha256())) {
            throw new DigestMismatchException("package " + pkg.spec(), tarball.toString(), pkg.tarballSha256(), actual);
        }
        Map<String, PinnedFile> wanted = new HashMap<>();
        files.forEach(f -> wanted.put(f.path(), f));
        try (TarReader tar = TarReader.openGzip(tarball, limits)) {
            for (TarEntry entry; !wanted.isEmpty() && (entry = tar.next()) != null; ) {
                int slash = entry.path().indexOf('/');
                PinnedFile file = entry.directory() || slash < 0 ? null : wanted.remove(entry.path().substring(slash + 1));
                if (file == null) {
                    continue;
                }
                Path target = dir.resolve(file.path());
                Files.createDirectories(target.getParent());
                String sha;
                try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
                    sha = Sha256.copy(tar.content(), out);
                } catch (FileAlreadyExistsException e) {
                    throw new InstallException(InstallException.Category.BAD_INPUT,
                            tarball + " holds " + file.path() + " twice");
                }
                if (!sha.equals(file.sha256())) {
                    throw new DigestMismatchException(file.path() + " of " + pkg.spec(), tarball.toString(),
                            file.sha256(), sha);
                }
            }
        }
        if (!wanted.isEmpty()) {
            throw new InstallException(InstallException.Category.BAD_INPUT, tarball + " (" + pkg.spec()
                    + ") does not contain " + String.join(", ", wanted.keySet().stream().sorted().toList()));
        }
    }

    @Override
    public String describe() {
        return tarball.toString();
    }
}
