package io.jdeepface.engine.ops.elementwise;

import java.lang.foreign.MemorySegment;

/**
 * The inner loops of a binary op over one row of {@code len} elements (offsets in elements):
 * both operands advance ({@code vv}), or one of them is a single element for the whole row
 * ({@code vs}: b is fixed, {@code sv}: a is fixed).
 */
interface BinaryRows {
    void vv(BinaryOp op, MemorySegment a, long aOff, MemorySegment b, long bOff, MemorySegment out, long outOff, int len);

    void vs(BinaryOp op, MemorySegment a, long aOff, float b, MemorySegment out, long outOff, int len);

    void sv(BinaryOp op, float a, MemorySegment b, long bOff, MemorySegment out, long outOff, int len);
}
