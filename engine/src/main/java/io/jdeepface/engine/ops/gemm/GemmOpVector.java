package io.jdeepface.engine.ops.gemm;

import io.jdeepface.engine.ops.Kernel;
import java.lang.foreign.MemorySegment;

/** The Vector API kernel of {@link GemmOp}: constant operands packed once here, at load. */
final class GemmOpVector {
    private GemmOpVector() {}

    static Kernel create(GemmOp.Setup s) {
        int n = s.n();
        int k = s.k();
        GemmVector.ASource a = s.aConstant() != null
                ? new GemmVector.PackedA(GemmVector.packA(s.aConstant(), 0, s.aLayout(), s.m(), k))
                : new GemmVector.StridedA(s.aLayout());
        GemmVector.BSource b = s.bConstant() != null
                ? new GemmVector.PackedB(GemmVector.packB(s.bConstant(), 0, s.bLayout(), k, n), k)
                : new GemmVector.StridedB(s.bLayout());
        return (inputs, outputs, parallel) -> {
            int m = s.rows(inputs[0], outputs[0]);
            MemorySegment y = outputs[0];
            Epilogue e = s.epilogueFor(inputs);
            GemmVector.forEachTile(parallel, 1, m, n, (item, r0, r1, c0, c1) ->
                    GemmVector.multiply(m, n, k, a, inputs[0], 0, b, inputs[1], 0, y, 0, n,
                            e, 0, r0, r1, c0, c1));
        };
    }
}
