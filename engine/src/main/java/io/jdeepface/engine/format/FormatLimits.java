package io.jdeepface.engine.format;

import io.jdeepface.engine.tensor.Shape;

/**
 * Sanity limits both the writer and the reader enforce. They are far above what any face model
 * needs (the largest has about a thousand nodes); a file beyond them is corrupt or hostile, and
 * rejecting it early keeps a bad file from making the reader allocate gigabytes.
 */
public final class FormatLimits {
    private FormatLimits() {}

    /** Longest string (a name, op type, attribute string, metadata value), in UTF-8 bytes. */
    public static final int MAX_STRING_BYTES = 64 * 1024;
    public static final int MAX_NODES = 100_000;
    public static final int MAX_INITIALIZERS = 100_000;
    /** Graph inputs, and separately graph outputs. */
    public static final int MAX_GRAPH_INPUTS_OR_OUTPUTS = 10_000;
    public static final int MAX_VALUE_INFOS = 1_000_000;
    /** Inputs, and separately outputs, of one node. */
    public static final int MAX_NODE_INPUTS_OR_OUTPUTS = 10_000;
    public static final int MAX_ATTRIBUTES_PER_NODE = 1_000;
    /** Elements of one {@code Ints} or {@code Floats} attribute. */
    public static final int MAX_ATTRIBUTE_ELEMENTS = 1_000_000;
    public static final int MAX_PROPERTIES = 10_000;
    public static final int MAX_RANK = Shape.MAX_RANK;
    /** The structure section (metadata and graph, without weights). */
    public static final long MAX_STRUCTURE_BYTES = 64L * 1024 * 1024;
    /** Header length a 1.x reader accepts; later minor versions may grow the header up to this. */
    public static final int MAX_HEADER_BYTES = 4096;
}
