package io.jdeepface.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The layer shapes of the kernel benchmarks: the largest convolutions (by multiply-accumulates) of
 * fr_feature, fr_detect and fr_expression at batch 1, as {@link LayerShapes} lists them, and two
 * matrix products of the same sizes as a 1x1 and a 3x3 convolution of those models.
 */
public final class KernelShapes {
    private KernelShapes() {}

    /** A convolution NCHW input {@code c x h x w}, {@code oc} outputs, square kernel, fused activation ("" = none). */
    public record ConvShape(int c, int h, int w, int oc, int k, int stride, int pad, String activation) implements Layer {
        public int outH() {
            return (h + 2 * pad - k) / stride + 1;
        }

        public int outW() {
            return (w + 2 * pad - k) / stride + 1;
        }

        @Override
        public long flops() {
            return 2L * oc * outH() * outW() * c * k * k;
        }
    }

    /** {@code C[m x n] = A[m x k] · B[k x n]}, B constant (weights). */
    public record MatMulShape(int m, int k, int n) implements Layer {
        @Override
        public long flops() {
            return 2L * m * n * k;
        }
    }

    /** A benchmarked layer: its floating-point operations per run (a multiply-add counts as 2). */
    public sealed interface Layer permits ConvShape, MatMulShape {
        long flops();
    }

    /** By benchmark parameter name. */
    public static final Map<String, Layer> LAYERS = new LinkedHashMap<>();

    static {
        LAYERS.put("fr_feature.Conv_4", new ConvShape(64, 56, 56, 128, 1, 1, 0, "PRelu"));
        LAYERS.put("fr_feature.Conv_74", new ConvShape(128, 14, 14, 512, 1, 1, 0, "PRelu"));
        LAYERS.put("fr_detect.Conv_4", new ConvShape(16, 120, 160, 32, 1, 1, 0, "Relu"));
        LAYERS.put("fr_detect.Conv_0", new ConvShape(3, 240, 320, 16, 3, 2, 1, "Relu"));
        LAYERS.put("fr_expression.Conv_0", new ConvShape(3, 224, 224, 64, 7, 2, 3, "Relu"));
        LAYERS.put("fr_expression.Conv_8", new ConvShape(128, 56, 56, 32, 3, 1, 1, ""));
        LAYERS.put("matmul.3136x64x128", new MatMulShape(3136, 64, 128));
        LAYERS.put("matmul.3136x1152x32", new MatMulShape(3136, 1152, 32));
    }
}
