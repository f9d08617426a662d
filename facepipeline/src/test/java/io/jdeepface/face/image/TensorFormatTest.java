package io.jdeepface.face.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Model input tensors: layouts, channel orders, normalisation and batching offsets. */
class TensorFormatTest {
    /** 2×1 image: pixel 0 = (10, 20, 30), pixel 1 = (255, 0, 128). */
    private static final Image TWO = Image.ofRgb(2, 1, new byte[] {10, 20, 30, (byte) 255, 0, (byte) 128}, "two");

    @Test
    void nchwRgbIsChannelPlanes() {
        float[] t = TWO.toTensor(TensorFormat.of(TensorLayout.NCHW, ChannelOrder.RGB, 0f, 1f));
        assertArrayEquals(new float[] {10, 255, 20, 0, 30, 128}, t);
    }

    @Test
    void nhwcBgrIsInterleavedAndReversed() {
        float[] t = TWO.toTensor(TensorFormat.of(TensorLayout.NHWC, ChannelOrder.BGR, 0f, 1f));
        assertArrayEquals(new float[] {30, 20, 10, 128, 0, 255}, t);
    }

    @Test
    void perChannelMeanAndStd() {
        var format = new TensorFormat(TensorLayout.NHWC, ChannelOrder.RGB, new float[] {10, 20, 30},
                new float[] {1, 2, 4});
        assertArrayEquals(new float[] {0, 0, 0, 245, -10, 24.5f}, TWO.toTensor(format));
        var arcface = TensorFormat.of(TensorLayout.NCHW, ChannelOrder.RGB, 127.5f, 128f);
        assertEquals((10 - 127.5f) / 128f, TWO.toTensor(arcface)[0]);
    }

    @Test
    void grayUsesOpenCvsRoundedLuma() {
        float[] t = TWO.toTensor(TensorFormat.of(TensorLayout.NCHW, ChannelOrder.GRAY, 0f, 1f));
        // 0.299*10 + 0.587*20 + 0.114*30 = 18.15 -> 18; 0.299*255 + 0.114*128 = 90.837 -> 91
        assertArrayEquals(new float[] {18, 91}, t);
        assertEquals(76, TensorFormat.gray(255, 0, 0));
        assertEquals(150, TensorFormat.gray(0, 255, 0));
        assertEquals(29, TensorFormat.gray(0, 0, 255));
        assertEquals(255, TensorFormat.gray(255, 255, 255));
    }

    @Test
    void batchingWritesOnlyTheSlotAtTheOffset() {
        var format = TensorFormat.of(TensorLayout.NCHW, ChannelOrder.RGB, 0f, 255f);
        int n = format.size(2, 1);
        float[] batch = new float[3 * n];
        Arrays.fill(batch, Float.NaN);
        TWO.toTensor(format, batch, n);
        for (int i = 0; i < batch.length; i++) {
            boolean inSlot = i >= n && i < 2 * n;
            assertEquals(inSlot, !Float.isNaN(batch[i]), "index " + i);
        }
        assertEquals(1f, batch[n + 1]);
        var e = assertThrows(IllegalArgumentException.class, () -> TWO.toTensor(format, batch, 2 * n + 1));
        assertTrue(e.getMessage().contains("needs 6 floats at offset 13"), e.getMessage());
    }

    @Test
    void formatIsValidatedAndImmutable() {
        assertThrows(IllegalArgumentException.class,
                () -> new TensorFormat(TensorLayout.NCHW, ChannelOrder.GRAY, new float[] {0, 0, 0}, new float[] {1, 1, 1}));
        assertThrows(IllegalArgumentException.class, () -> TensorFormat.of(TensorLayout.NCHW, ChannelOrder.RGB, 0, 0));
        float[] mean = {1, 2, 3};
        var format = new TensorFormat(TensorLayout.NCHW, ChannelOrder.RGB, mean, new float[] {1, 1, 1});
        mean[0] = 99;
        format.mean()[1] = 99;
        assertArrayEquals(new float[] {1, 2, 3}, format.mean());
    }
}
