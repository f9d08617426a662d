package io.jdeepface.converter.tfjs;

import static io.jdeepface.converter.tfjs.HumanModelsImportTest.longs;
import static io.jdeepface.converter.tfjs.TfjsFixture.b;
import static io.jdeepface.converter.tfjs.TfjsFixture.f;
import static io.jdeepface.converter.tfjs.TfjsFixture.i;
import static io.jdeepface.converter.tfjs.TfjsFixture.ints;
import static io.jdeepface.converter.tfjs.TfjsFixture.iota;
import static io.jdeepface.converter.tfjs.TfjsFixture.shape;
import static io.jdeepface.converter.tfjs.TfjsFixture.str;
import static io.jdeepface.converter.tfjs.TfjsFixture.strs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.GraphValidator;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.graph.ValueInfo;
import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-made graph models whose every converted weight, pad and transpose is known. */
class TinyModelTest {
    @TempDir
    Path dir;

    @Test
    void conv2dSameStride2OnOddInputGetsAsymmetricPadsAndOihwWeights() throws Exception {
        // HWIO filter [3, 4, 2, 3] holding 0, 1, 2, ... in TF order.
        Path json = new TfjsFixture()
                .placeholder("x", 1, 7, 5, 2)
                .constant("w", shape(3, 4, 2, 3), iota(72))
                .node("conv", "Conv2D", List.of("x", "w"),
                        Map.of("strides", ints(1, 2, 2, 1), "padding", str("SAME"), "data_format", str("NHWC")))
                .write(dir, "conv");
        TfjsModel m = TfjsImporter.read(json);
        Graph g = m.graph();
        GraphValidator.validate(g);
        assertEquals(List.of("Transpose", "Conv", "Transpose"), g.nodes().stream().map(Node::opType).toList());

        Node toNchw = g.nodes().get(0);
        assertEquals(List.of("x"), toNchw.inputs());
        assertEquals(List.of(0L, 3L, 1L, 2L), longs(toNchw.intsAttr("perm", null)));

        Node conv = g.nodes().get(1);
        assertEquals(List.of(toNchw.outputs().getFirst(), "w"), conv.inputs());
        // H: 7 -> ceil(7/2) = 4, total (4-1)*2 + 3 - 7 = 2 -> 1 + 1.
        // W: 5 -> 3, total (3-1)*2 + 4 - 5 = 3 -> 1 before, 2 after (TF puts the extra at the end).
        assertEquals(List.of(1L, 1L, 1L, 2L), longs(conv.intsAttr("pads", null)));
        assertEquals(List.of(2L, 2L), longs(conv.intsAttr("strides", null)));
        assertEquals(List.of(3L, 4L), longs(conv.intsAttr("kernel_shape", null)));
        assertEquals(List.of(1L, 1L), longs(conv.intsAttr("dilations", null)));
        assertEquals(1, conv.intAttr("group", 0));

        Initializer w = g.initializer("w").orElseThrow();
        assertEquals(Shape.of(3, 2, 3, 4), w.shape());
        float[] oihw = w.toFloatArray();
        for (int o = 0; o < 3; o++) {
            for (int in = 0; in < 2; in++) {
                for (int y = 0; y < 3; y++) {
                    for (int x = 0; x < 4; x++) {
                        float tf = ((y * 4 + x) * 2 + in) * 3 + o;
                        assertEquals(tf, oihw[((o * 2 + in) * 3 + y) * 4 + x], "w[" + o + "," + in + "," + y + "," + x + "]");
                    }
                }
            }
        }
        // The conv is itself the (4-D) output: its NCHW value moves aside, a Transpose gives TF's NHWC.
        Node back = g.nodes().get(2);
        assertEquals(List.of(conv.outputs().getFirst()), back.inputs());
        assertEquals(List.of("conv"), back.outputs());
        assertEquals(List.of(0L, 2L, 3L, 1L), longs(back.intsAttr("perm", null)));
        assertEquals(Shape.of(1, 3, 4, 3), g.valueInfo(conv.outputs().getFirst()).orElseThrow().shape());
        assertEquals(List.of(new ValueInfo("conv", DataType.FLOAT32, Shape.of(1, 4, 3, 3))), g.outputs());
        assertEquals(List.of(new ValueInfo("x", DataType.FLOAT32, Shape.of(1, 7, 5, 2))), g.inputs());
        assertEquals(java.util.Set.of("x", "conv"), m.nhwcInterface());
    }

    @Test
    void depthwiseConvBecomesGroupedConvWithChannelMajorFilter() throws Exception {
        // [H, W, C, M] = [3, 3, 3, 2]; dilation 2 makes the 3x3 window span 5: SAME pads 2 on each side.
        Path json = new TfjsFixture()
                .placeholder("x", -1, 5, 5, 3)
                .constant("dw", shape(3, 3, 3, 2), iota(54))
                .node("depthwise", "DepthwiseConv2dNative", List.of("x", "dw"),
                        Map.of("strides", ints(1, 1, 1, 1), "dilations", ints(1, 2, 2, 1), "padding", str("SAME")))
                .node("y", "Relu", List.of("depthwise"), Map.of())
                .write(dir, "dw");
        Graph g = TfjsImporter.read(json).graph();
        GraphValidator.validate(g);
        Node conv = g.producer("depthwise").orElseThrow();
        assertEquals(3, conv.intAttr("group", 0));
        assertEquals(List.of(2L, 2L, 2L, 2L), longs(conv.intsAttr("pads", null)));
        assertEquals(List.of(2L, 2L), longs(conv.intsAttr("dilations", null)));
        Initializer w = g.initializer("dw").orElseThrow();
        assertEquals(Shape.of(6, 1, 3, 3), w.shape());
        float[] v = w.toFloatArray();
        for (int c = 0; c < 3; c++) {
            for (int mult = 0; mult < 2; mult++) {
                for (int y = 0; y < 3; y++) {
                    for (int x = 0; x < 3; x++) {
                        // Output channel c*M + m of TF's depthwise conv reads input channel c.
                        float tf = ((y * 3 + x) * 3 + c) * 2 + mult;
                        assertEquals(tf, v[((c * 2 + mult) * 3 + y) * 3 + x]);
                    }
                }
            }
        }
        assertEquals(Shape.of(Shape.DYNAMIC, 6, 5, 5), g.valueInfo("depthwise").orElseThrow().shape());
        assertEquals(List.of(new ValueInfo("y", DataType.FLOAT32, Shape.of(Shape.DYNAMIC, 5, 5, 6))), g.outputs());
    }

    @Test
    void fusedConvWithPreluThenFlattenThenFusedMatMul() throws Exception {
        Path json = new TfjsFixture()
                .placeholder("x", -1, 4, 4, 2)
                .constant("w", shape(1, 1, 2, 3), iota(6))
                .constant("bias", shape(3), 0.5f, 1.5f, 2.5f)
                .constant("alpha", shape(1, 1, 3), 0.1f, 0.2f, 0.3f)
                .node("conv", "_FusedConv2D", List.of("x", "w", "bias", "alpha"),
                        Map.of("strides", ints(1, 1, 1, 1), "padding", str("VALID"),
                                "fused_ops", strs("BiasAdd", "Prelu"), "num_args", i(2), "epsilon", f(0f)))
                .intConstant("flat_shape", shape(2), -1, 48)
                .node("flat", "Reshape", List.of("conv", "flat_shape"), Map.of())
                .constant("kernel", shape(5, 48), iota(240))
                .constant("dense_bias", shape(5), 1, 2, 3, 4, 5)
                .node("dense", "_FusedMatMul", List.of("flat", "kernel", "dense_bias", "^x"),
                        Map.of("transpose_a", b(false), "transpose_b", b(true), "fused_ops", strs("BiasAdd", "Relu"),
                                "num_args", i(1)))
                .node("out", "Identity", List.of("dense:0"), Map.of())
                .signatureOutput("probabilities", "out:0")
                .write(dir, "dense");
        TfjsModel m = TfjsImporter.read(json);
        Graph g = m.graph();
        GraphValidator.validate(g);
        assertEquals(List.of("Transpose", "Conv", "Transpose", "Reshape", "Gemm"),
                g.nodes().stream().map(Node::opType).toList());

        Node conv = g.producer("conv").orElseThrow();
        assertEquals("PRelu", conv.stringAttr("activation", ""));
        assertEquals(List.of("x/nchw", "w", "bias", "alpha"), conv.inputs());
        assertEquals(Shape.of(3), g.initializer("alpha").orElseThrow().shape(), "slope as a [C] vector");
        assertEquals(List.of(0.1f, 0.2f, 0.3f), boxed(g.initializer("alpha").orElseThrow().toFloatArray()));
        assertEquals(List.of(0L, 0L, 0L, 0L), longs(conv.intsAttr("pads", null)));

        // TF flattens NHWC: back to NHWC before the Reshape.
        Node toNhwc = g.nodes().get(2);
        assertEquals(List.of("conv"), toNhwc.inputs());
        assertEquals(List.of(0L, 2L, 3L, 1L), longs(toNhwc.intsAttr("perm", null)));
        Node reshape = g.producer("flat").orElseThrow();
        assertEquals(toNhwc.outputs(), List.of(reshape.input(0)));
        Initializer target = g.initializer(reshape.input(1)).orElseThrow();
        assertEquals(DataType.INT64, target.type());
        assertEquals(List.of(-1L, 48L), longs(target.toLongArray()));

        // The output is reached through Identity: the Gemm writes it under the Identity's name.
        Node gemm = g.producer("out").orElseThrow();
        assertEquals("dense", gemm.name());
        assertEquals(List.of("flat", "kernel", "dense_bias"), gemm.inputs());
        assertEquals(0, gemm.intAttr("transA", -1));
        assertEquals(1, gemm.intAttr("transB", -1));
        assertEquals("Relu", gemm.stringAttr("activation", ""));
        assertEquals(Shape.of(5, 48), g.initializer("kernel").orElseThrow().shape(), "B kept as TF has it");
        assertEquals(List.of(new ValueInfo("out", DataType.FLOAT32, Shape.of(Shape.DYNAMIC, 5))), g.outputs());
        assertEquals(Map.of("out", "probabilities"), m.signatureKeys());
        assertEquals(Shape.of(Shape.DYNAMIC, 48), g.valueInfo("flat").orElseThrow().shape());
    }

    @Test
    void layoutSensitiveOpsGetNchwAxesAndOperands() throws Exception {
        Path json = new TfjsFixture()
                .placeholder("x", -1, 6, 6, 4)
                .intConstant("paddings", shape(4, 2), 0, 0, 1, 2, 3, 4, 0, 5)
                .node("pad", "Pad", List.of("x", "paddings"), Map.of())
                .constant("offset", shape(9), iota(9))
                .node("shifted", "AddV2", List.of("pad", "offset"), Map.of())
                .intConstant("hw", shape(2), 1, 2)
                .node("pooled", "Mean", List.of("shifted", "hw"), Map.of("keep_dims", b(false)))
                .intConstant("h", shape(), 1)
                .node("rows", "Mean", List.of("shifted", "h"), Map.of("keep_dims", b(false)))
                .intConstant("last", shape(), -1)
                .node("joined", "ConcatV2", List.of("shifted", "shifted", "last"), Map.of("N", i(2)))
                .node("probs", "Softmax", List.of("joined"), Map.of())
                .node("six", "Relu6", List.of("probs"), Map.of())
                .write(dir, "layout");
        Graph g = TfjsImporter.read(json).graph();
        GraphValidator.validate(g);

        // TF pads [N, H, W, C] = [0/0, 1/2, 3/4, 0/5]; ONNX lists begins then ends in NCHW order.
        Node pad = g.producer("pad").orElseThrow();
        assertEquals(List.of(0L, 0L, 1L, 3L, 0L, 5L, 2L, 4L), longs(g.initializer(pad.input(1)).orElseThrow().toLongArray()));
        assertEquals("constant", pad.stringAttr("mode", ""));
        assertEquals(Shape.of(Shape.DYNAMIC, 9, 9, 13), g.valueInfo("pad").orElseThrow().shape());

        Node add = g.producer("shifted").orElseThrow();
        assertEquals(Shape.of(9, 1, 1), g.initializer(add.input(1)).orElseThrow().shape(), "[C] broadcasts as [C,1,1]");

        Node pooled = g.producer("pooled").orElseThrow();
        assertEquals(List.of(2L, 3L), longs(pooled.intsAttr("axes", null)));
        assertEquals(Shape.of(Shape.DYNAMIC, 9), g.outputs().stream().filter(o -> o.name().equals("pooled"))
                .findFirst().orElseThrow().shape());

        // Dropping H of NCHW leaves [N, C, W]; TF has [N, W, C]: a Transpose restores TF's order.
        Node rows = g.producer("rows").orElseThrow();
        assertEquals("Transpose", rows.opType());
        assertEquals(List.of(0L, 2L, 1L), longs(rows.intsAttr("perm", null)));
        Node rowsMean = g.producer(rows.input(0)).orElseThrow();
        assertEquals(List.of(2L), longs(rowsMean.intsAttr("axes", null)));
        assertEquals(Shape.of(Shape.DYNAMIC, 9, 13), g.valueInfo(rows.input(0)).orElseThrow().shape());

        assertEquals(1, g.producer("joined").orElseThrow().intAttr("axis", -1), "axis -1 of NHWC is C");
        assertEquals(1, g.producer("probs").orElseThrow().intAttr("axis", -1), "softmax over C");
        Node six = g.producer(g.producer("six").orElseThrow().input(0)).orElseThrow();
        assertEquals("Clip", six.opType());
        assertEquals(0f, g.initializer(six.input(1)).orElseThrow().toFloatArray()[0]);
        assertEquals(6f, g.initializer(six.input(2)).orElseThrow().toFloatArray()[0]);
        assertEquals(List.of("pooled", "rows", "six"), g.outputs().stream().map(ValueInfo::name).toList());
        assertEquals(Shape.of(Shape.DYNAMIC, 9, 13, 18), g.outputs().get(2).shape());
    }

    @Test
    void reluMinimumMaximumWithScalarsFoldsIntoOneClip() throws Exception {
        Path json = new TfjsFixture()
                .placeholder("x", -1, 8)
                .node("relu", "Relu", List.of("x"), Map.of())
                .constant("hi", shape(), 6f)
                .node("min", "Minimum", List.of("relu", "hi"), Map.of())
                .constant("lo", shape(), 0f)
                .node("clip", "Maximum", List.of("min", "lo"), Map.of())
                .constant("other", shape(), 2f)
                .node("lone", "Minimum", List.of("other", "x"), Map.of())
                .write(dir, "clip");
        Graph g = TfjsImporter.read(json).graph();
        GraphValidator.validate(g);
        assertEquals(Map.of("Clip", 2), g.opCounts());
        Node clip = g.producer("clip").orElseThrow();
        assertEquals(List.of("x", "lo", "hi"), clip.inputs());
        Node lone = g.producer("lone").orElseThrow();
        assertEquals(List.of("x", "", "other"), lone.inputs(), "a lone Minimum is a Clip with only a max");
    }

    @Test
    void reshapeOfOneByOneImageNeedsNoTranspose() throws Exception {
        Path json = new TfjsFixture()
                .placeholder("x", -1, 1, 1, 7)
                .intConstant("s", shape(2), -1, 7)
                .node("flat", "Reshape", List.of("x", "s"), Map.of())
                .intConstant("s4", shape(4), -1, 1, 1, 7)
                .node("back", "Reshape", List.of("flat", "s4"), Map.of())
                .node("y", "Relu", List.of("back"), Map.of())
                .write(dir, "flat");
        Graph g = TfjsImporter.read(json).graph();
        GraphValidator.validate(g);
        assertEquals(List.of("Transpose", "Reshape", "Reshape", "Relu", "Transpose"),
                g.nodes().stream().map(Node::opType).toList());
        Node back = g.producer("back").orElseThrow();
        assertEquals(List.of(-1L, 7L, 1L, 1L), longs(g.initializer(back.input(1)).orElseThrow().toLongArray()),
                "reshaped straight to the NCHW shape");
        assertEquals(Shape.of(Shape.DYNAMIC, 7, 1, 1), g.valueInfo("back").orElseThrow().shape());
    }

    @Test
    void reshapeToAnImageTransposesAfter() throws Exception {
        Path json = new TfjsFixture()
                .placeholder("x", 2, 12)
                .intConstant("s", shape(4), 2, 2, 3, 2)
                .node("img", "Reshape", List.of("x", "s"), Map.of())
                .node("y", "Sigmoid", List.of("img"), Map.of())
                .write(dir, "unflat");
        Graph g = TfjsImporter.read(json).graph();
        GraphValidator.validate(g);
        assertEquals(List.of("Reshape", "Transpose", "Sigmoid", "Transpose"), g.nodes().stream().map(Node::opType).toList());
        Node t = g.producer("img").orElseThrow();
        assertEquals("Transpose", t.opType());
        assertEquals(List.of(0L, 3L, 1L, 2L), longs(t.intsAttr("perm", null)));
        assertEquals(Shape.of(2, 2, 2, 3), g.valueInfo("img").orElseThrow().shape());
        assertTrue(g.inputs().getFirst().shape().equals(Shape.of(2, 12)));
    }

    @Test
    void fusedConvWithRelu6AndExplicitPaddingAndMaxPool() throws Exception {
        Path json = new TfjsFixture()
                .placeholder("x", 1, 5, 5, 1)
                .constant("w", shape(2, 2, 1, 1), 1, 2, 3, 4)
                .constant("bias", shape(1), 0.25f)
                .node("conv", "_FusedConv2D", List.of("x", "w", "bias"),
                        Map.of("strides", ints(1, 1, 1, 1), "padding", str("EXPLICIT"),
                                "explicit_paddings", ints(0, 0, 1, 2, 0, 3, 0, 0),
                                "fused_ops", strs("BiasAdd", "Relu6"), "num_args", i(1)))
                .node("pool", "MaxPool", List.of("conv"),
                        Map.of("ksize", ints(1, 2, 2, 1), "strides", ints(1, 2, 2, 1), "padding", str("SAME")))
                .write(dir, "explicit");
        Graph g = TfjsImporter.read(json).graph();
        Node conv = g.producer("conv").orElseThrow();
        assertEquals(List.of(1L, 0L, 2L, 3L), longs(conv.intsAttr("pads", null)), "[top, left, bottom, right]");
        assertEquals("Clip", conv.stringAttr("activation", ""));
        assertEquals(0f, conv.floatAttr("activation_min", -1));
        assertEquals(6f, conv.floatAttr("activation_max", -1));
        // (5 + 1 + 2 - 2) + 1 = 7 rows, (5 + 0 + 3 - 2) + 1 = 7 columns; pooling SAME: ceil(7/2) = 4, pad 1 at the end.
        assertEquals(Shape.of(1, 1, 7, 7), g.valueInfo("conv").orElseThrow().shape());
        Node pool = g.producer(g.producer("pool").orElseThrow().input(0)).orElseThrow();
        assertEquals(List.of(0L, 0L, 1L, 1L), longs(pool.intsAttr("pads", null)));
        assertEquals(List.of(new ValueInfo("pool", DataType.FLOAT32, Shape.of(1, 4, 4, 1))), g.outputs());
    }

    private static List<Float> boxed(float[] v) {
        List<Float> out = new java.util.ArrayList<>();
        for (float x : v) {
            out.add(x);
        }
        return out;
    }
}
