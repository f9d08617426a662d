/**
 * Binary elementwise operators (Add, Sub, Mul, Div, Max, Min) with numpy broadcasting. A
 * broadcast plan turns any pair of shapes into rows
 * where each operand either advances or stays on one element; the row loops exist as a scalar
 * reference and as Vector API loops that give bit-identical results.
 */
package io.jdeepface.engine.ops.elementwise;
