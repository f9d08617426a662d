package io.jdeepface.engine.ops.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.graph.Attribute;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.KernelSpec;
import io.jdeepface.engine.ops.conv.ConvParams;
import io.jdeepface.engine.ops.conv.DepthwiseConv;
import io.jdeepface.engine.simd.VectorSupport;
import io.jdeepface.engine.tensor.Shape;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The scalar kernels must run on a JVM without {@code jdk.incubator.vector}: building and running
 * them may not load any class that names the Vector API. Checked in a child JVM started without
 * the module, where touching such a class fails with NoClassDefFoundError.
 */
class ScalarPathTest {

    @Test
    void scalarKernelsRunWithoutTheVectorModule() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ScalarPathTest.class.getName())
                .redirectErrorStream(true)
                .start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.waitFor(), output);
        assertTrue(output.contains("scalar kernels ran"), output);
    }

    /** Runs in the child JVM: every scalar kernel of this package and the depthwise convolution. */
    public static void main(String[] args) {
        if (VectorSupport.enabled()) {
            throw new IllegalStateException("the child JVM was meant to run without jdk.incubator.vector");
        }
        float[] x = Floats.mixed(100, 1);
        List<Function<KernelSpec, Kernel>> unary = List.of(Relu::create, LeakyRelu::create, Sigmoid::create,
                Tanh::create, Exp::create, Clip::create);
        for (Function<KernelSpec, Kernel> factory : unary) {
            KernelSpec spec = ActivationKernelsTest.unary("Op", Map.of("max", new Attribute.Float(1f)), 100, false);
            ActivationKernelsTest.run(factory.apply(spec), x, Parallel.SEQUENTIAL);
        }
        Initializer slope = Initializer.ofFloats("slope", Shape.of(4, 1, 1), new float[] {1, 2, 3, 4});
        Kernel prelu = PRelu.create(ActivationKernelsTest.spec("PRelu", Map.of(), Shape.of(1, 4, 5, 5),
                List.of("slope"), Map.of("slope", slope), Map.of(), false));
        ActivationKernelsTest.run(prelu, Floats.mixed(100, 2), Parallel.SEQUENTIAL, MemorySegment.NULL);

        ConvParams p = new ConvParams(1, 4, 5, 5, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 4, false,
                new Activation(Activation.Kind.PRELU, 0, 0, 0));
        Kernel dw = DepthwiseConv.create(p, Initializer.ofFloats("w", Shape.of(4, 1, 3, 3), new float[36]), null,
                Initializer.ofFloats("s", Shape.of(4), new float[4]), false);
        dw.run(new MemorySegment[] {Floats.segment(new float[100])}, new MemorySegment[] {Floats.segment(new float[100])},
                Parallel.SEQUENTIAL);
        System.out.println("scalar kernels ran");
    }
}
