package io.jdeepface.engine.ops.conv;

import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.ops.UnsupportedOperatorException;
import io.jdeepface.engine.ops.activation.Activation;
import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;

/**
 * The constants of one depthwise convolution, checked and copied out of the (little-endian,
 * possibly memory-mapped) model file once at load into plain arrays the kernels index directly.
 *
 * @param kernel {@code [outChannels][kernelH][kernelW]} (OIHW with I = 1)
 * @param bias   one per output channel, zeros when the node has none
 * @param slope  PRelu slope per output channel, zeros for other activations
 */
record DepthwiseWeights(float[] kernel, float[] bias, float[] slope) {

    static DepthwiseWeights pack(ConvParams p, Initializer weights, Initializer bias, Initializer preluSlope) {
        if (p.group() != p.inChannels()) {
            throw new IllegalArgumentException("not a depthwise convolution: group " + p.group()
                    + " but " + p.inChannels() + " input channels");
        }
        int cout = p.outChannels();
        Shape expected = Shape.of(cout, 1, p.kernelH(), p.kernelW());
        float[] kernel = floats(weights, "weights", expected, cout * p.kernelH() * p.kernelW());
        float[] b = new float[cout];
        if (bias != null) {
            b = floats(bias, "bias", Shape.of(cout), cout);
        } else if (p.hasBias()) {
            throw new IllegalArgumentException("depthwise convolution declares a bias but none was given");
        }
        float[] slope = new float[cout];
        if (p.activation().kind() == Activation.Kind.PRELU) {
            if (preluSlope == null) {
                throw new IllegalArgumentException("depthwise convolution with fused PRelu needs its slope");
            }
            if (preluSlope.elementCount() == 1) {
                java.util.Arrays.fill(slope, floats(preluSlope, "PRelu slope", preluSlope.shape(), 1)[0]);
            } else {
                slope = floats(preluSlope, "PRelu slope", preluSlope.shape(), cout);
            }
        }
        return new DepthwiseWeights(kernel, b, slope);
    }

    private static float[] floats(Initializer init, String role, Shape expected, long count) {
        if (init.type() != DataType.FLOAT32) {
            throw new UnsupportedOperatorException("depthwise convolution " + role + " '" + init.name()
                    + "' is " + init.type() + "; only FLOAT32 is supported");
        }
        // Shapes may differ by unit axes ([C] vs [C,1,1]); the element count is what must agree.
        if (init.elementCount() != count || role.equals("weights") && !init.shape().equals(expected)) {
            throw new IllegalArgumentException("depthwise convolution " + role + " '" + init.name()
                    + "' has shape " + init.shape() + ", expected " + expected);
        }
        return init.toFloatArray();
    }
}
