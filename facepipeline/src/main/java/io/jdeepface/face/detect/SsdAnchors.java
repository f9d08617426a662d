package io.jdeepface.face.detect;

import java.util.Arrays;

/**
 * The anchor centres of MediaPipe's BlazeFace (its {@code SsdAnchorsCalculator} with
 * {@code fixed_anchor_size: true}, {@code aspect_ratios: [1.0]},
 * {@code interpolated_scale_aspect_ratio: 1.0}, offsets 0.5). Every anchor is a 1×1 box in
 * normalised coordinates, so only its centre matters; each layer puts 2 anchors on every cell of
 * its {@code ceil(size / stride)}-square grid, and consecutive layers with the same stride share
 * a grid. Order: grid by grid, row by row, cell by cell, anchor by anchor, as the model's outputs.
 *
 * <p>Front (128, strides 8/16/16/16): 16×16×2 + 8×8×6 = 512 + 384 = 896. Back (256, strides
 * 16/32/32/32): the same grids, so the same 896 normalised centres.
 */
final class SsdAnchors {
    private static final int ANCHORS_PER_LAYER = 2;

    private SsdAnchors() {}

    /** Centres as {@code [x0, y0, x1, y1, ...]}, in [0, 1] of the input. */
    static float[] centres(int inputSize, int... strides) {
        if (inputSize <= 0 || strides.length == 0 || Arrays.stream(strides).anyMatch(s -> s <= 0)) {
            throw new IllegalArgumentException("need a positive input size and strides, got " + inputSize + " and "
                    + Arrays.toString(strides));
        }
        float[] out = new float[2 * count(inputSize, strides)];
        int n = 0;
        for (int layer = 0; layer < strides.length; ) {
            int stride = strides[layer];
            int perCell = 0;
            for (; layer < strides.length && strides[layer] == stride; layer++) {
                perCell += ANCHORS_PER_LAYER;
            }
            int cells = (inputSize + stride - 1) / stride;
            for (int y = 0; y < cells; y++) {
                for (int x = 0; x < cells; x++) {
                    for (int a = 0; a < perCell; a++) {
                        out[n++] = (x + 0.5f) / cells;
                        out[n++] = (y + 0.5f) / cells;
                    }
                }
            }
        }
        return out;
    }

    /** How many anchors {@link #centres} gives. */
    static int count(int inputSize, int... strides) {
        int total = 0;
        for (int stride : strides) {
            int cells = (inputSize + stride - 1) / stride;
            total = Math.addExact(total, Math.multiplyExact(Math.multiplyExact(cells, cells), ANCHORS_PER_LAYER));
        }
        return total;
    }
}
