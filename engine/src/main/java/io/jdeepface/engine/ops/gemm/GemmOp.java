package io.jdeepface.engine.ops.gemm;

import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.InvalidGraphException;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.KernelSpec;
import io.jdeepface.engine.ops.UnsupportedOperatorException;
import io.jdeepface.engine.ops.activation.Activation;
import io.jdeepface.engine.tensor.Shape;
import java.lang.foreign.MemorySegment;

/**
 * ONNX {@code Gemm}: {@code Y = activation(alpha · A' · B' + beta · C)} where {@code A'} is A or
 * its transpose ({@code transA}), {@code B'} likewise, C an optional bias broadcast to [M, N], and
 * the activation the fused one of docs/ir.md (PRelu's slope is input 3, per output column). M may
 * be a dynamic batch dimension; K and N must be static.
 */
public final class GemmOp {
    private GemmOp() {}

    public static Kernel create(KernelSpec spec) {
        Setup s = Setup.of(spec);
        return spec.vector() ? GemmOpVector.create(s) : reference(s);
    }

    /** The scalar kernel: rows split across threads. */
    private static Kernel reference(Setup s) {
        return (inputs, outputs, parallel) -> {
            int m = s.rows(inputs[0], outputs[0]);
            MemorySegment a = s.aConstant() != null ? s.aConstant() : inputs[0];
            MemorySegment b = s.bConstant() != null ? s.bConstant() : inputs[1];
            Epilogue e = s.epilogueFor(inputs);
            parallel.forRange(m, (r0, r1) -> GemmReference.multiply(r1 - r0, s.n(), s.k(),
                    a, s.aLayout().index(0, r0, 0), s.aLayout(), b, 0, s.bLayout(),
                    outputs[0], (long) r0 * s.n(), s.n(), e, r0));
        };
    }

    /**
     * Everything a Gemm kernel needs, resolved at load.
     *
     * @param m         rows of Y, or -1 when only known at run time (dynamic batch)
     * @param aConstant A in native order when it is a constant, else null (likewise B)
     * @param biasAtRunTime whether C is a run-time input (its broadcast shape is in the epilogue)
     */
    record Setup(String name, int m, int n, int k, MatrixLayout aLayout, MatrixLayout bLayout,
                 MemorySegment aConstant, MemorySegment bConstant, Epilogue epilogue,
                 boolean biasAtRunTime, boolean slopeAtRunTime) {

        static Setup of(KernelSpec spec) {
            Node node = spec.node();
            String what = "Gemm node '" + node.name() + "'";
            boolean transA = node.intAttr("transA", 0) != 0;
            boolean transB = node.intAttr("transB", 0) != 0;
            long[] a = dims(spec, 0, what + " input A");
            long[] b = dims(spec, 1, what + " input B");
            long m = transA ? a[1] : a[0];
            long k = transA ? a[0] : a[1];
            long kb = transB ? b[1] : b[0];
            long n = transB ? b[0] : b[1];
            if (k < 0 || n < 0 || kb < 0 || (transA && m < 0)) {
                throw new UnsupportedOperatorException(what + ": only the row count M may be dynamic, got A"
                        + spec.input(0).shape() + " B" + spec.input(1).shape());
            }
            if (k != kb) {
                throw new InvalidGraphException(what + ": inner dimensions differ, A" + spec.input(0).shape()
                        + (transA ? "ᵀ" : "") + " · B" + spec.input(1).shape() + (transB ? "ᵀ" : ""));
            }
            checkInt(m, what);
            checkInt(n, what);
            checkInt(k, what);
            checkInt(Math.max(m, 1) * Math.max(k, 1), what);
            checkInt(n * Math.max(k, 1), what);
            MatrixLayout aLayout = transA ? MatrixLayout.rowMajor(m).transposed() : MatrixLayout.rowMajor(k);
            MatrixLayout bLayout = transB ? MatrixLayout.rowMajor(k).transposed() : MatrixLayout.rowMajor(n);

            Initializer aInit = spec.constant(0);
            Initializer bInit = spec.constant(1);
            Broadcast bias = null;
            boolean biasAtRunTime = false;
            float beta = node.floatAttr("beta", 1f);
            if (node.hasInput(2) && beta != 0f) {
                Initializer c = spec.constant(2);
                biasAtRunTime = c == null;
                long[] cDims = c != null ? c.shape().dims() : dims(spec, 2, what + " input C", -1);
                bias = Broadcast.toMatrix(c != null ? ConstantFloats.copyOf(c, node) : MemorySegment.NULL,
                        cDims, m, n, what + " input C");
            }
            Activation act = Activation.fusedOn(node);
            Broadcast slope = null;
            boolean slopeAtRunTime = false;
            if (act.kind() == Activation.Kind.PRELU) {
                if (!node.hasInput(3)) {
                    throw new InvalidGraphException(what + " has activation PRelu but no slope input 3");
                }
                Initializer sl = spec.constant(3);
                slopeAtRunTime = sl == null;
                long[] sDims = sl != null ? sl.shape().dims() : dims(spec, 3, what + " PRelu slope", -1);
                slope = Broadcast.toMatrix(sl != null ? ConstantFloats.copyOf(sl, node) : MemorySegment.NULL,
                        sDims, m, n, what + " PRelu slope");
            }
            Epilogue epilogue = new Epilogue(node.floatAttr("alpha", 1f), beta, bias, act, slope);
            return new Setup(node.name(), (int) m, (int) n, (int) k, aLayout, bLayout,
                    aInit != null ? ConstantFloats.copyOf(aInit, node) : null,
                    bInit != null ? ConstantFloats.copyOf(bInit, node) : null,
                    epilogue, biasAtRunTime, slopeAtRunTime);
        }

        /** M of this run: the static one, or derived from the size of A. */
        int rows(MemorySegment a, MemorySegment y) {
            long rows = m;
            if (rows < 0) {
                long perRow = (long) k * Float.BYTES;
                rows = perRow == 0 ? y.byteSize() / ((long) n * Float.BYTES) : a.byteSize() / perRow;
            }
            if (y.byteSize() != rows * n * Float.BYTES || (aConstant == null && a.byteSize() != rows * k * Float.BYTES)) {
                throw new IllegalArgumentException("Gemm '" + name + "': buffers of " + a.byteSize() + " and "
                        + y.byteSize() + " bytes do not fit [" + rows + "," + k + "]·[" + k + "," + n + "]");
            }
            return (int) rows;
        }

        /** The epilogue with this run's C and slope when they are run-time inputs. */
        Epilogue epilogueFor(MemorySegment[] inputs) {
            if (!biasAtRunTime && !slopeAtRunTime) {
                return epilogue;
            }
            Broadcast bias = biasAtRunTime ? epilogue.bias().withData(inputs[2]) : epilogue.bias();
            Broadcast slope = slopeAtRunTime ? epilogue.slope().withData(inputs[3]) : epilogue.slope();
            return new Epilogue(epilogue.alpha(), epilogue.beta(), bias, epilogue.activation(), slope);
        }

        private static long[] dims(KernelSpec spec, int i, String what) {
            long[] d = dims(spec, i, what, 2);
            return d;
        }

        /** Static dims of input i; rank must be {@code rank} unless it is -1. */
        private static long[] dims(KernelSpec spec, int i, String what, int rank) {
            if (spec.input(i) == null) {
                throw new InvalidGraphException(what + " is missing");
            }
            Shape shape = spec.input(i).shape();
            if (rank >= 0 && shape.rank() != rank) {
                throw new InvalidGraphException(what + " must be 2-D, got " + shape);
            }
            return shape.dims();
        }

        private static void checkInt(long v, String what) {
            if (v > Integer.MAX_VALUE) {
                throw new UnsupportedOperatorException(what + ": dimension " + v + " is too large");
            }
        }
    }
}
