package io.jdeepface.engine.ops.elementwise;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.KernelSpec;
import io.jdeepface.engine.ops.SpecReader;
import io.jdeepface.engine.simd.VectorSupport;
import io.jdeepface.engine.tensor.DataType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * Add, Sub, Mul, Div, Max and Min on float32 with numpy multidirectional broadcasting (ONNX
 * semantics, any rank up to 8). Max and Min take one or two inputs (ONNX allows more; the engine
 * rejects them). A constant operand (weights such as per-channel scales) is captured at load.
 *
 * <p>The output may share its buffer with an input of the same shape (in-place): each output
 * element reads only the input elements at its own position.
 */
public final class BinaryElementwise implements Kernel {
    private final BinaryOp op;
    private final BroadcastPlan plan;
    private final MemorySegment[] constants;
    private final BinaryRows rows;
    private final BroadcastPlan.RowLoop loop;

    private BinaryElementwise(BinaryOp op, BroadcastPlan plan, MemorySegment[] constants, BinaryRows rows) {
        this.op = op;
        this.plan = plan;
        this.constants = constants;
        this.rows = rows;
        this.loop = plan.new RowLoop(rowBody());
    }

    /** A kernel for an Add, Sub, Mul, Div, Max or Min node. */
    public static Kernel create(KernelSpec spec) {
        BinaryOp op = BinaryOp.of(spec.node().opType());
        if (op == null) {
            throw SpecReader.invalid(spec, "is not a binary elementwise operator");
        }
        int inputs = spec.node().inputs().size();
        if ((op == BinaryOp.MAX || op == BinaryOp.MIN) && inputs > 2) {
            throw SpecReader.unsupported(spec, inputs + " inputs; Max and Min are supported with 1 or 2 inputs"
                    + " (rewrite as a chain of 2-input nodes)");
        }
        boolean unary = (op == BinaryOp.MAX || op == BinaryOp.MIN) && inputs == 1;
        SpecReader.requireArity(spec, unary ? 1 : 2, unary ? 1 : 2, 1);
        for (int i = 0; i < inputs; i++) {
            SpecReader.requireType(spec, spec.input(i), DataType.FLOAT32);
        }
        SpecReader.requireType(spec, spec.output(0), DataType.FLOAT32);
        int[] a = SpecReader.inputDims(spec, 0);
        int[] b = unary ? a : SpecReader.inputDims(spec, 1);
        int[] out = SpecReader.outputDims(spec, 0);
        int[] expected = BroadcastPlan.broadcastShape(a, b);
        if (expected == null) {
            throw SpecReader.invalid(spec, "shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                    + " do not broadcast");
        }
        if (!Arrays.equals(expected, out)) {
            throw SpecReader.invalid(spec, "output shape " + Arrays.toString(out) + " should be "
                    + Arrays.toString(expected));
        }
        MemorySegment[] constants = SpecReader.constantInputs(spec);
        if (unary) { // Max(x) = Min(x) = x
            return (in, outs, parallel) -> MemorySegment.copy(SpecReader.input(constants, in, 0), 0,
                    outs[0], 0, (long) SpecReader.elementCount(out) * Float.BYTES);
        }
        boolean vector = spec.vector() && VectorSupport.enabled();
        BinaryRows rows = vector ? VectorBinaryRows.INSTANCE : ScalarBinaryRows.INSTANCE;
        return new BinaryElementwise(op, BroadcastPlan.of(a, b, out), constants, rows);
    }

    @Override
    public void run(MemorySegment[] inputs, MemorySegment[] outputs, Parallel parallel) {
        loop.run(parallel, inputs, outputs);
    }

    /** The row body for this plan: both operands vary along a row, or one is a scalar per row. */
    private BroadcastPlan.RowBody rowBody() {
        if (plan.aVaries && plan.bVaries) {
            return (in, outs, ao, bo, oo, len) -> rows.vv(op, SpecReader.input(constants, in, 0), ao,
                    SpecReader.input(constants, in, 1), bo, outs[0], oo, len);
        } else if (plan.aVaries) {
            return (in, outs, ao, bo, oo, len) -> rows.vs(op, SpecReader.input(constants, in, 0), ao,
                    SpecReader.input(constants, in, 1).getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, bo), outs[0], oo, len);
        } else {
            return (in, outs, ao, bo, oo, len) -> rows.sv(op,
                    SpecReader.input(constants, in, 0).getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, ao),
                    SpecReader.input(constants, in, 1), bo, outs[0], oo, len);
        }
    }
}
