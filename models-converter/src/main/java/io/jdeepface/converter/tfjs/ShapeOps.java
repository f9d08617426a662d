package io.jdeepface.converter.tfjs;

import io.jdeepface.converter.tfjs.ConstantPool.Form;
import io.jdeepface.engine.format.ModelFormatException;
import io.jdeepface.engine.graph.Attribute;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.tensor.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Ops whose axes or element order depend on the layout: padding, reductions, reshapes and
 * concatenation. On NHWC images their axes are remapped to NCHW; a reshape works on TF's NHWC
 * element order.
 */
final class ShapeOps {
    private ShapeOps() {}

    static void pad(GraphBuilder b, TfNode n) throws ModelFormatException {
        boolean v2 = n.op().equals("PadV2");
        GraphBuilder.requireInputs(n, v2 ? 3 : 2, v2 ? 3 : 2);
        TfValue x = b.in(n, 0);
        Initializer paddings = b.constIn(n, 1, "paddings");
        int r = x.rank();
        if (!paddings.shape().equals(Shape.of(r, 2)) || !GraphBuilder.isInteger(paddings)) {
            throw new ModelFormatException(n.describe() + ": paddings '" + paddings.name() + "' must be "
                    + "integers of shape [" + r + "x2], found " + paddings.type() + paddings.shape());
        }
        long[] p = paddings.toLongArray();
        long[] onnxPads = new long[2 * r];
        long[] out = x.shape().clone();
        boolean image = r == 4;
        for (int i = 0; i < r; i++) {
            long before = p[2 * i];
            long after = p[2 * i + 1];
            if (before < 0 || after < 0) {
                throw new ModelFormatException(n.describe() + ": negative padding " + before + "/" + after);
            }
            int irAxis = image ? Nhwc.axisInNchw(i) : i;
            onnxPads[irAxis] = before;
            onnxPads[r + irAxis] = after;
            if (out[i] != Shape.DYNAMIC) {
                out[i] = Math.addExact(Math.addExact(out[i], before), after);
            }
        }
        List<String> irInputs = new ArrayList<>();
        irInputs.add(b.operand(x, image));
        irInputs.add(b.constants().add(Initializer.ofLongs(n.name() + "/pads", Shape.of(2L * r), onnxPads)));
        if (v2) {
            Initializer fill = b.constIn(n, 2, "constant value");
            if (fill.elementCount() != 1 || fill.type() != x.type()) {
                throw new ModelFormatException(n.describe() + ": the constant value must be one " + x.type());
            }
            irInputs.add(b.constants().get(fill.withShape(Shape.scalar()), Form.AS_IS));
        }
        b.emitFor(n, "Pad", irInputs, Map.of("mode", new Attribute.Str("constant")), x.type(), out);
    }

    static void mean(GraphBuilder b, TfNode n) throws ModelFormatException {
        GraphBuilder.requireInputs(n, 2, 2);
        TfValue x = b.in(n, 0);
        Initializer axesConst = b.constIn(n, 1, "axes");
        if (!GraphBuilder.isInteger(axesConst) || axesConst.shape().rank() > 1) {
            throw new ModelFormatException(n.describe() + ": axes must be an integer scalar or vector");
        }
        int r = x.rank();
        TreeSet<Integer> reduced = new TreeSet<>();
        for (long a : axesConst.toLongArray()) {
            reduced.add(ShapeRules.axis(n, a, r));
        }
        boolean keep = n.boolAttr("keep_dims", false);
        boolean image = r == 4;
        String src = b.operand(x, image);
        long[] irAxes = new long[reduced.size()];
        int k = 0;
        for (int a : reduced) {
            irAxes[k++] = image ? Nhwc.axisInNchw(a) : a;
        }
        Arrays.sort(irAxes);
        List<Long> kept = new ArrayList<>();        // TF axes left, in TF order
        List<Long> keptInIrOrder = new ArrayList<>(); // the same axes in the order the IR holds them
        long[] out = keep ? x.shape().clone() : new long[r - reduced.size()];
        for (int i = 0, j = 0; i < r; i++) {
            if (reduced.contains(i)) {
                if (keep) {
                    out[i] = 1;
                }
            } else {
                kept.add((long) i);
                if (!keep) {
                    out[j++] = x.shape()[i];
                }
            }
        }
        for (int i = 0; i < r; i++) {
            long tfAxis = image ? Nhwc.TO_NCHW[i] : i;
            if (!reduced.contains((int) tfAxis)) {
                keptInIrOrder.add(tfAxis);
            }
        }
        Map<String, Attribute> attrs = Map.of("axes", GraphBuilder.ints(irAxes), "keepdims", new Attribute.Int(keep ? 1 : 0));
        if (keep || kept.equals(keptInIrOrder)) {
            b.emitFor(n, "ReduceMean", List.of(src), attrs, x.type(), out);
            return;
        }
        // Dropping axes of an NCHW image can leave C before H or W where TF has it after: reorder.
        long[] irShape = new long[kept.size()];
        long[] perm = new long[kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            irShape[i] = x.shape()[keptInIrOrder.get(i).intValue()];
            perm[i] = keptInIrOrder.indexOf(kept.get(i));
        }
        String reducedName = b.names().fresh(n.name() + "/nchw_order");
        b.emit(n.name(), "ReduceMean", List.of(src), attrs, reducedName, x.type(), irShape, false);
        b.emitFor(n, n.name() + "/to_tf_order", "Transpose", List.of(reducedName), Map.of("perm", GraphBuilder.ints(perm)),
                x.type(), out);
    }

    static void reshape(GraphBuilder b, TfNode n) throws ModelFormatException {
        GraphBuilder.requireInputs(n, 2, 2);
        TfValue x = b.in(n, 0);
        Initializer shapeConst = b.constIn(n, 1, "shape");
        if (!GraphBuilder.isInteger(shapeConst) || shapeConst.shape().rank() != 1) {
            throw new ModelFormatException(n.describe() + ": the target shape must be an integer vector");
        }
        long[] target = shapeConst.toLongArray();
        long[] out = ShapeRules.reshapeTarget(n, x.shape(), target);
        if (x.isConstant()) {
            // Reshaping a constant only relabels its data.
            if (!Shape.of(out).isStatic()) {
                throw new ModelFormatException(n.describe() + ": cannot infer the shape of a reshaped constant");
            }
            Initializer c = x.constant().withName(n.name()).withShape(Shape.of(out));
            b.bind(n.name(), new TfValue(null, c.type(), out, c));
            return;
        }
        String src = x.ir();
        if (x.isImage() && !Nhwc.sameOrderInBothLayouts(x.shape())) {
            // TF flattens NHWC element order; give it NHWC data.
            src = b.names().fresh(n.name() + "/nhwc");
            b.emit(n.name() + "/to_nhwc", "Transpose", List.of(x.ir()), Map.of("perm", GraphBuilder.ints(Nhwc.TO_NHWC)),
                    src, x.type(), x.shape(), false);
        }
        if (out.length != 4) {
            String shapeName = b.constants().get(shapeConst, Form.INT64);
            b.emitFor(n, "Reshape", List.of(src, shapeName), Map.of(), x.type(), out);
        } else if (Nhwc.sameOrderInBothLayouts(out)) {
            // Same element order in both layouts: reshape straight to the NCHW shape.
            long[] nchwTarget = Nhwc.permute(target, Nhwc.TO_NCHW);
            String shapeName = b.constants().add(Initializer.ofLongs(n.name() + "/shape_nchw", Shape.of(4), nchwTarget));
            b.emitFor(n, "Reshape", List.of(src, shapeName), Map.of(), x.type(), out);
        } else {
            String shapeName = b.constants().get(shapeConst, Form.INT64);
            String nhwc = b.names().fresh(n.name() + "/nhwc_out");
            b.emit(n.name(), "Reshape", List.of(src, shapeName), Map.of(), nhwc, x.type(), out, false);
            b.emitFor(n, n.name() + "/to_nchw", "Transpose", List.of(nhwc), Map.of("perm", GraphBuilder.ints(Nhwc.TO_NCHW)),
                    x.type(), out);
        }
    }

    static void concat(GraphBuilder b, TfNode n) throws ModelFormatException {
        GraphBuilder.requireInputs(n, 2, Integer.MAX_VALUE);
        int count = n.inputs().size() - 1;
        Initializer axisConst = b.constIn(n, count, "axis");
        if (!GraphBuilder.isInteger(axisConst) || axisConst.elementCount() != 1) {
            throw new ModelFormatException(n.describe() + ": the axis (last input) must be one integer");
        }
        List<TfValue> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            parts.add(b.in(n, i));
        }
        TfValue first = parts.getFirst();
        int r = first.rank();
        int axis = ShapeRules.axis(n, axisConst.toLongArray()[0], r);
        long[] out = first.shape().clone();
        for (int i = 1; i < count; i++) {
            long[] s = parts.get(i).shape();
            if (s.length != r) {
                throw new ModelFormatException(n.describe() + ": joins tensors of ranks " + r + " and " + s.length);
            }
            for (int d = 0; d < r; d++) {
                if (d == axis) {
                    out[d] = out[d] == Shape.DYNAMIC || s[d] == Shape.DYNAMIC ? Shape.DYNAMIC : Math.addExact(out[d], s[d]);
                } else if (out[d] == Shape.DYNAMIC) {
                    out[d] = s[d];
                } else if (s[d] != Shape.DYNAMIC && s[d] != out[d]) {
                    throw new ModelFormatException(n.describe() + ": cannot join " + Shape.of(first.shape())
                            + " and " + Shape.of(s) + " on axis " + axis);
                }
            }
        }
        boolean image = r == 4;
        List<String> irInputs = new ArrayList<>();
        for (TfValue v : parts) {
            irInputs.add(b.operand(v, image));
        }
        long irAxis = image ? Nhwc.axisInNchw(axis) : axis;
        b.emitFor(n, "Concat", irInputs, Map.of("axis", new Attribute.Int(irAxis)), first.type(), out);
    }
}
