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
        GemmVector.TileLoop tiles = new GemmVector.TileLoop((in, out, item, r0, r1, c0, c1) ->
                GemmVector.multiply(s.rows(in[0], out[0]), n, k, a, in[0], 0, b, in[1], 0, out[0], 0, n,
                        s.epilogueFor(in), 0, r0, r1, c0, c1));
        return (inputs, outputs, parallel) ->
                tiles.run(parallel, 1, s.rows(inputs[0], outputs[0]), n, k, inputs, outputs);
    }
}
