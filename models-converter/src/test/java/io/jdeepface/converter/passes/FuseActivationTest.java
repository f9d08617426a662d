package io.jdeepface.converter.passes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.GraphValidator;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.tensor.Shape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FuseActivationTest {

    private static TestGraph conv() {
        return new TestGraph().input("x", 1, 3, 5, 5).weights("w", 4, 3, 3, 3).weights("b", 4)
                .node("Conv", List.of("x", "w", "b"), List.of("c"), "pads", new long[] {1, 1, 1, 1});
    }

    private static Graph fuse(Graph g) {
        Graph out = new PruneDead().apply(new FuseActivation().apply(g));
        GraphValidator.validate(out);
        NaiveRunner.assertSameOutputs(g, out, Map.of("x", NaiveRunner.random(3, g.inputs().get(0).shape().dims())));
        return out;
    }

    private static Node single(Graph g) {
        assertEquals(1, g.nodes().size(), g.nodes().toString());
        return g.nodes().get(0);
    }

    @Test
    void reluSigmoidLeakyRelu() {
        Node relu = single(fuse(conv().node("Relu", "c", "y").output("y").build()));
        assertEquals("Relu", relu.stringAttr("activation", ""));
        assertEquals(List.of("y"), relu.outputs());
        assertEquals("Sigmoid", single(fuse(conv().node("Sigmoid", "c", "y").output("y").build())).stringAttr("activation", ""));
        Node leaky = single(fuse(conv().node("LeakyRelu", "c", "y", "alpha", 0.2f).output("y").build()));
        assertEquals(0.2f, leaky.floatAttr("activation_alpha", 0));
        assertEquals(0.01f, single(fuse(conv().node("LeakyRelu", "c", "y").output("y").build()))
                .floatAttr("activation_alpha", 0));
    }

    @Test
    void clipFromAttributesOrInputs() {
        Node old = single(fuse(conv().node("Clip", "c", "y", "min", 0f, "max", 6f).output("y").build()));
        assertEquals("Clip", old.stringAttr("activation", ""));
        assertEquals(0f, old.floatAttr("activation_min", -1));
        assertEquals(6f, old.floatAttr("activation_max", -1));
        Node onlyMax = single(fuse(conv().floats("hi", new long[0], 0.5f)
                .node("Clip", List.of("c", "", "hi"), List.of("y")).output("y").build()));
        assertEquals(Float.NEGATIVE_INFINITY, onlyMax.floatAttr("activation_min", 0));
        assertEquals(0.5f, onlyMax.floatAttr("activation_max", 0));
    }

    @Test
    void clipWithRuntimeBoundsIsNotFused() {
        Graph g = conv().input("lo", 1).node("Clip", List.of("c", "lo"), List.of("y")).output("y").build();
        assertEquals(2, new FuseActivation().apply(g).nodes().size());
    }

    @Test
    void preluSlopeBecomesInputThree() {
        for (long[] slopeShape : new long[][] {{4, 1, 1}, {1, 4, 1, 1}}) {
            Node n = single(fuse(conv().weights("slope", slopeShape)
                    .node("PRelu", List.of("c", "slope"), List.of("y")).output("y").build()));
            assertEquals("PRelu", n.stringAttr("activation", ""));
            assertEquals(4, n.inputs().size());
        }
        Graph shared = fuse(conv().floats("slope", new long[] {1}, 0.25f)
                .node("PRelu", List.of("c", "slope"), List.of("y")).output("y").build());
        Initializer s = shared.initializers().get(single(shared).input(3));
        assertEquals(Shape.of(4), s.shape());
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f}, s.toFloatArray());
    }

    @Test
    void preluSlopeThatIsNotPerChannelStaysSeparate() {
        // [C] right-aligns with W, not with the channel dim
        Graph g = conv().weights("slope", 5).node("PRelu", List.of("c", "slope"), List.of("y")).output("y").build();
        assertEquals(2, fuse(g).nodes().size());
        assertNull(FuseActivation.perChannelSlope(g.initializers().get("slope"), 4, 4));
    }

    @Test
    void gemmFusions() {
        TestGraph t = new TestGraph().input("x", 2, 6).weights("w", 3, 6).weights("b", 3)
                .node("Gemm", List.of("x", "w", "b"), List.of("g"), "transB", 1L, "alpha", 0.5f);
        assertEquals("Relu", single(fuse(t.node("Relu", "g", "y").output("y").build())).stringAttr("activation", ""));
        TestGraph p = new TestGraph().input("x", 2, 6).weights("w", 6, 3)
                .node("Gemm", List.of("x", "w"), List.of("g"))
                .weights("slope", 1, 3).node("PRelu", List.of("g", "slope"), List.of("y")).output("y");
        Node n = single(fuse(p.build()));
        assertEquals(List.of("x", "w", "", n.input(3)), n.inputs());
    }

    @Test
    void sharedOrExposedOutputsAreNotFused() {
        assertEquals(3, fuse(conv().node("Relu", "c", "y").node("Sigmoid", "c", "z").output("y").output("z").build())
                .nodes().size());
        assertEquals(2, fuse(conv().node("Relu", "c", "y").output("y").output("c").build()).nodes().size());
    }

    @Test
    void tfRelu6PatternBecomesClipThenFuses() {
        Graph g = conv().floats("zero", new long[0], 0f).floats("six", new long[] {1}, 6f)
                .node("Max", List.of("c", "zero"), List.of("m"))
                .node("Min", List.of("six", "m"), List.of("y")).output("y").build();
        Node n = single(fuse(g));
        assertEquals("Clip", n.stringAttr("activation", ""));
        assertEquals(0f, n.floatAttr("activation_min", -1));
        assertEquals(6f, n.floatAttr("activation_max", -1));
        // without a Conv before it, the pattern still becomes a standalone Clip
        Graph alone = new TestGraph().input("x", 2, 3).floats("zero", new long[0], 0f).floats("six", new long[0], 6f)
                .node("Min", List.of("x", "six"), List.of("m"))
                .node("Max", List.of("m", "zero"), List.of("y")).output("y").build();
        assertEquals("Clip", single(fuse(alone)).opType());
    }
}
