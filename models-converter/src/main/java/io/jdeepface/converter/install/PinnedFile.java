package io.jdeepface.converter.install;

import java.util.Objects;

/**
 * A file inside a package, with the SHA-256 it must have.
 *
 * @param path   path inside the package root, {@code /}-separated ({@code model/fr_detect.onnx})
 * @param sha256 lower-case hex SHA-256 of the file's bytes
 */
public record PinnedFile(String path, String sha256) {
    public PinnedFile {
        Objects.requireNonNull(path);
        if (!TarReader.isSafeRelativePath(path)) {
            throw new IllegalArgumentException("not a safe relative path: " + path);
        }
        Sha256.requireHex(sha256);
    }

    /** The last path segment. */
    public String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
