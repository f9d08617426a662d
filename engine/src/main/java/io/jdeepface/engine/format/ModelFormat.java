package io.jdeepface.engine.format;

/**
 * Fixed facts of the jdeepface model file format; {@code docs/model-format.md} explains them.
 * Every multi-byte number in the file is little-endian.
 */
public final class ModelFormat {
    private ModelFormat() {}

    /** Conventional file name extension ("jdeepface model"). */
    public static final String FILE_EXTENSION = ".jdm";

    /**
     * The first 8 bytes: {@code 89 'J' 'D' 'F' 'M' CR LF 1A}. As in PNG, the non-ASCII first byte
     * and the CR LF / Ctrl-Z catch files mangled by text-mode transfers.
     */
    public static byte[] magic() {
        return MAGIC.clone();
    }

    static final byte[] MAGIC = {(byte) 0x89, 'J', 'D', 'F', 'M', '\r', '\n', 0x1A};

    /** Size of the fixed header in format 1.0. */
    public static final int HEADER_SIZE = 64;

    /**
     * Tensor data (and the weights section) start at file offsets that are multiples of this, so that a
     * memory-mapped file (page aligned) gives cache-line and SIMD aligned weights.
     */
    public static final int ALIGNMENT = 64;

    // Header field offsets (format 1.x).
    static final int MAGIC_AT = 0;
    static final int MAJOR_AT = 8;
    static final int MINOR_AT = 10;
    static final int HEADER_LENGTH_AT = 12;
    static final int FILE_LENGTH_AT = 16;
    static final int STRUCTURE_LENGTH_AT = 24;
    static final int WEIGHTS_OFFSET_AT = 32;
    static final int WEIGHTS_LENGTH_AT = 40;
    static final int STRUCTURE_CRC_AT = 48;
    static final int WEIGHTS_CRC_AT = 52;
    static final int FLAGS_AT = 56;
    /** The header CRC is always the last 4 bytes of the header, whatever its length. */
    static final int HEADER_CRC_FROM_END = 4;

    /** Rounds {@code n} up to the next multiple of {@link #ALIGNMENT}. */
    static long align(long n) {
        return Math.addExact(n, ALIGNMENT - 1) & -ALIGNMENT;
    }
}
