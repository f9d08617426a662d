/**
 * DeepFace's {@code find} database: an {@link io.jdeepface.face.store.EmbeddingStore} keeps the
 * faces and embeddings of a folder of images in one crash-safe, checksummed file inside the folder,
 * refreshes it incrementally (new, changed and removed files) through a
 * {@link io.jdeepface.face.store.FaceIndexer}, and answers exact nearest-neighbour searches.
 */
package io.jdeepface.face.store;
