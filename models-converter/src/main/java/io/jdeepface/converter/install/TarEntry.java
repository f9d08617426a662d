package io.jdeepface.converter.install;

/**
 * One member of a tar archive that is safe to extract: a regular file or a directory.
 *
 * @param path      normalized relative path, {@code /}-separated, no {@code .} or {@code ..} segments
 * @param size      data bytes (0 for directories)
 * @param directory whether it is a directory
 */
public record TarEntry(String path, long size, boolean directory) {
}
