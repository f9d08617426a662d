/**
 * Data movement: Reshape and friends, Transpose, Slice, Concat, Split and Pad. None of them
 * computes; they only move elements, so they work on every element type by its byte size
 * (float32 and int64 alike). Transpose and Slice share one strided-copy planner.
 */
package io.jdeepface.engine.ops.layout;
