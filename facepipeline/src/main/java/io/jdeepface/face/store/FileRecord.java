package io.jdeepface.face.store;

/**
 * What the store knows about one image file.
 *
 * @param path          path relative to the database folder, '/'-separated
 * @param sha256        SHA-256 of the content, lowercase hex ("" when the file could not be read)
 * @param size          size in bytes when indexed
 * @param modifiedNanos last-modified time when indexed, nanoseconds since the epoch
 * @param status        what indexing gave
 * @param message       why it is {@link FileStatus#UNREADABLE}; otherwise ""
 * @param faceCount     number of faces stored for it
 */
public record FileRecord(String path, String sha256, long size, long modifiedNanos, FileStatus status,
                         String message, int faceCount) {
    FileRecord withFaceCount(int n) {
        return new FileRecord(path, sha256, size, modifiedNanos, status, message, n);
    }

    FileRecord withTimes(long newSize, long newModifiedNanos) {
        return new FileRecord(path, sha256, newSize, newModifiedNanos, status, message, faceCount);
    }
}
