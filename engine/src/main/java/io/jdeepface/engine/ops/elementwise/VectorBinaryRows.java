package io.jdeepface.engine.ops.elementwise;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API loops. Each operator has its own loop: the Vector API compiles to SIMD instructions
 * only when the operation is a constant at the call site, so a shared loop taking the operator as
 * a parameter would run orders of magnitude slower. Results are bit-identical to the scalar loops
 * (the same IEEE operation per lane, no fused multiply-add).
 */
final class VectorBinaryRows implements BinaryRows {
    static final VectorBinaryRows INSTANCE = new VectorBinaryRows();

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    private static FloatVector load(MemorySegment s, long element) {
        return FloatVector.fromMemorySegment(S, s, element * Float.BYTES, NATIVE);
    }

    private static void store(FloatVector v, MemorySegment s, long element) {
        v.intoMemorySegment(s, element * Float.BYTES, NATIVE);
    }

    @Override
    public void vv(BinaryOp op, MemorySegment a, long ao, MemorySegment b, long bo,
                   MemorySegment out, long oo, int len) {
        int bound = S.loopBound(len);
        int i = 0;
        switch (op) {
            case ADD -> { for (; i < bound; i += L) store(load(a, ao + i).add(load(b, bo + i)), out, oo + i); }
            case SUB -> { for (; i < bound; i += L) store(load(a, ao + i).sub(load(b, bo + i)), out, oo + i); }
            case MUL -> { for (; i < bound; i += L) store(load(a, ao + i).mul(load(b, bo + i)), out, oo + i); }
            case DIV -> { for (; i < bound; i += L) store(load(a, ao + i).div(load(b, bo + i)), out, oo + i); }
            case MAX -> { for (; i < bound; i += L) store(load(a, ao + i).max(load(b, bo + i)), out, oo + i); }
            case MIN -> { for (; i < bound; i += L) store(load(a, ao + i).min(load(b, bo + i)), out, oo + i); }
        }
        ScalarBinaryRows.INSTANCE.vv(op, a, ao + i, b, bo + i, out, oo + i, len - i);
    }

    @Override
    public void vs(BinaryOp op, MemorySegment a, long ao, float b, MemorySegment out, long oo, int len) {
        int bound = S.loopBound(len);
        int i = 0;
        FloatVector vb = FloatVector.broadcast(S, b);
        switch (op) {
            case ADD -> { for (; i < bound; i += L) store(load(a, ao + i).add(vb), out, oo + i); }
            case SUB -> { for (; i < bound; i += L) store(load(a, ao + i).sub(vb), out, oo + i); }
            case MUL -> { for (; i < bound; i += L) store(load(a, ao + i).mul(vb), out, oo + i); }
            case DIV -> { for (; i < bound; i += L) store(load(a, ao + i).div(vb), out, oo + i); }
            case MAX -> { for (; i < bound; i += L) store(load(a, ao + i).max(vb), out, oo + i); }
            case MIN -> { for (; i < bound; i += L) store(load(a, ao + i).min(vb), out, oo + i); }
        }
        ScalarBinaryRows.INSTANCE.vs(op, a, ao + i, b, out, oo + i, len - i);
    }

    @Override
    public void sv(BinaryOp op, float a, MemorySegment b, long bo, MemorySegment out, long oo, int len) {
        int bound = S.loopBound(len);
        int i = 0;
        FloatVector va = FloatVector.broadcast(S, a);
        switch (op) {
            case ADD -> { for (; i < bound; i += L) store(va.add(load(b, bo + i)), out, oo + i); }
            case SUB -> { for (; i < bound; i += L) store(va.sub(load(b, bo + i)), out, oo + i); }
            case MUL -> { for (; i < bound; i += L) store(va.mul(load(b, bo + i)), out, oo + i); }
            case DIV -> { for (; i < bound; i += L) store(va.div(load(b, bo + i)), out, oo + i); }
            case MAX -> { for (; i < bound; i += L) store(va.max(load(b, bo + i)), out, oo + i); }
            case MIN -> { for (; i < bound; i += L) store(va.min(load(b, bo + i)), out, oo + i); }
        }
        ScalarBinaryRows.INSTANCE.sv(op, a, b, bo + i, out, oo + i, len - i);
    }
}
