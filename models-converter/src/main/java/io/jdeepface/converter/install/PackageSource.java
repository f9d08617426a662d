package io.jdeepface.converter.install;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;

/** A place the files of one package can be read from: its tarball or an extracted copy. */
public sealed interface PackageSource permits TarballSource, FolderSource {
    /**
     * Copies {@code files} of {@code pkg} into {@code dir}, each at its path inside the package,
     * and checks each one's SHA-256.
     *
     * @throws DigestMismatchException if a file (or the tarball) does not match its pin
     * @throws InstallException        if a file is missing or the archive is corrupt or unsafe
     */
    void stage(NpmPackage pkg, Collection<PinnedFile> files, Path dir) throws IOException;

    /** Where the files come from, for messages. */
    String describe();
}
