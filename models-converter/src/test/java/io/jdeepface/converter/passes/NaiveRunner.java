package io.jdeepface.converter.passes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jdeepface.engine.graph.ConstantTensor;
import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.graph.ShapeInference;
import io.jdeepface.engine.graph.ValueInfo;
import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A slow reference interpreter for tests: naive loops for Conv, Gemm, BatchNormalization and the
 * activations (including the fused-activation attributes of docs/ir.md); every other op is run by
 * building a one-node graph of constants and letting the engine's constant evaluator compute it.
 */
final class NaiveRunner {
    private NaiveRunner() {}

    static Map<String, ConstantTensor> run(Graph g, Map<String, ConstantTensor> feeds) {
        Map<String, ConstantTensor> env = new HashMap<>(feeds);
        g.initializers().forEach((k, v) -> env.put(k, ConstantTensor.of(v)));
        for (Node n : g.nodes()) {
            List<ConstantTensor> in = new ArrayList<>();
            for (String s : n.inputs()) {
                in.add(s.isEmpty() ? null : env.get(s));
            }
            List<ConstantTensor> out = switch (n.opType()) {
                case "Conv" -> List.of(activate(n, conv(n, in), in.size() > 3 ? in.get(3) : null, 1));
                case "Gemm" -> List.of(activate(n, gemm(n, in), in.size() > 3 ? in.get(3) : null, 1));
                case "MatMul" -> List.of(gemm(new Node(n.name(), "Gemm", n.inputs(), n.outputs(), Map.of()),
                        in.subList(0, 2))); // 2-D only
                case "BatchNormalization" -> List.of(batchNorm(n, in));
                case "Clip" -> List.of(clip(in.get(0), clipBound(n, in, 1, "min", Float.NEGATIVE_INFINITY),
                        clipBound(n, in, 2, "max", Float.POSITIVE_INFINITY)));
                case "LeakyRelu" -> List.of(map(in.get(0), x -> x < 0 ? n.floatAttr("alpha", 0.01f) * x : x));
                case "PRelu" -> List.of(prelu(in.get(0), in.get(1)));
                case "Softmax" -> List.of(softmax(in.get(0), n.intAttr("axis", -1)));
                case "Pad" -> List.of(pad(n, in));
                case "GlobalAveragePool" -> List.of(globalAveragePool(in.get(0)));
                default -> delegate(n, in);
            };
            for (int i = 0; i < n.outputs().size(); i++) {
                env.put(n.outputs().get(i), out.get(i));
            }
        }
        return env;
    }

    static ConstantTensor output(Graph g, Map<String, ConstantTensor> feeds, String name) {
        return run(g, feeds).get(name);
    }

    static void assertClose(ConstantTensor expected, ConstantTensor actual, float tolerance) {
        assertEquals(expected.shape(), actual.shape());
        float[] e = expected.floats();
        float[] a = actual.floats();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], tolerance * Math.max(1, Math.abs(e[i])), "element " + i);
        }
    }

    static void assertSameOutputs(Graph before, Graph after, Map<String, ConstantTensor> feeds) {
        for (ValueInfo o : before.outputs()) {
            ConstantTensor e = output(before, feeds, o.name());
            ConstantTensor a = output(after, feeds, o.name());
            if (e.isFloat()) {
                assertClose(e, a, 1e-5f);
            } else {
                assertArrayEquals(e.longs(), a.longs());
            }
        }
    }

    static ConstantTensor random(long seed, long... dims) {
        Shape s = Shape.of(dims);
        return ConstantTensor.ofFloats(s, TestGraph.random(seed, Math.toIntExact(s.elementCount()), -2, 2));
    }

    private static List<ConstantTensor> delegate(Node n, List<ConstantTensor> in) {
        Map<String, Initializer> inits = new HashMap<>();
        for (int i = 0; i < in.size(); i++) {
            if (in.get(i) != null) {
                inits.put(n.input(i), in.get(i).toInitializer(n.input(i)));
            }
        }
        List<ValueInfo> outs = n.outputs().stream().filter(o -> !o.isEmpty())
                .map(o -> new ValueInfo(o, DataType.FLOAT32, Shape.scalar())).toList();
        Graph one = new Graph("one", List.of(), outs, List.of(n), inits, Map.of());
        Map<String, ConstantTensor> c = ShapeInference.analyze(one, Map.of(), Long.MAX_VALUE).constants();
        List<ConstantTensor> out = new ArrayList<>();
        for (String o : n.outputs()) {
            if (!o.isEmpty() && !c.containsKey(o)) {
                throw new IllegalStateException("NaiveRunner cannot run " + n.opType());
            }
            out.add(c.get(o));
        }
        return out;
    }

    private interface FloatOp {
        float apply(float x);
    }

    private static ConstantTensor map(ConstantTensor t, FloatOp op) {
        float[] x = t.floats();
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = op.apply(x[i]);
        }
        return ConstantTensor.ofFloats(t.shape(), y);
    }

    private static ConstantTensor clip(ConstantTensor t, float lo, float hi) {
        return map(t, x -> Math.min(hi, Math.max(lo, x)));
    }

    private static float clipBound(Node n, List<ConstantTensor> in, int i, String attr, float fallback) {
        if (n.attributes().containsKey(attr)) {
            return n.floatAttr(attr, fallback);
        }
        return i < in.size() && in.get(i) != null ? in.get(i).floats()[0] : fallback;
    }

    /** PRelu(x) = max(x, 0) + slope * min(x, 0), the broadcasting done by the engine evaluator. */
    private static ConstantTensor prelu(ConstantTensor x, ConstantTensor slope) {
        ConstantTensor pos = map(x, v -> Math.max(v, 0));
        ConstantTensor neg = map(x, v -> Math.min(v, 0));
        ConstantTensor scaled = delegate(new Node("m", "Mul", List.of("n", "s"), List.of("o"), Map.of()),
                List.of(neg, slope)).get(0);
        return delegate(new Node("a", "Add", List.of("p", "q"), List.of("o"), Map.of()), List.of(pos, scaled)).get(0);
    }

    /** Applies a fused activation (docs/ir.md) to an N x C x ... output, channel at dim 1. */
    private static ConstantTensor activate(Node n, ConstantTensor y, ConstantTensor slope, int channelDim) {
        String act = n.stringAttr("activation", "");
        return switch (act) {
            case "" -> y;
            case "Relu" -> map(y, x -> Math.max(x, 0));
            case "Sigmoid" -> map(y, x -> (float) (1 / (1 + Math.exp(-x))));
            case "LeakyRelu" -> map(y, x -> x < 0 ? n.floatAttr("activation_alpha", 0.01f) * x : x);
            case "Clip" -> clip(y, n.floatAttr("activation_min", Float.NaN), n.floatAttr("activation_max", Float.NaN));
            case "PRelu" -> {
                long[] d = y.shape().dims();
                int inner = Math.toIntExact(Shape.of(java.util.Arrays.copyOfRange(d, channelDim + 1, d.length)).elementCount());
                int c = (int) d[channelDim];
                float[] v = y.floats().clone();
                for (int i = 0; i < v.length; i++) {
                    float s = slope.floats()[(i / inner) % c];
                    v[i] = v[i] < 0 ? s * v[i] : v[i];
                }
                yield ConstantTensor.ofFloats(y.shape(), v);
            }
            default -> throw new IllegalArgumentException(act);
        };
    }

    private static ConstantTensor conv(Node n, List<ConstantTensor> in) {
        ConstantTensor x = in.get(0);
        ConstantTensor w = in.get(1);
        ConstantTensor b = in.size() > 2 ? in.get(2) : null;
        long[] xd = x.shape().dims();
        long[] wd = w.shape().dims();
        int group = (int) n.intAttr("group", 1);
        long[] strides = n.intsAttr("strides", new long[] {1, 1});
        long[] dil = n.intsAttr("dilations", new long[] {1, 1});
        long[] pads = n.intsAttr("pads", new long[4]);
        int batch = (int) xd[0];
        int cin = (int) xd[1];
        int h = (int) xd[2];
        int wid = (int) xd[3];
        int m = (int) wd[0];
        int cpg = (int) wd[1];
        int kh = (int) wd[2];
        int kw = (int) wd[3];
        int oh = (int) ((h + pads[0] + pads[2] - (dil[0] * (kh - 1) + 1)) / strides[0] + 1);
        int ow = (int) ((wid + pads[1] + pads[3] - (dil[1] * (kw - 1) + 1)) / strides[1] + 1);
        float[] xv = x.floats();
        float[] wv = w.floats();
        float[] out = new float[batch * m * oh * ow];
        int mpg = m / group;
        for (int nb = 0; nb < batch; nb++) {
            for (int oc = 0; oc < m; oc++) {
                int g = oc / mpg;
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double acc = b == null ? 0 : b.floats()[oc];
                        for (int ic = 0; ic < cpg; ic++) {
                            for (int ky = 0; ky < kh; ky++) {
                                for (int kx = 0; kx < kw; kx++) {
                                    long iy = oy * strides[0] - pads[0] + ky * dil[0];
                                    long ix = ox * strides[1] - pads[1] + kx * dil[1];
                                    if (iy < 0 || iy >= h || ix < 0 || ix >= wid) {
                                        continue;
                                    }
                                    int c = g * cpg + ic;
                                    acc += xv[(int) (((nb * cin + c) * h + iy) * wid + ix)]
                                            * wv[((oc * cpg + ic) * kh + ky) * kw + kx];
                                }
                            }
                        }
                        out[((nb * m + oc) * oh + oy) * ow + ox] = (float) acc;
                    }
                }
            }
        }
        return ConstantTensor.ofFloats(Shape.of(batch, m, oh, ow), out);
    }

    private static ConstantTensor gemm(Node n, List<ConstantTensor> in) {
        ConstantTensor a = in.get(0);
        ConstantTensor b = in.get(1);
        ConstantTensor c = in.size() > 2 ? in.get(2) : null;
        boolean ta = n.intAttr("transA", 0) != 0;
        boolean tb = n.intAttr("transB", 0) != 0;
        float alpha = n.floatAttr("alpha", 1);
        float beta = n.floatAttr("beta", 1);
        int m = (int) (ta ? a.shape().dim(1) : a.shape().dim(0));
        int k = (int) (ta ? a.shape().dim(0) : a.shape().dim(1));
        int nn = (int) (tb ? b.shape().dim(0) : b.shape().dim(1));
        float[] out = new float[m * nn];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < nn; j++) {
                double acc = 0;
                for (int p = 0; p < k; p++) {
                    float av = ta ? a.floats()[p * m + i] : a.floats()[i * k + p];
                    float bv = tb ? b.floats()[j * k + p] : b.floats()[p * nn + j];
                    acc += av * bv;
                }
                double cv = 0;
                if (c != null) { // C broadcasts from [], [N], [1,N], [M,1] or [M,N]
                    long[] cd = c.shape().dims();
                    int ci = cd.length == 0 ? 0 : cd.length == 1 ? (cd[0] == 1 ? 0 : j)
                            : (int) ((cd[0] == 1 ? 0 : i) * cd[1] + (cd[1] == 1 ? 0 : j));
                    cv = c.floats()[ci];
                }
                out[i * nn + j] = (float) (alpha * acc + beta * cv);
            }
        }
        return ConstantTensor.ofFloats(Shape.of(m, nn), out);
    }

    private static ConstantTensor batchNorm(Node n, List<ConstantTensor> in) {
        ConstantTensor x = in.get(0);
        long[] d = x.shape().dims();
        int c = (int) d[1];
        int inner = (int) (x.size() / d[0] / c);
        double eps = n.floatAttr("epsilon", 1e-5f);
        float[] v = x.floats().clone();
        for (int i = 0; i < v.length; i++) {
            int ch = (i / inner) % c;
            double norm = (v[i] - in.get(3).floats()[ch]) / Math.sqrt(in.get(4).floats()[ch] + eps);
            v[i] = (float) (norm * in.get(1).floats()[ch] + in.get(2).floats()[ch]);
        }
        return ConstantTensor.ofFloats(x.shape(), v);
    }

    private static ConstantTensor softmax(ConstantTensor x, long axisAttr) {
        long[] d = x.shape().dims();
        int axis = (int) (axisAttr < 0 ? axisAttr + d.length : axisAttr);
        int len = (int) d[axis];
        int inner = (int) Shape.of(java.util.Arrays.copyOfRange(d, axis + 1, d.length)).elementCount();
        int outer = x.size() / len / inner;
        float[] v = x.floats().clone();
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < len; k++) {
                    max = Math.max(max, v[(o * len + k) * inner + i]);
                }
                double sum = 0;
                for (int k = 0; k < len; k++) {
                    sum += Math.exp(v[(o * len + k) * inner + i] - max);
                }
                for (int k = 0; k < len; k++) {
                    int at = (o * len + k) * inner + i;
                    v[at] = (float) (Math.exp(v[at] - max) / sum);
                }
            }
        }
        return ConstantTensor.ofFloats(x.shape(), v);
    }

    /** Constant-mode Pad in the attribute or the input form. */
    private static ConstantTensor pad(Node n, List<ConstantTensor> in) {
        ConstantTensor x = in.get(0);
        long[] pads = n.attributes().containsKey("pads") ? n.intsAttr("pads", null) : in.get(1).longs();
        float value = n.attributes().containsKey("value") ? n.floatAttr("value", 0)
                : in.size() > 2 && in.get(2) != null ? in.get(2).floats()[0] : 0f;
        long[] d = x.shape().dims();
        int r = d.length;
        long[] od = new long[r];
        for (int i = 0; i < r; i++) {
            od[i] = d[i] + pads[i] + pads[i + r];
        }
        Shape os = Shape.of(od);
        float[] out = new float[Math.toIntExact(os.elementCount())];
        long[] idx = new long[r];
        for (int o = 0; o < out.length; o++) {
            long flat = 0;
            boolean inside = true;
            for (int k = 0; k < r; k++) {
                long src = idx[k] - pads[k];
                inside &= src >= 0 && src < d[k];
                flat = flat * d[k] + src;
            }
            out[o] = inside ? x.floats()[(int) flat] : value;
            for (int k = r - 1; k >= 0 && ++idx[k] == od[k]; k--) {
                idx[k] = 0;
            }
        }
        return ConstantTensor.ofFloats(os, out);
    }

    private static ConstantTensor globalAveragePool(ConstantTensor x) {
        long[] d = x.shape().dims();
        int planes = (int) (d[0] * d[1]);
        int area = x.size() / planes;
        float[] out = new float[planes];
        for (int p = 0; p < planes; p++) {
            double sum = 0;
            for (int i = 0; i < area; i++) {
                sum += x.floats()[p * area + i];
            }
            out[p] = (float) (sum / area);
        }
        long[] od = d.clone();
        for (int i = 2; i < od.length; i++) {
            od[i] = 1;
        }
        return ConstantTensor.ofFloats(Shape.of(od), out);
    }
}
