package io.jdeepface.face.store;

import java.util.stream.IntStream;

/**
 * The {@code capacity} smallest (distance, face) pairs offered, smaller face first among equal
 * distances, whatever the order of the offers: a max-heap on primitive arrays whose root is the
 * worst pair kept.
 */
final class TopK {
    final double[] distances;
    final int[] faces;
    int size;

    TopK(int capacity) {
        distances = new double[capacity];
        faces = new int[capacity];
    }

    boolean isFull() {
        return size == distances.length;
    }

    /** The worst distance kept; only meaningful when {@link #isFull()}. */
    double worstDistance() {
        return distances[0];
    }

    void offer(double distance, int face) {
        if (size < distances.length) {
            distances[size] = distance;
            faces[size] = face;
            siftUp(size++);
        } else if (distance < distances[0] || (distance == distances[0] && face < faces[0])) {
            distances[0] = distance;
            faces[0] = face;
            siftDown(0);
        }
    }

    /** Offers every pair of {@code other}. */
    void offerAll(TopK other) {
        for (int i = 0; i < other.size; i++) {
            offer(other.distances[i], other.faces[i]);
        }
    }

    /** Whether entry i should sit above entry j in the max-heap (worse = larger distance, then later face). */
    private boolean worse(int i, int j) {
        return distances[i] > distances[j] || (distances[i] == distances[j] && faces[i] > faces[j]);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!worse(i, parent)) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int worst = i;
            int l = 2 * i + 1;
            int r = l + 1;
            if (l < size && worse(l, worst)) {
                worst = l;
            }
            if (r < size && worse(r, worst)) {
                worst = r;
            }
            if (worst == i) {
                return;
            }
            swap(i, worst);
            i = worst;
        }
    }

    private void swap(int i, int j) {
        double d = distances[i];
        distances[i] = distances[j];
        distances[j] = d;
        int f = faces[i];
        faces[i] = faces[j];
        faces[j] = f;
    }

    /** Heap positions, best first. */
    int[] sortedIndices() {
        return IntStream.range(0, size).boxed()
                .sorted((i, j) -> worse(i, j) ? 1 : worse(j, i) ? -1 : 0)
                .mapToInt(Integer::intValue).toArray();
    }
}
