package io.jdeepface.face.store;

import io.jdeepface.face.align.Point;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable snapshot of a store's contents, laid out for scanning: all embeddings in one
 * contiguous {@code float[]} ({@code dimension} floats per face, faces in file order), the other
 * per-face values in a second flat array, and no object per face.
 */
final class StoreData {
    /** Floats per face in {@link #faceData}: box x, y, w, h, left eye x, y, right eye x, y (NaN if absent), confidence. */
    static final int FACE_FLOATS = 9;
    /** The largest float[] the JVM reliably allocates. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    final List<FileRecord> files;   // sorted by path
    final int[] firstFace;          // per file
    final int[] fileOfFace;
    final int dimension;            // 0 while there are no faces
    final float[] faceData;
    final float[] embeddings;
    final double[] squaredNorms;    // per face, for the norm-based metrics
    final EmbeddingMatrix matrix;   // the embeddings, for search

    StoreData(List<FileRecord> files, int dimension, float[] faceData, float[] embeddings) {
        this.files = List.copyOf(files);
        this.dimension = dimension;
        this.faceData = faceData;
        this.embeddings = embeddings;
        int faces = faceData.length / FACE_FLOATS;
        this.firstFace = new int[files.size()];
        this.fileOfFace = new int[faces];
        int next = 0;
        for (int f = 0; f < files.size(); f++) {
            firstFace[f] = next;
            for (int i = 0; i < files.get(f).faceCount(); i++) {
                fileOfFace[next++] = f;
            }
        }
        if (next != faces || (long) faces * dimension != embeddings.length) {
            throw new IllegalStateException("store data is inconsistent: " + next + " faces in the file records, "
                    + faces + " face records, " + embeddings.length + " embedding values of dimension " + dimension);
        }
        this.matrix = new EmbeddingMatrix(embeddings, dimension);
        this.squaredNorms = matrix.squaredNorms();
    }

    static StoreData empty() {
        return new StoreData(List.of(), 0, new float[0], new float[0]);
    }

    int faceCount() {
        return fileOfFace.length;
    }

    FaceBox box(int face) {
        int o = face * FACE_FLOATS;
        return new FaceBox(faceData[o], faceData[o + 1], faceData[o + 2], faceData[o + 3]);
    }

    IndexedFace face(int face) {
        int o = face * FACE_FLOATS;
        return new IndexedFace(box(face), point(faceData[o + 4], faceData[o + 5]), point(faceData[o + 6], faceData[o + 7]),
                faceData[o + 8], Arrays.copyOfRange(embeddings, face * dimension, (face + 1) * dimension));
    }

    private static Point point(float x, float y) {
        return Float.isNaN(x) ? null : new Point(x, y);
    }

    /** Collects files and their faces into new flat arrays, growing them as needed. */
    static final class Builder {
        private final List<FileRecord> files = new ArrayList<>();
        private int dimension;
        private float[] faceData = new float[16 * FACE_FLOATS];
        private float[] embeddings = new float[0];
        private int faces;

        /** A builder for faces of {@code dimension} floats (0: set by the first face), sized for {@code expectedFaces}. */
        Builder(int dimension, int expectedFaces) {
            this.dimension = dimension;
            if (dimension > 0 && expectedFaces > 0) {
                ensure(expectedFaces, dimension);
            }
        }

        int dimension() {
            return dimension;
        }

        /** Adds a file together with its faces as they are in {@code from}. */
        void addCopy(FileRecord record, StoreData from, int firstFace) {
            int n = record.faceCount();
            ensure(n, from.dimension);
            System.arraycopy(from.faceData, firstFace * FACE_FLOATS, faceData, faces * FACE_FLOATS, n * FACE_FLOATS);
            System.arraycopy(from.embeddings, firstFace * dimension, embeddings, faces * dimension, n * dimension);
            faces += n;
            files.add(record);
        }

        /** Adds a freshly indexed file; its faces' embeddings must all have the store's dimension. */
        void add(FileRecord record, List<IndexedFace> newFaces) {
            int n = newFaces.size();
            List<float[]> vectors = newFaces.stream().map(IndexedFace::embedding).toList();
            for (float[] e : vectors) {
                if (e.length != vectors.getFirst().length) {
                    throw new IllegalArgumentException("the faces of one image have embeddings of different lengths");
                }
            }
            if (n > 0) {
                ensure(n, vectors.getFirst().length); // checks the dimension before anything is written
            }
            for (int i = 0; i < n; i++) {
                IndexedFace face = newFaces.get(i);
                float[] e = vectors.get(i);
                int o = faces * FACE_FLOATS;
                FaceBox b = face.box();
                faceData[o] = b.x();
                faceData[o + 1] = b.y();
                faceData[o + 2] = b.width();
                faceData[o + 3] = b.height();
                faceData[o + 4] = face.leftEye() == null ? Float.NaN : (float) face.leftEye().x();
                faceData[o + 5] = face.leftEye() == null ? Float.NaN : (float) face.leftEye().y();
                faceData[o + 6] = face.rightEye() == null ? Float.NaN : (float) face.rightEye().x();
                faceData[o + 7] = face.rightEye() == null ? Float.NaN : (float) face.rightEye().y();
                faceData[o + 8] = face.confidence();
                System.arraycopy(e, 0, embeddings, faces * dimension, dimension);
                faces++;
            }
            files.add(record.withFaceCount(n));
        }

        /** Room for {@code n} more faces of dimension {@code dim}; fixes the dimension of an empty store. */
        private void ensure(int n, int dim) {
            if (dimension == 0) {
                dimension = dim;
            }
            if (n == 0) {
                return;
            }
            if (dim != dimension) {
                throw new IllegalArgumentException("embedding has " + dim + " values but the store holds "
                        + dimension + "-value embeddings (different model? use other StoreSettings)");
            }
            long needed = (long) (faces + n) * dimension;
            if (needed > MAX_ARRAY) {
                throw new IllegalStateException("the store would exceed " + MAX_ARRAY + " embedding values ("
                        + (faces + n) + " faces of " + dimension + "): split the database folder");
            }
            if (needed > embeddings.length) {
                embeddings = Arrays.copyOf(embeddings, (int) Math.min(MAX_ARRAY, Math.max(needed, 2L * embeddings.length)));
            }
            long neededFaceData = (long) (faces + n) * FACE_FLOATS;
            if (neededFaceData > faceData.length) {
                faceData = Arrays.copyOf(faceData,
                        (int) Math.min(MAX_ARRAY, Math.max(neededFaceData, 2L * faceData.length)));
            }
        }

        StoreData build() {
            return new StoreData(files, dimension,
                    Arrays.copyOf(faceData, faces * FACE_FLOATS), Arrays.copyOf(embeddings, faces * dimension));
        }
    }
}
