package io.jdeepface.engine.graph;

import io.jdeepface.engine.ops.UnsupportedOperatorException;
import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The type and shape rule of every op type the project supports (ONNX semantics). Each rule checks
 * what it can and names the node when the graph is inconsistent. Settings that moved from
 * attributes to inputs across opsets (Slice, Pad, Split, Unsqueeze, Squeeze, ReduceMean, Clip) are
 * read in either form.
 */
final class ShapeRules {
    private ShapeRules() {}

    /** Op types with a shape rule. */
    static final Set<String> SUPPORTED = Set.of(
            "Conv", "Relu", "PRelu", "Clip", "LeakyRelu", "Tanh", "Sigmoid", "Exp", "Softmax",
            "BatchNormalization", "MaxPool", "AveragePool", "GlobalAveragePool", "Gemm", "MatMul",
            "Add", "Sub", "Mul", "Div", "Max", "Min", "Concat", "Reshape", "Flatten", "Transpose",
            "Split", "Slice", "Pad", "ReduceMean", "Identity", "Dropout", "Shape", "Gather",
            "Unsqueeze", "Squeeze", "Constant", "ConstantOfShape", "Cast");

    static List<ValueInfo> infer(NodeView v) {
        return switch (v.op()) {
            case "Conv" -> WindowShapes.conv(v);
            case "MaxPool", "AveragePool" -> WindowShapes.pool(v);
            case "GlobalAveragePool" -> WindowShapes.globalPool(v);
            case "Relu", "LeakyRelu", "Tanh", "Sigmoid", "Exp", "Identity", "Clip" -> sameAsInput(v);
            case "Softmax" -> softmax(v);
            case "PRelu" -> prelu(v);
            case "BatchNormalization" -> batchNorm(v);
            case "Dropout" -> dropout(v);
            case "Add", "Sub", "Mul", "Div", "Max", "Min" -> broadcasting(v);
            case "Gemm" -> gemm(v);
            case "MatMul" -> matMul(v);
            case "Concat" -> concat(v);
            case "Reshape" -> reshape(v);
            case "Flatten" -> flatten(v);
            case "Transpose" -> transpose(v);
            case "Split" -> split(v);
            case "Slice" -> slice(v);
            case "Pad" -> pad(v);
            case "ReduceMean" -> reduce(v);
            case "Shape" -> shape(v);
            case "Gather" -> gather(v);
            case "Unsqueeze" -> unsqueeze(v);
            case "Squeeze" -> squeeze(v);
            case "Constant" -> constant(v);
            case "ConstantOfShape" -> constantOfShape(v);
            case "Cast" -> cast(v);
            default -> throw new UnsupportedOperatorException(v.describe() + ": op type '" + v.op()
                    + "' is not supported");
        };
    }

    private static List<ValueInfo> sameAsInput(NodeView v) {
        return v.output(v.type(0), v.dims(0));
    }

    private static List<ValueInfo> softmax(NodeView v) {
        v.axis(v.node().intAttr("axis", -1), v.rank(0));
        return sameAsInput(v);
    }

    /** The slope broadcasts to the input (unidirectionally); the output has the input's shape. */
    private static List<ValueInfo> prelu(NodeView v) {
        long[] x = v.dims(0);
        long[] slope = v.dims(1);
        long[] b = Dims.broadcast(x, slope);
        if (b == null || b.length != x.length) {
            throw v.fail("slope " + Dims.toString(slope) + " does not broadcast to input " + Dims.toString(x));
        }
        return v.output(v.type(0), x);
    }

    private static List<ValueInfo> batchNorm(NodeView v) {
        long[] x = v.dims(0);
        if (x.length < 2) {
            throw v.fail("input must be at least N x C, got " + Dims.toString(x));
        }
        for (int i = 1; i <= 4; i++) {
            long[] p = v.dims(i);
            if (p.length != 1 || Dims.unify(p[0], x[1]) == null) {
                throw v.fail("parameter " + i + " has shape " + Dims.toString(p) + ", expected ["
                        + x[1] + "] for input " + Dims.toString(x));
            }
        }
        List<ValueInfo> out = new ArrayList<>(v.output0(v.type(0), x));
        for (int i = 1; i < v.node().outputs().size(); i++) { // training-mode statistics
            out.add(new ValueInfo(v.node().outputs().get(i), v.type(0), Shape.of(x[1])));
        }
        return out;
    }

    private static List<ValueInfo> dropout(NodeView v) {
        List<ValueInfo> out = new ArrayList<>(v.output0(v.type(0), v.dims(0)));
        if (v.node().outputs().size() > 1) {
            out.add(new ValueInfo(v.node().outputs().get(1), DataType.BOOL, new Shape(v.dims(0))));
        }
        return out;
    }

    private static List<ValueInfo> broadcasting(NodeView v) {
        if (v.inputCount() < 1) {
            throw v.fail("needs at least one input");
        }
        long[][] shapes = new long[v.inputCount()][];
        DataType type = v.type(0);
        for (int i = 0; i < shapes.length; i++) {
            shapes[i] = v.dims(i);
            if (v.type(i) != type) {
                throw v.fail("input " + i + " is " + v.type(i) + " but input 0 is " + type);
            }
        }
        long[] out = Dims.broadcast(shapes);
        if (out == null) {
            StringBuilder sb = new StringBuilder();
            for (long[] s : shapes) {
                sb.append(sb.isEmpty() ? "" : " and ").append(Dims.toString(s));
            }
            throw v.fail("shapes " + sb + " do not broadcast");
        }
        return v.output(type, out);
    }

    private static List<ValueInfo> gemm(NodeView v) {
        long[] a = v.dims(0);
        long[] b = v.dims(1);
        if (a.length != 2 || b.length != 2) {
            throw v.fail("A and B must be 2-D, got " + Dims.toString(a) + " and " + Dims.toString(b));
        }
        boolean transA = v.node().intAttr("transA", 0) != 0;
        boolean transB = v.node().intAttr("transB", 0) != 0;
        long m = transA ? a[1] : a[0];
        long ka = transA ? a[0] : a[1];
        long kb = transB ? b[1] : b[0];
        long n = transB ? b[0] : b[1];
        if (Dims.unify(ka, kb) == null) {
            throw v.fail("inner dims differ: A " + Dims.toString(a) + (transA ? " (transposed)" : "")
                    + ", B " + Dims.toString(b) + (transB ? " (transposed)" : ""));
        }
        long[] out = {m, n};
        if (v.has(2)) {
            long[] c = v.dims(2);
            long[] bc = Dims.broadcast(out, c);
            if (bc == null || bc.length != 2 || Dims.unify(bc[0], m) == null || Dims.unify(bc[1], n) == null) {
                throw v.fail("C " + Dims.toString(c) + " does not broadcast to " + Dims.toString(out));
            }
        }
        return v.output(v.type(0), out);
    }

    private static List<ValueInfo> matMul(NodeView v) {
        long[] a = v.dims(0);
        long[] b = v.dims(1);
        if (a.length == 0 || b.length == 0) {
            throw v.fail("inputs must have rank >= 1");
        }
        long[] a2 = a.length == 1 ? new long[] {1, a[0]} : a;
        long[] b2 = b.length == 1 ? new long[] {b[0], 1} : b;
        long k1 = a2[a2.length - 1];
        long k2 = b2[b2.length - 2];
        if (Dims.unify(k1, k2) == null) {
            throw v.fail("inner dims differ: " + Dims.toString(a) + " x " + Dims.toString(b));
        }
        long[] batch = Dims.broadcast(Arrays.copyOf(a2, a2.length - 2), Arrays.copyOf(b2, b2.length - 2));
        if (batch == null) {
            throw v.fail("batch dims of " + Dims.toString(a) + " and " + Dims.toString(b) + " do not broadcast");
        }
        List<Long> out = new ArrayList<>();
        for (long d : batch) {
            out.add(d);
        }
        if (a.length > 1) {
            out.add(a2[a2.length - 2]);
        }
        if (b.length > 1) {
            out.add(b2[b2.length - 1]);
        }
        return v.output(v.type(0), out.stream().mapToLong(Long::longValue).toArray());
    }

    private static List<ValueInfo> concat(NodeView v) {
        if (v.inputCount() < 1) {
            throw v.fail("needs at least one input");
        }
        long[] out = v.dims(0);
        if (!v.node().attributes().containsKey("axis")) {
            throw v.fail("needs the axis attribute");
        }
        int axis = v.axis(v.node().intAttr("axis", 0), out.length);
        for (int i = 1; i < v.inputCount(); i++) {
            long[] d = v.dims(i);
            if (d.length != out.length || v.type(i) != v.type(0)) {
                throw v.fail("input " + i + " is " + v.type(i) + Dims.toString(d) + " but input 0 is "
                        + v.type(0) + Dims.toString(v.dims(0)));
            }
            for (int j = 0; j < d.length; j++) {
                if (j == axis) {
                    out[j] = Dims.isDynamic(out[j]) || Dims.isDynamic(d[j]) ? Dims.DYNAMIC : Math.addExact(out[j], d[j]);
                } else {
                    Long u = Dims.unify(out[j], d[j]);
                    if (u == null) {
                        throw v.fail("input " + i + " " + Dims.toString(d) + " differs from input 0 "
                                + Dims.toString(v.dims(0)) + " in dim " + j + " (concat axis " + axis + ")");
                    }
                    out[j] = u;
                }
            }
        }
        return v.output(v.type(0), out);
    }

    private static List<ValueInfo> reshape(NodeView v) {
        long[] in = v.dims(0);
        long[] target = v.ints(1);
        if (target == null) { // computed at run time: only the rank is known
            long[] t = v.dims(1);
            if (t.length != 1 || Dims.isDynamic(t[0])) {
                throw v.fail("target shape must be a 1-D tensor of known length, got " + Dims.toString(t));
            }
            long[] out = new long[(int) t[0]];
            Arrays.fill(out, Dims.DYNAMIC);
            return v.output(v.type(0), out);
        }
        return v.output(v.type(0), reshapeDims(v, in, target, v.node().intAttr("allowzero", 0) != 0));
    }

    /** ONNX Reshape: 0 copies the input dim at the same position, -1 takes what is left. */
    static long[] reshapeDims(NodeView v, long[] in, long[] target, boolean allowZero) {
        long[] out = new long[target.length];
        boolean[] copied = new boolean[Math.max(in.length, target.length)];
        int inferred = -1;
        for (int i = 0; i < target.length; i++) {
            long t = target[i];
            if (t == 0 && !allowZero) {
                if (i >= in.length) {
                    throw v.fail("target " + Arrays.toString(target) + " copies dim " + i
                            + " (0) but the input " + Dims.toString(in) + " has rank " + in.length);
                }
                out[i] = in[i];
                copied[i] = true;
            } else if (t == -1) {
                if (inferred >= 0) {
                    throw v.fail("target " + Arrays.toString(target) + " has more than one -1");
                }
                inferred = i;
            } else if (t < 0) {
                throw v.fail("target " + Arrays.toString(target) + " has an invalid size " + t);
            } else {
                out[i] = t;
            }
        }
        // Dims copied by 0 appear on both sides; leave them out so a copied dynamic batch cancels.
        long inRest = 1;
        for (int i = 0; i < in.length; i++) {
            if (!copied[i]) {
                inRest = Dims.isDynamic(in[i]) || Dims.isDynamic(inRest) ? Dims.DYNAMIC : Math.multiplyExact(inRest, in[i]);
            }
        }
        long outRest = 1;
        for (int i = 0; i < out.length; i++) {
            if (!copied[i] && i != inferred) {
                outRest = Math.multiplyExact(outRest, out[i]);
            }
        }
        if (inferred >= 0) {
            if (Dims.isDynamic(inRest)) {
                out[inferred] = Dims.DYNAMIC;
            } else if (outRest == 0 || inRest % outRest != 0) {
                throw v.fail("cannot reshape " + Dims.toString(in) + " to " + Arrays.toString(target));
            } else {
                out[inferred] = inRest / outRest;
            }
        } else if (!Dims.isDynamic(inRest) && inRest != outRest) {
            throw v.fail("cannot reshape " + Dims.toString(in) + " (" + Dims.product(in) + " elements) to "
                    + Arrays.toString(target));
        }
        return out;
    }

    private static List<ValueInfo> flatten(NodeView v) {
        long[] in = v.dims(0);
        long axis = v.node().intAttr("axis", 1);
        if (axis < -in.length || axis > in.length) {
            throw v.fail("axis " + axis + " is out of range for rank " + in.length);
        }
        int a = (int) (axis < 0 ? axis + in.length : axis);
        return v.output(v.type(0), new long[] {Dims.product(in, 0, a), Dims.product(in, a, in.length)});
    }

    static int[] permutation(NodeView v, int rank) {
        long[] perm = v.node().intsAttr("perm", null);
        int[] p = new int[rank];
        if (perm == null) {
            for (int i = 0; i < rank; i++) {
                p[i] = rank - 1 - i;
            }
            return p;
        }
        if (perm.length != rank) {
            throw v.fail("perm " + Arrays.toString(perm) + " does not match rank " + rank);
        }
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            if (perm[i] < 0 || perm[i] >= rank || seen[(int) perm[i]]) {
                throw v.fail("perm " + Arrays.toString(perm) + " is not a permutation of 0.." + (rank - 1));
            }
            seen[(int) perm[i]] = true;
            p[i] = (int) perm[i];
        }
        return p;
    }

    private static List<ValueInfo> transpose(NodeView v) {
        long[] in = v.dims(0);
        int[] p = permutation(v, in.length);
        long[] out = new long[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[p[i]];
        }
        return v.output(v.type(0), out);
    }

    /** The size of each Split output along the axis (DYNAMIC entries when the dim is unknown). */
    static long[] splitSizes(NodeView v, long[] in, int axis) {
        int outputs = v.node().outputs().size();
        long[] sizes = v.intsFromAttributeOrInput("split", 1, "split sizes");
        long dim = in[axis];
        if (sizes == null) {
            long parts = v.node().intAttr("num_outputs", outputs);
            if (parts != outputs || outputs == 0) {
                throw v.fail("num_outputs " + parts + " differs from " + outputs + " outputs");
            }
            sizes = new long[outputs];
            if (Dims.isDynamic(dim)) {
                Arrays.fill(sizes, Dims.DYNAMIC);
                return sizes;
            }
            long chunk = (dim + outputs - 1) / outputs; // opset 18 allows a smaller last chunk
            for (int i = 0; i < outputs; i++) {
                sizes[i] = Math.max(0, Math.min(chunk, dim - i * chunk));
            }
            if (v.node().intAttr("num_outputs", -1) < 0 && dim % outputs != 0) {
                throw v.fail("dim " + dim + " does not split evenly into " + outputs + " outputs");
            }
            return sizes;
        }
        if (sizes.length != outputs) {
            throw v.fail(sizes.length + " split sizes for " + outputs + " outputs");
        }
        long sum = 0;
        for (long s : sizes) {
            if (s < 0) {
                throw v.fail("negative split size in " + Arrays.toString(sizes));
            }
            sum = Math.addExact(sum, s);
        }
        if (!Dims.isDynamic(dim) && sum != dim) {
            throw v.fail("split sizes " + Arrays.toString(sizes) + " do not add up to dim " + dim);
        }
        return sizes;
    }

    private static List<ValueInfo> split(NodeView v) {
        long[] in = v.dims(0);
        int axis = v.axis(v.node().intAttr("axis", 0), in.length);
        long[] sizes = splitSizes(v, in, axis);
        List<ValueInfo> out = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            long[] d = in.clone();
            d[axis] = sizes[i];
            out.add(new ValueInfo(v.node().outputs().get(i), v.type(0), new Shape(d)));
        }
        return out;
    }

    private static List<ValueInfo> slice(NodeView v) {
        long[] in = v.dims(0);
        SliceSpec spec = SliceSpec.resolve(v, in);
        if (spec == null) {
            long[] out = new long[in.length];
            Arrays.fill(out, Dims.DYNAMIC);
            return v.output(v.type(0), out);
        }
        return v.output(v.type(0), spec.outDims());
    }

    /** Pads as [begin_0, ..., begin_n, end_0, ..., end_n] over all dims, or null if unknown. */
    static long[] padAmounts(NodeView v, int rank) {
        long[] pads;
        if (v.node().attributes().containsKey("pads")) { // opset < 11
            pads = v.node().intsAttr("pads", new long[0]);
        } else if (v.has(1)) {
            pads = v.ints(1);
        } else {
            throw v.fail("needs pads");
        }
        long[] axes = v.has(3) ? v.ints(3) : null;
        if (pads == null || (v.has(3) && axes == null)) {
            return null;
        }
        if (axes == null) {
            if (pads.length != 2L * rank) {
                throw v.fail(pads.length + " pads for rank " + rank + ", expected " + 2 * rank);
            }
            return pads;
        }
        if (pads.length != 2L * axes.length) {
            throw v.fail(pads.length + " pads for " + axes.length + " axes");
        }
        long[] full = new long[2 * rank];
        for (int i = 0; i < axes.length; i++) {
            int a = v.axis(axes[i], rank);
            full[a] = pads[i];
            full[a + rank] = pads[i + axes.length];
        }
        return full;
    }

    private static List<ValueInfo> pad(NodeView v) {
        long[] in = v.dims(0);
        String mode = v.node().stringAttr("mode", "constant");
        if (!mode.equals("constant") && !mode.equals("reflect") && !mode.equals("edge")) {
            throw v.fail("unknown pad mode '" + mode + "'");
        }
        long[] pads = padAmounts(v, in.length);
        long[] out = new long[in.length];
        for (int i = 0; i < in.length; i++) {
            if (pads == null || Dims.isDynamic(in[i])) {
                out[i] = Dims.DYNAMIC;
            } else {
                out[i] = Math.addExact(Math.addExact(in[i], pads[i]), pads[i + in.length]);
                if (out[i] < 0) {
                    throw v.fail("pads " + Arrays.toString(pads) + " crop dim " + i + " of "
                            + Dims.toString(in) + " below zero");
                }
            }
        }
        return v.output(v.type(0), out);
    }

    private static List<ValueInfo> reduce(NodeView v) {
        long[] in = v.dims(0);
        long[] axes = v.intsFromAttributeOrInput("axes", 1, "axes");
        boolean keep = v.node().intAttr("keepdims", 1) != 0;
        boolean[] reduced = new boolean[in.length];
        if (axes == null || axes.length == 0) {
            if (v.node().intAttr("noop_with_empty_axes", 0) != 0) {
                return v.output(v.type(0), in);
            }
            Arrays.fill(reduced, true);
        } else {
            for (long a : axes) {
                reduced[v.axis(a, in.length)] = true;
            }
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < in.length; i++) {
            if (!reduced[i]) {
                out.add(in[i]);
            } else if (keep) {
                out.add(1L);
            }
        }
        return v.output(v.type(0), out.stream().mapToLong(Long::longValue).toArray());
    }

    /** The [start, end) range of dims that Shape reports (opset 15 attributes, clamped). */
    static int[] shapeRange(NodeView v, int rank) {
        long start = v.node().intAttr("start", 0);
        long end = v.node().intAttr("end", rank);
        start = Math.max(0, Math.min(rank, start < 0 ? start + rank : start));
        end = Math.max(0, Math.min(rank, end < 0 ? end + rank : end));
        return new int[] {(int) start, (int) Math.max(start, end)};
    }

    private static List<ValueInfo> shape(NodeView v) {
        int[] r = shapeRange(v, v.rank(0));
        return v.output(DataType.INT64, new long[] {r[1] - r[0]});
    }

    private static List<ValueInfo> gather(NodeView v) {
        long[] data = v.dims(0);
        long[] indices = v.dims(1);
        if (v.type(1) != DataType.INT64 && v.type(1) != DataType.INT32) {
            throw v.fail("indices must be INT32 or INT64, not " + v.type(1));
        }
        int axis = v.axis(v.node().intAttr("axis", 0), data.length);
        long[] out = new long[data.length - 1 + indices.length];
        System.arraycopy(data, 0, out, 0, axis);
        System.arraycopy(indices, 0, out, axis, indices.length);
        System.arraycopy(data, axis + 1, out, axis + indices.length, data.length - axis - 1);
        return v.output(v.type(0), out);
    }

    static long[] unsqueezeDims(NodeView v, long[] in) {
        long[] axes = v.intsFromAttributeOrInput("axes", 1, "axes");
        if (axes == null) {
            throw v.fail("needs axes");
        }
        int rank = in.length + axes.length;
        boolean[] inserted = new boolean[rank];
        for (long a : axes) {
            int ax = v.axis(a, rank);
            if (inserted[ax]) {
                throw v.fail("axis " + ax + " appears twice in " + Arrays.toString(axes));
            }
            inserted[ax] = true;
        }
        long[] out = new long[rank];
        for (int i = 0, j = 0; i < rank; i++) {
            out[i] = inserted[i] ? 1 : in[j++];
        }
        return out;
    }

    private static List<ValueInfo> unsqueeze(NodeView v) {
        return v.output(v.type(0), unsqueezeDims(v, v.dims(0)));
    }

    static long[] squeezeDims(NodeView v, long[] in) {
        long[] axes = v.intsFromAttributeOrInput("axes", 1, "axes");
        boolean[] removed = new boolean[in.length];
        if (axes == null || axes.length == 0) {
            for (int i = 0; i < in.length; i++) {
                if (Dims.isDynamic(in[i])) {
                    throw v.fail("without axes, whether dynamic dim " + i + " of " + Dims.toString(in)
                            + " is squeezed depends on run-time data; give axes");
                }
                removed[i] = in[i] == 1;
            }
        } else {
            for (long a : axes) {
                int ax = v.axis(a, in.length);
                if (!Dims.isDynamic(in[ax]) && in[ax] != 1) {
                    throw v.fail("cannot squeeze dim " + ax + " of size " + in[ax] + " in " + Dims.toString(in));
                }
                removed[ax] = true;
            }
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < in.length; i++) {
            if (!removed[i]) {
                out.add(in[i]);
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static List<ValueInfo> squeeze(NodeView v) {
        return v.output(v.type(0), squeezeDims(v, v.dims(0)));
    }

    private static List<ValueInfo> constant(NodeView v) {
        ConstantTensor c = ConstantEvaluator.constantAttribute(v);
        return v.output(c.type(), c.shape().dims());
    }

    private static List<ValueInfo> constantOfShape(NodeView v) {
        DataType type = ConstantEvaluator.fillValue(v).type();
        long[] target = v.ints(0);
        if (target == null) {
            long[] t = v.dims(0);
            if (t.length != 1 || Dims.isDynamic(t[0])) {
                throw v.fail("shape input must be 1-D of known length, got " + Dims.toString(t));
            }
            long[] out = new long[(int) t[0]];
            Arrays.fill(out, Dims.DYNAMIC);
            return v.output(type, out);
        }
        for (long d : target) {
            if (d < 0) {
                throw v.fail("negative size in " + Arrays.toString(target));
            }
        }
        return v.output(type, target);
    }

    private static List<ValueInfo> cast(NodeView v) {
        return v.output(castTarget(v), v.dims(0));
    }

    static DataType castTarget(NodeView v) {
        long code = v.node().intAttr("to", -1);
        DataType to = code >= 0 && code <= Integer.MAX_VALUE ? DataType.fromOnnxCode((int) code) : null;
        if (to == null) {
            throw new UnsupportedOperatorException(v.describe() + ": cast to ONNX type code " + code
                    + " is not supported");
        }
        return to;
    }
}
