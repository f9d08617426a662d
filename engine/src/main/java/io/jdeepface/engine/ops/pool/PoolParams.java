package io.jdeepface.engine.ops.pool;

/**
 * The static geometry of one 2-D pooling over {@code planes = N*C} independent H x W planes (1-D
 * pooling is the case H = 1), resolved at load. Output element (oy, ox) covers input rows
 * {@code oy*strideH - padTop + ky*dilationH} and columns {@code ox*strideW - padLeft + kx*dilationW};
 * positions outside the input are padding and never contribute to the max or the sum.
 */
record PoolParams(Kind kind, boolean countIncludePad, int planes,
                  int inH, int inW, int outH, int outW,
                  int kernelH, int kernelW, int strideH, int strideW, int dilationH, int dilationW,
                  int padTop, int padLeft, int padBottom, int padRight) {

    enum Kind { MAX, AVERAGE }

    /** What MaxPool yields for a window holding no input element (ONNX Runtime: the lowest float). */
    static final float EMPTY_MAX = -Float.MAX_VALUE;

    /**
     * The divisor of AveragePool for a window starting at input row y0 (or column): with
     * count_include_pad the window positions inside [-padBegin, in + padEnd), i.e. padding counts
     * but the overhang that ceil_mode adds beyond the end padding does not (ONNX reference,
     * PyTorch); without it only positions inside the input. Dilation is 1 for AveragePool.
     */
    static int averageSpan(int start, int kernel, int in, int padEnd, boolean includePad) {
        if (includePad) {
            return Math.min(start + kernel, in + padEnd) - start;
        }
        return Math.max(0, Math.min(start + kernel, in) - Math.max(start, 0));
    }

    /** First output column whose whole window lies inside the input. */
    int interiorStart() {
        return Math.min(outW, (padLeft + strideW - 1) / strideW);
    }

    /** One past the last output column whose whole window lies inside the input. */
    int interiorEnd() {
        int lastStart = inW - 1 - (kernelW - 1) * dilationW + padLeft; // largest ox*strideW allowed
        if (lastStart < 0) {
            return interiorStart();
        }
        return Math.max(interiorStart(), Math.min(outW, lastStart / strideW + 1));
    }

    long work() {
        return (long) planes * outH * outW * kernelH * kernelW;
    }
}
