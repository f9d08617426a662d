package io.jdeepface.face.store;

/** One search result of an {@link EmbeddingMatrix}: a row and its distance to the query. */
public record Neighbor(int row, double distance) {}
