/** Softmax along one axis, numerically stable (the maximum is subtracted before exp). */
package io.jdeepface.engine.ops.softmax;
