package io.jdeepface.converter.tfjs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.GraphValidator;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.graph.ValueInfo;
import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;
import io.jdeepface.testdata.TestPackages;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The seven TF.js face models of @vladmandic/human import into valid IR graphs of the expected form. */
class HumanModelsImportTest {
    private static final long Q = Shape.DYNAMIC;
    private static final Map<String, TfjsModel> CACHE = new ConcurrentHashMap<>();

    static TfjsModel model(String name) {
        return CACHE.computeIfAbsent(name, n -> {
            try {
                return TfjsImporter.read(TestPackages.HUMAN.file("models/" + n + ".json"));
            } catch (IOException e) {
                throw new AssertionError(n + ": " + e.getMessage(), e);
            }
        });
    }

    @Test
    void faceres() {
        // TF: Conv2D 14 + DepthwiseConv2dNative 13 -> Conv 27; Relu->Minimum(6)->Maximum(0) x27 -> Clip 27;
        // Add 27, Mul 13 (batch norm of the depthwise convs), Mean -> ReduceMean, _FusedMatMul 3 -> Gemm.
        TfjsModel m = model("faceres");
        check(m, Map.of("Transpose", 1, "Conv", 27, "Add", 27, "Clip", 27, "Mul", 13, "ReduceMean", 1,
                        "Gemm", 3, "Sigmoid", 1, "Softmax", 1),
                List.of(in("input_1", Q, 224, 224, 3)),
                List.of(in("gender_pred/Sigmoid", Q, 1), in("global_pooling/Mean", Q, 1024),
                        in("age_pred/Softmax", Q, 100)));
        Graph g = m.graph();
        for (Node clip : nodes(g, "Clip")) {
            assertEquals(0f, scalar(g, clip.input(1)), clip.name());
            assertEquals(6f, scalar(g, clip.input(2)), clip.name());
            assertEquals("Add", g.producer(clip.input(0)).orElseThrow().opType(), "Relu is folded into the Clip");
        }
        Node mean = nodes(g, "ReduceMean").getFirst();
        assertEquals(List.of(2L, 3L), longs(mean.intsAttr("axes", null)));
        assertEquals(0, mean.intAttr("keepdims", 1));
        assertEquals(Map.of("gender_pred/Sigmoid", "gender_pred/Sigmoid:0", "global_pooling/Mean", "global_pooling/Mean",
                "age_pred/Softmax", "age_pred/Softmax:0"), m.signatureKeys());
        assertEquals("https://github.com/HSE-asavchenko/HSE_FaceRec_tf", m.generatedBy());
        // The first conv: 3x3 stride 2 SAME on 224 -> 112, total padding 1, all of it at the end.
        Node first = nodes(g, "Conv").getFirst();
        assertEquals(List.of(0L, 0L, 1L, 1L), longs(first.intsAttr("pads", null)));
        assertEquals(Shape.of(32, 3, 3, 3), g.initializer(first.input(1)).orElseThrow().shape());
        // Depthwise convs are grouped convs with one input channel per group.
        Node dw = g.producer("conv_dw_1/depthwise").orElseThrow();
        assertEquals(32, dw.intAttr("group", 0));
        assertEquals(Shape.of(32, 1, 3, 3), g.initializer(dw.input(1)).orElseThrow().shape());
        assertEquals(Shape.of(32, 1, 1), g.initializer(g.producer("conv_dw_1_bn/batchnorm_1/mul_1").orElseThrow()
                .input(1)).orElseThrow().shape(), "a per-channel [C] constant broadcasts as [C,1,1] in NCHW");
    }

    @Test
    void emotion() {
        // _FusedConv2D 9 + DepthwiseConv2dNative 4 -> Conv 13; AddV2 -> Add; the Identity output is dropped.
        TfjsModel m = model("emotion");
        check(m, Map.of("Transpose", 1, "Conv", 13, "MaxPool", 2, "Add", 2, "Relu", 1, "ReduceMean", 1, "Softmax", 1),
                List.of(in("input_1", Q, 64, 64, 1)),
                List.of(in("Identity", Q, 7)));
        Graph g = m.graph();
        Node softmax = g.producer("Identity").orElseThrow();
        assertEquals("Softmax", softmax.opType());
        assertEquals("StatefulPartitionedCall/model_1/predictions/Softmax", softmax.name(), "node keeps its TF name");
        for (Node pool : nodes(g, "MaxPool")) {
            // 3x3 stride 2 SAME on 29 and on 15: total padding 2, split evenly.
            assertEquals(List.of(1L, 1L, 1L, 1L), longs(pool.intsAttr("pads", null)), pool.name());
        }
        assertEquals(4, nodes(g, "Conv").stream().filter(c -> "Relu".equals(c.stringAttr("activation", ""))).count());
    }

    @Test
    void antispoof() {
        // The flatten (Reshape of [N,14,14,16]) needs TF's NHWC element order: one Transpose before it.
        TfjsModel m = model("antispoof");
        check(m, Map.of("Transpose", 2, "Conv", 3, "MaxPool", 3, "Relu", 3, "Reshape", 1, "Gemm", 2, "Sigmoid", 1),
                List.of(in("conv2d_input", Q, 128, 128, 3)),
                List.of(in("Identity", Q, 1)));
        Graph g = m.graph();
        Node reshape = nodes(g, "Reshape").getFirst();
        Node before = g.producer(reshape.input(0)).orElseThrow();
        assertEquals("Transpose", before.opType());
        assertEquals(List.of(0L, 2L, 3L, 1L), longs(before.intsAttr("perm", null)));
        assertEquals(List.of(-1L, 3136L), longs(g.initializer(reshape.input(1)).orElseThrow().toLongArray()));
        assertEquals(Map.of("Identity", "activation_4"), m.signatureKeys());
        Node dense = g.producer(nodes(g, "Gemm").getFirst().outputs().getFirst()).orElseThrow();
        assertEquals(Shape.of(3136, 128), g.initializer(dense.input(1)).orElseThrow().shape());
        assertEquals(0, dense.intAttr("transB", -1));
    }

    @Test
    void liveness() {
        // Batch norms after the convs stay Mul + Add with [C,1,1] constants; the one after the dense layer with [C].
        TfjsModel m = model("liveness");
        check(m, Map.of("Transpose", 2, "Conv", 4, "Mul", 5, "Add", 5, "MaxPool", 2, "Reshape", 1, "Gemm", 2, "Softmax", 1),
                List.of(in("conv2d_1_input", Q, 32, 32, 3)),
                List.of(in("Identity", Q, 2)));
        Graph g = m.graph();
        for (Node mul : nodes(g, "Mul")) {
            Initializer c = g.initializer(mul.input(1)).orElseThrow();
            int rank = g.valueInfo(mul.outputs().getFirst()).orElseThrow().shape().rank();
            assertEquals(rank == 4 ? 3 : 1, c.shape().rank(), mul.name());
        }
    }

    @Test
    void blazeface() {
        // Four Reshapes of 4-D conv outputs, each after a Transpose back to NHWC; two channel Pads.
        TfjsModel m = model("blazeface");
        check(m, Map.of("Transpose", 5, "Conv", 69, "Add", 31, "Relu", 31, "MaxPool", 3, "Pad", 2, "Reshape", 4),
                List.of(in("input", 1, 256, 256, 3)),
                List.of(in("Identity", 1, 512, 1), in("Identity_2", 1, 512, 16), in("Identity_3", 1, 384, 16),
                        in("Identity_1", 1, 384, 1)));
        Graph g = m.graph();
        for (Node pad : nodes(g, "Pad")) {
            long[] pads = g.initializer(pad.input(1)).orElseThrow().toLongArray();
            // TF pads only channels [[0,0],[0,0],[0,0],[0,c]]; in NCHW the C axis is 1: ends at index 4+1.
            assertEquals(0, pads[0] + pads[1] + pads[2] + pads[3] + pads[4] + pads[6] + pads[7], pad.name());
            assertTrue(pads[5] > 0, pad.name());
        }
        // The 5x5 stride-2 SAME first conv pads 1 before and 2 after.
        assertEquals(List.of(1L, 1L, 2L, 2L), longs(nodes(g, "Conv").getFirst().intsAttr("pads", null)));
        assertTrue(m.signatureKeys().isEmpty(), "no top-level signature: outputs are the unconsumed nodes");
    }

    @Test
    void facemesh() {
        // The Reshapes flatten [N,1,1,C] values, whose element order is the same in NCHW: no Transposes.
        TfjsModel m = model("facemesh");
        check(m, Map.of("Transpose", 1, "Conv", 55, "Add", 24, "PRelu", 24, "MaxPool", 7, "Pad", 3, "Sigmoid", 1,
                        "Reshape", 3),
                List.of(in("input_1", Q, 192, 192, 3)),
                List.of(in("Identity_2", Q, 1404), in("Identity_1", Q, 1), in("Identity", Q, 266)));
        Graph g = m.graph();
        assertEquals(Map.of("Identity_2", "output_mesh", "Identity_1", "output_faceflag", "Identity", "output_contours"),
                m.signatureKeys());
        List<Node> fusedPrelu = nodes(g, "Conv").stream().filter(c -> "PRelu".equals(c.stringAttr("activation", ""))).toList();
        assertEquals(4, fusedPrelu.size());
        for (Node c : fusedPrelu) {
            long channels = g.initializer(c.input(1)).orElseThrow().shape().dim(0);
            assertEquals(Shape.of(channels), g.initializer(c.input(3)).orElseThrow().shape(), c.name());
        }
        for (Node p : nodes(g, "PRelu")) {
            assertEquals(3, g.initializer(p.input(1)).orElseThrow().shape().rank(), "slope [C,1,1]: " + p.name());
        }
    }

    @Test
    void iris() {
        // The output is 4-D ([N,1,1,228] in TF): a Transpose gives it back in NHWC.
        TfjsModel m = model("iris");
        check(m, Map.of("Transpose", 2, "Conv", 81, "Add", 26, "PRelu", 26, "MaxPool", 6, "Pad", 1, "Concat", 1),
                List.of(in("input_1", Q, 64, 64, 3)),
                List.of(in("Identity", Q, 1, 1, 228)));
        Graph g = m.graph();
        Node out = g.producer("Identity").orElseThrow();
        assertEquals("Transpose", out.opType());
        assertEquals(List.of(0L, 2L, 3L, 1L), longs(out.intsAttr("perm", null)));
        Node concat = g.producer(out.input(0)).orElseThrow();
        assertEquals("Concat", concat.opType());
        assertEquals(1, concat.intAttr("axis", -1), "TF concatenates channels (axis 3 / -1): NCHW axis 1");
        assertEquals(Set.of("input_1", "Identity"), m.nhwcInterface());
    }

    /** Structure every imported model must have, plus its op counts and interface. */
    private static void check(TfjsModel m, Map<String, Integer> opCounts, List<ValueInfo> inputs, List<ValueInfo> outputs) {
        Graph g = m.graph();
        GraphValidator.validate(g);
        assertEquals(opCounts, g.opCounts());
        assertEquals(inputs, g.inputs());
        assertEquals(outputs, g.outputs());
        assertFalse(g.opCounts().containsKey("Identity"));
        // The input is followed by its NCHW Transpose.
        Node t = g.consumers(inputs.getFirst().name()).getFirst();
        assertEquals("Transpose", t.opType());
        assertEquals(List.of(0L, 3L, 1L, 2L), longs(t.intsAttr("perm", null)));
        for (Node n : g.nodes()) {
            String out = n.outputs().getFirst();
            if (!g.isGraphOutput(out)) {
                assertTrue(g.valueInfos().containsKey(out), "shape recorded for " + out);
            }
            if (n.opType().equals("Conv")) {
                checkConv(g, n);
            }
        }
        for (String init : g.initializers().keySet()) {
            assertFalse(g.consumers(init).isEmpty() && !g.isGraphOutput(init), "unused initializer " + init);
        }
    }

    /** A conv's OIHW filter fits its input channels, groups and recorded output shape. */
    private static void checkConv(Graph g, Node conv) {
        Shape w = g.initializer(conv.input(1)).orElseThrow().shape();
        Shape x = g.valueInfo(conv.input(0)).orElseThrow().shape();
        Shape y = g.valueInfo(conv.outputs().getFirst()).orElseThrow().shape();
        long group = conv.intAttr("group", 1);
        assertEquals(x.dim(1), w.dim(1) * group, conv.name());
        assertEquals(y.dim(1), w.dim(0), conv.name());
        assertEquals(List.of(w.dim(2), w.dim(3)), longs(conv.intsAttr("kernel_shape", null)), conv.name());
        if (conv.hasInput(2)) {
            assertEquals(Shape.of(w.dim(0)), g.initializer(conv.input(2)).orElseThrow().shape(), conv.name());
        }
    }

    private static List<Node> nodes(Graph g, String op) {
        return g.nodes().stream().filter(n -> n.opType().equals(op)).toList();
    }

    private static float scalar(Graph g, String name) {
        Initializer i = g.initializer(name).orElseThrow();
        assertEquals(0, i.shape().rank());
        return i.toFloatArray()[0];
    }

    static List<Long> longs(long[] values) {
        List<Long> out = new ArrayList<>();
        for (long v : values) {
            out.add(v);
        }
        return out;
    }

    private static ValueInfo in(String name, long... dims) {
        return new ValueInfo(name, DataType.FLOAT32, Shape.of(dims));
    }
}
