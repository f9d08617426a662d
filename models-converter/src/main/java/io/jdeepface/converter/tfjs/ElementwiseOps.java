package io.jdeepface.converter.tfjs;

import io.jdeepface.engine.format.ModelFormatException;
import io.jdeepface.engine.graph.Attribute;
import java.util.List;
import java.util.Map;

/**
 * Element-wise ops. On images a constant operand is rearranged so that it broadcasts against
 * NCHW as it did against NHWC ({@link ConstantPool.Form#NCHW_BROADCAST}).
 */
final class ElementwiseOps {
    private ElementwiseOps() {}

    static void binary(GraphBuilder b, TfNode n, String onnxOp) throws ModelFormatException {
        GraphBuilder.requireInputs(n, 2, 2);
        TfValue x = b.in(n, 0);
        TfValue y = b.in(n, 1);
        long[] out = ShapeRules.broadcast(n, x.shape(), y.shape());
        boolean image = out.length == 4;
        b.emitFor(n, onnxOp, List.of(b.operand(x, image), b.operand(y, image)), Map.of(), x.type(), out);
    }

    static void unary(GraphBuilder b, TfNode n, String onnxOp) throws ModelFormatException {
        GraphBuilder.requireInputs(n, 1, 1);
        TfValue x = b.in(n, 0);
        b.emitFor(n, onnxOp, List.of(b.operand(x, x.rank() == 4)), Map.of(), x.type(), x.shape());
    }

    static void relu6(GraphBuilder b, TfNode n) throws ModelFormatException {
        GraphBuilder.requireInputs(n, 1, 1);
        TfValue x = b.in(n, 0);
        b.emitFor(n, "Clip", List.of(b.operand(x, x.rank() == 4), b.constants().scalar(0f), b.constants().scalar(6f)),
                Map.of(), x.type(), x.shape());
    }

    static void softmax(GraphBuilder b, TfNode n) throws ModelFormatException {
        GraphBuilder.requireInputs(n, 1, 1);
        TfValue x = b.in(n, 0);
        if (x.rank() == 0) {
            throw new ModelFormatException(n.describe() + ": softmax of a scalar");
        }
        // TF normalises over the last axis; on an image that is the channel axis, 1 in NCHW.
        long axis = x.rank() == 4 ? 1 : -1;
        b.emitFor(n, "Softmax", List.of(b.operand(x, x.rank() == 4)), Map.of("axis", new Attribute.Int(axis)),
                x.type(), x.shape());
    }
}
