package io.jdeepface.engine.ops.elementwise;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED;

import java.lang.foreign.MemorySegment;

/** The scalar reference loops: one element at a time through {@link BinaryOp#apply}. */
final class ScalarBinaryRows implements BinaryRows {
    static final ScalarBinaryRows INSTANCE = new ScalarBinaryRows();

    @Override
    public void vv(BinaryOp op, MemorySegment a, long aOff, MemorySegment b, long bOff,
                   MemorySegment out, long outOff, int len) {
        for (int i = 0; i < len; i++) {
            float x = a.getAtIndex(JAVA_FLOAT_UNALIGNED, aOff + i);
            float y = b.getAtIndex(JAVA_FLOAT_UNALIGNED, bOff + i);
            out.setAtIndex(JAVA_FLOAT_UNALIGNED, outOff + i, op.apply(x, y));
        }
    }

    @Override
    public void vs(BinaryOp op, MemorySegment a, long aOff, float b, MemorySegment out, long outOff, int len) {
        for (int i = 0; i < len; i++) {
            out.setAtIndex(JAVA_FLOAT_UNALIGNED, outOff + i, op.apply(a.getAtIndex(JAVA_FLOAT_UNALIGNED, aOff + i), b));
        }
    }

    @Override
    public void sv(BinaryOp op, float a, MemorySegment b, long bOff, MemorySegment out, long outOff, int len) {
        for (int i = 0; i < len; i++) {
            out.setAtIndex(JAVA_FLOAT_UNALIGNED, outOff + i, op.apply(a, b.getAtIndex(JAVA_FLOAT_UNALIGNED, bOff + i)));
        }
    }
}
