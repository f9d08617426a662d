/** Reductions: ReduceMean over any set of axes. */
package io.jdeepface.engine.ops.reduce;
