package io.jdeepface.face.image;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The element-wise sum of byte rows (unsigned samples), for {@link Resize#area}: the loop that
 * reads every source byte of a shrink. Eight bytes are read as one {@code long} and added into
 * 16-bit lanes of two {@code long} accumulators (even and odd bytes), "SIMD within a register":
 * about six operations per eight samples instead of eight loads, adds and stores, which the JIT
 * does not vectorise for byte-to-int loops. A lane holds at most 65535 = 257 x 255, so the lanes
 * are drained into {@code int} totals every {@link #ROWS_PER_DRAIN} rows.
 */
final class ByteRowSum {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long EVEN_BYTES = 0x00FF00FF00FF00FFL;
    static final int ROWS_PER_DRAIN = 256;

    private final int length;
    private final int words;
    private final long[] even; // word j, lane l: sum of byte 8j + 2l
    private final long[] odd;  // word j, lane l: sum of byte 8j + 2l + 1
    private final int[] totals;
    private int rowsInLanes;

    ByteRowSum(int length) {
        this.length = length;
        this.words = length / 8;
        this.even = new long[words];
        this.odd = new long[words];
        this.totals = new int[length];
    }

    /** Adds the {@code length} bytes of {@code src} from {@code from} as unsigned values. */
    void add(byte[] src, int from) {
        if (rowsInLanes == ROWS_PER_DRAIN) {
            drain();
        }
        for (int j = 0; j < words; j++) {
            long x = (long) LONGS.get(src, from + j * 8);
            even[j] += x & EVEN_BYTES;
            odd[j] += (x >>> 8) & EVEN_BYTES;
        }
        for (int i = words * 8; i < length; i++) { // the last length % 8 bytes
            totals[i] += src[from + i] & 0xFF;
        }
        rowsInLanes++;
    }

    /** The sums of the rows added since the last {@link #clear}; valid until the next {@link #add}. */
    int[] totals() {
        drain();
        return totals;
    }

    void clear() {
        drain(); // empties the lanes
        Arrays.fill(totals, 0);
    }

    private void drain() {
        if (rowsInLanes == 0) {
            return;
        }
        for (int j = 0; j < words; j++) {
            long e = even[j];
            long o = odd[j];
            int at = j * 8;
            for (int lane = 0; lane < 4; lane++) {
                totals[at + 2 * lane] += (int) (e >>> (16 * lane)) & 0xFFFF;
                totals[at + 2 * lane + 1] += (int) (o >>> (16 * lane)) & 0xFFFF;
            }
        }
        Arrays.fill(even, 0);
        Arrays.fill(odd, 0);
        rowsInLanes = 0;
    }
}
