package io.jdeepface.engine.graph;

import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;

/** Name, element type and shape of a value flowing through the graph. */
public record ValueInfo(String name, DataType type, Shape shape) {}
