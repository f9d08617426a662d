/**
 * Pooling: MaxPool, AveragePool and GlobalAveragePool over NCHW planes. The scalar kernel visits
 * each window; the vector kernel uses that a rectangular window is separable (combine the rows,
 * then the columns).
 */
package io.jdeepface.engine.ops.pool;
