package io.jdeepface.converter.install;

/**
 * Bounds that keep a hostile archive (a gzip bomb, a million tiny entries, a gigantic header) from
 * filling the disk or memory before its digest could be checked.
 *
 * @param maxEntrySize  largest file data accepted, bytes
 * @param maxTotalSize  largest sum of all file data, bytes
 * @param maxEntries    most entries (files, directories)
 * @param maxHeaderSize largest pax or GNU long-name header, bytes (these are held in memory)
 */
public record TarLimits(long maxEntrySize, long maxTotalSize, int maxEntries, int maxHeaderSize) {
    /** Generous for npm packages (the largest model file is under 100 MB), small enough to be safe. */
    public static final TarLimits DEFAULT = new TarLimits(1L << 30, 4L << 30, 100_000, 1 << 20);

    public TarLimits {
        if (maxEntrySize < 0 || maxTotalSize < 0 || maxEntries < 0 || maxHeaderSize < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
    }
}
