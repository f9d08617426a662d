package io.jdeepface.engine.ops.conv;

import io.jdeepface.engine.ops.activation.Activation;

/**
 * The static geometry of one 2-D convolution (NCHW input, OIHW weights), resolved at load time.
 * Output size: {@code out = (in + padBegin + padEnd - dilation*(k-1) - 1) / stride + 1}.
 */
public record ConvParams(int batch, int inChannels, int inHeight, int inWidth,
                         int outChannels, int kernelH, int kernelW,
                         int strideH, int strideW, int dilationH, int dilationW,
                         int padTop, int padLeft, int padBottom, int padRight,
                         int group, boolean hasBias, Activation activation) {

    public ConvParams {
        if (group <= 0 || inChannels % group != 0 || outChannels % group != 0) {
            throw new IllegalArgumentException("channels " + inChannels + "->" + outChannels
                    + " not divisible by group " + group);
        }
        if (strideH <= 0 || strideW <= 0 || dilationH <= 0 || dilationW <= 0 || kernelH <= 0 || kernelW <= 0) {
            throw new IllegalArgumentException("kernel, stride and dilation must be positive");
        }
        if (outHeight(inHeight, kernelH, strideH, dilationH, padTop, padBottom) <= 0
                || outHeight(inWidth, kernelW, strideW, dilationW, padLeft, padRight) <= 0) {
            throw new IllegalArgumentException("convolution output would be empty");
        }
    }

    private static int outHeight(int in, int k, int s, int d, int p0, int p1) {
        return Math.floorDiv(in + p0 + p1 - d * (k - 1) - 1, s) + 1; // floor: a window that never fits gives 0
    }

    public int outHeight() {
        return outHeight(inHeight, kernelH, strideH, dilationH, padTop, padBottom);
    }

    public int outWidth() {
        return outHeight(inWidth, kernelW, strideW, dilationW, padLeft, padRight);
    }

    public int inChannelsPerGroup() {
        return inChannels / group;
    }

    public int outChannelsPerGroup() {
        return outChannels / group;
    }

    /** One input channel per group and one or more outputs per channel (MobileNet style). */
    public boolean isDepthwise() {
        return group == inChannels && group > 1 && inChannelsPerGroup() == 1;
    }

    /** Multiply-accumulates of one run (all batches). */
    public long macs() {
        return (long) batch * outChannels * outHeight() * outWidth() * inChannelsPerGroup() * kernelH * kernelW;
    }
}
