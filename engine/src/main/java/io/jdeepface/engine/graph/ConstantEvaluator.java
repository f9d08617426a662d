package io.jdeepface.engine.graph;

import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Computes the outputs of a node whose inputs are all known constants: the integer and shape
 * ops that models use to compute Reshape targets (Shape, Gather, Unsqueeze, Concat, ...), data
 * movement (Transpose, Slice, Split, ...) and simple element-wise arithmetic. Output shapes come
 * from the shape rules, so this class only moves and combines values. Not a run-time kernel:
 * clarity over speed.
 */
final class ConstantEvaluator {
    private ConstantEvaluator() {}

    /**
     * The output values of the node in output order, or null when it cannot be evaluated here
     * (an input is not constant, the op is not one we evaluate, or a type we do not unpack).
     */
    static List<ConstantTensor> evaluate(NodeView v, List<ValueInfo> outputs) {
        for (ValueInfo o : outputs) {
            if (!o.shape().isStatic() || !ConstantTensor.isSupported(o.type())) {
                return null;
            }
        }
        switch (v.op()) {
            case "Constant":
                return List.of(constantAttribute(v));
            case "Shape":
                return shape(v);
            case "ConstantOfShape":
                return v.value(0) == null ? null : List.of(fill(fillValue(v), outputs.get(0).shape()));
            default:
                break;
        }
        for (int i = 0; i < v.inputCount(); i++) {
            if (v.has(i) && v.value(i) == null) {
                return null;
            }
        }
        Shape out0 = outputs.get(0).shape();
        return switch (v.op()) {
            case "Identity", "Reshape", "Flatten", "Squeeze", "Unsqueeze" -> List.of(v.value(0).reshaped(out0));
            case "Dropout" -> dropout(v, outputs);
            case "Cast" -> List.of(cast(v.value(0), outputs.get(0).type()));
            case "Gather" -> List.of(gather(v, out0));
            case "Concat" -> List.of(concat(v, out0));
            case "Transpose" -> List.of(transpose(v, out0));
            case "Slice" -> List.of(slice(v, out0));
            case "Split" -> split(v, outputs);
            case "Add", "Sub", "Mul", "Div", "Max", "Min" -> List.of(arithmetic(v, out0));
            case "Relu", "Tanh", "Sigmoid", "Exp" -> v.value(0).isFloat() ? List.of(unary(v.op(), v.value(0))) : null;
            default -> null;
        };
    }

    /** The value of a Constant node (the {@code value} tensor or one of the scalar/list forms). */
    static ConstantTensor constantAttribute(NodeView v) {
        Node n = v.node();
        if (n.attribute("value").orElse(null) instanceof Attribute.TensorValue t) {
            ConstantTensor c = ConstantTensor.of(t.value());
            if (c == null) {
                throw v.fail("value of type " + t.value().type() + " is not supported");
            }
            return c;
        }
        if (n.attribute("value_float").orElse(null) instanceof Attribute.Float f) {
            return ConstantTensor.ofFloats(Shape.scalar(), new float[] {f.value()});
        }
        if (n.attribute("value_floats").orElse(null) instanceof Attribute.Floats f) {
            return ConstantTensor.ofFloats(Shape.of(f.values().length), f.values());
        }
        if (n.attribute("value_int").orElse(null) instanceof Attribute.Int i) {
            return ConstantTensor.ofLongs(Shape.scalar(), new long[] {i.value()});
        }
        if (n.attribute("value_ints").orElse(null) instanceof Attribute.Ints i) {
            return ConstantTensor.vector(i.values());
        }
        throw v.fail("has no supported value attribute (value, value_float(s), value_int(s))");
    }

    /** ConstantOfShape's one-element fill value; float 0 by default. */
    static ConstantTensor fillValue(NodeView v) {
        if (v.node().attribute("value").orElse(null) instanceof Attribute.TensorValue t) {
            ConstantTensor c = ConstantTensor.of(t.value());
            if (c == null || c.size() != 1) {
                throw v.fail("value must be a one-element FLOAT32 or integer tensor");
            }
            return c;
        }
        return ConstantTensor.ofFloats(Shape.of(1), new float[] {0f});
    }

    private static ConstantTensor fill(ConstantTensor one, Shape shape) {
        int n = Math.toIntExact(shape.elementCount());
        if (one.isFloat()) {
            float[] f = new float[n];
            Arrays.fill(f, one.floats()[0]);
            return ConstantTensor.ofFloats(shape, f);
        }
        long[] l = new long[n];
        Arrays.fill(l, one.longs()[0]);
        return ConstantTensor.ofLongs(one.type(), shape, l);
    }

    private static List<ConstantTensor> shape(NodeView v) {
        Shape s = v.input(0).shape();
        if (!s.isStatic()) {
            return null;
        }
        int[] r = ShapeRules.shapeRange(v, s.rank());
        return List.of(ConstantTensor.vector(Arrays.copyOfRange(s.dims(), r[0], r[1])));
    }

    private static List<ConstantTensor> dropout(NodeView v, List<ValueInfo> outputs) {
        List<ConstantTensor> out = new ArrayList<>();
        out.add(v.value(0));
        if (outputs.size() > 1) { // inference: the mask keeps everything
            out.add(fill(ConstantTensor.ofLongs(DataType.BOOL, Shape.of(1), new long[] {1}), outputs.get(1).shape()));
        }
        return out;
    }

    static ConstantTensor cast(ConstantTensor in, DataType to) {
        int n = in.size();
        if (to == DataType.FLOAT32) {
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
                f[i] = (float) in.get(i);
            }
            return ConstantTensor.ofFloats(in.shape(), f);
        }
        long[] l = new long[n];
        for (int i = 0; i < n; i++) {
            long x = in.isFloat() ? (long) in.floats()[i] : in.longs()[i]; // float to int truncates
            l[i] = switch (to) {
                case INT64 -> x;
                case INT32 -> (int) x;
                case INT8 -> (byte) x;
                case UINT8 -> x & 0xFF;
                case BOOL -> (in.isFloat() ? in.floats()[i] != 0f : x != 0) ? 1 : 0;
                default -> throw new IllegalArgumentException("cast to " + to);
            };
        }
        return ConstantTensor.ofLongs(to, in.shape(), l);
    }

    /** A new tensor of {@code shape} whose element i is element {@code from[i]} of {@code src}. */
    private static ConstantTensor pick(ConstantTensor src, int[] from, Shape shape) {
        if (src.isFloat()) {
            float[] s = src.floats();
            float[] f = new float[from.length];
            for (int i = 0; i < from.length; i++) {
                f[i] = s[from[i]];
            }
            return ConstantTensor.ofFloats(shape, f);
        }
        long[] s = src.longs();
        long[] l = new long[from.length];
        for (int i = 0; i < from.length; i++) {
            l[i] = s[from[i]];
        }
        return ConstantTensor.ofLongs(src.type(), shape, l);
    }

    /**
     * For each element of an output of {@code outDims}, the flat index into an input whose
     * element at multi-index idx is at sum((start[d] + idx[d] * step[d]) * stride[d]).
     */
    private static int[] strided(long[] outDims, long[] start, long[] step, int[] stride) {
        int n = Math.toIntExact(Dims.product(outDims));
        int[] from = new int[n];
        int rank = outDims.length;
        long[] idx = new long[rank];
        for (int i = 0; i < n; i++) {
            long off = 0;
            for (int d = 0; d < rank; d++) {
                off += (start[d] + idx[d] * step[d]) * stride[d];
            }
            from[i] = (int) off;
            for (int d = rank - 1; d >= 0; d--) { // advance the multi-index, last dim fastest
                if (++idx[d] < outDims[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return from;
    }

    private static ConstantTensor gather(NodeView v, Shape out) {
        ConstantTensor data = v.value(0);
        long[] dims = data.shape().dims();
        long[] indices = v.value(1).longs();
        int axis = v.axis(v.node().intAttr("axis", 0), dims.length);
        int outer = Math.toIntExact(Dims.product(dims, 0, axis));
        int inner = Math.toIntExact(Dims.product(dims, axis + 1, dims.length));
        long axisDim = dims[axis];
        int[] from = new int[Math.toIntExact(out.elementCount())];
        int k = 0;
        for (int o = 0; o < outer; o++) {
            for (long index : indices) {
                long j = index < 0 ? index + axisDim : index;
                if (j < 0 || j >= axisDim) {
                    throw v.fail("index " + index + " is out of range for dim " + axisDim);
                }
                for (int i = 0; i < inner; i++) {
                    from[k++] = (int) ((o * axisDim + j) * inner + i);
                }
            }
        }
        return pick(data, from, out);
    }

    private static ConstantTensor concat(NodeView v, Shape out) {
        long[] outDims = out.dims();
        int axis = v.axis(v.node().intAttr("axis", 0), outDims.length);
        int outer = Math.toIntExact(Dims.product(outDims, 0, axis));
        int inner = Math.toIntExact(Dims.product(outDims, axis + 1, outDims.length));
        DataType type = v.value(0).type();
        int n = Math.toIntExact(out.elementCount());
        float[] f = type == DataType.FLOAT32 ? new float[n] : null;
        long[] l = f == null ? new long[n] : null;
        int k = 0;
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < v.inputCount(); in++) {
                ConstantTensor t = v.value(in);
                int chunk = Math.toIntExact(t.shape().dim(axis) * inner);
                if (f != null) {
                    System.arraycopy(t.floats(), o * chunk, f, k, chunk);
                } else {
                    System.arraycopy(t.longs(), o * chunk, l, k, chunk);
                }
                k += chunk;
            }
        }
        return f != null ? ConstantTensor.ofFloats(out, f) : ConstantTensor.ofLongs(type, out, l);
    }

    private static ConstantTensor transpose(NodeView v, Shape out) {
        ConstantTensor in = v.value(0);
        long[] inDims = in.shape().dims();
        int[] perm = ShapeRules.permutation(v, inDims.length);
        int[] inStride = Dims.strides(inDims);
        int[] stride = new int[perm.length];
        for (int d = 0; d < perm.length; d++) {
            stride[d] = inStride[perm[d]];
        }
        long[] ones = new long[perm.length];
        Arrays.fill(ones, 1);
        return pick(in, strided(out.dims(), new long[perm.length], ones, stride), out);
    }

    private static ConstantTensor slice(NodeView v, Shape out) {
        ConstantTensor in = v.value(0);
        SliceSpec spec = SliceSpec.resolve(v, in.shape().dims());
        return pick(in, strided(out.dims(), spec.starts(), spec.steps(), Dims.strides(in.shape().dims())), out);
    }

    private static List<ConstantTensor> split(NodeView v, List<ValueInfo> outputs) {
        ConstantTensor in = v.value(0);
        long[] dims = in.shape().dims();
        int axis = v.axis(v.node().intAttr("axis", 0), dims.length);
        long[] sizes = ShapeRules.splitSizes(v, dims, axis);
        long[] start = new long[dims.length];
        long[] step = new long[dims.length];
        Arrays.fill(step, 1);
        List<ConstantTensor> out = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            Shape s = outputs.get(i).shape();
            out.add(pick(in, strided(s.dims(), start.clone(), step, Dims.strides(dims)), s));
            start[axis] += sizes[i];
        }
        return out;
    }

    /** For each element of the broadcast output, the flat index into an input of {@code inDims}. */
    private static int[] broadcastIndex(long[] outDims, long[] inDims) {
        int[] inStride = Dims.strides(inDims);
        int[] stride = new int[outDims.length];
        int lead = outDims.length - inDims.length;
        for (int d = lead; d < outDims.length; d++) {
            stride[d] = inDims[d - lead] == 1 ? 0 : inStride[d - lead];
        }
        return strided(outDims, new long[outDims.length], onesLike(outDims), stride);
    }

    private static long[] onesLike(long[] dims) {
        long[] ones = new long[dims.length];
        Arrays.fill(ones, 1);
        return ones;
    }

    private static ConstantTensor arithmetic(NodeView v, Shape out) {
        ConstantTensor acc = v.value(0);
        for (int i = 1; i < v.inputCount(); i++) {
            acc = binary(v, acc, v.value(i), out);
        }
        return acc.shape().equals(out) ? acc : pick(acc, broadcastIndex(out.dims(), acc.shape().dims()), out);
    }

    private static ConstantTensor binary(NodeView v, ConstantTensor a, ConstantTensor b, Shape out) {
        long[] dims = Dims.broadcast(a.shape().dims(), b.shape().dims());
        Shape shape = new Shape(dims);
        int[] ia = broadcastIndex(dims, a.shape().dims());
        int[] ib = broadcastIndex(dims, b.shape().dims());
        String op = v.op();
        if (a.isFloat()) {
            float[] x = a.floats();
            float[] y = b.floats();
            float[] r = new float[ia.length];
            for (int i = 0; i < r.length; i++) {
                float p = x[ia[i]];
                float q = y[ib[i]];
                r[i] = switch (op) {
                    case "Add" -> p + q;
                    case "Sub" -> p - q;
                    case "Mul" -> p * q;
                    case "Div" -> p / q;
                    case "Max" -> Math.max(p, q);
                    default -> Math.min(p, q);
                };
            }
            return ConstantTensor.ofFloats(shape, r);
        }
        long[] x = a.longs();
        long[] y = b.longs();
        long[] r = new long[ia.length];
        for (int i = 0; i < r.length; i++) {
            long p = x[ia[i]];
            long q = y[ib[i]];
            if (op.equals("Div") && q == 0) {
                throw v.fail("integer division by zero");
            }
            r[i] = switch (op) {
                case "Add" -> p + q;
                case "Sub" -> p - q;
                case "Mul" -> p * q;
                case "Div" -> p / q; // truncates toward zero, as C and ONNX Runtime do
                case "Max" -> Math.max(p, q);
                default -> Math.min(p, q);
            };
        }
        return ConstantTensor.ofLongs(a.type(), shape, r);
    }

    private static ConstantTensor unary(String op, ConstantTensor in) {
        float[] x = in.floats();
        float[] r = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = switch (op) {
                case "Relu" -> Math.max(x[i], 0f);
                case "Tanh" -> (float) Math.tanh(x[i]);
                case "Sigmoid" -> (float) (1.0 / (1.0 + Math.exp(-x[i])));
                default -> (float) Math.exp(x[i]);
            };
        }
        return ConstantTensor.ofFloats(in.shape(), r);
    }
}
