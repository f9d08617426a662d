package io.jdeepface.face.store;

import io.jdeepface.face.verify.DistanceMetric;
import io.jdeepface.face.verify.VectorMath;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Embeddings as the rows of one contiguous row-major {@code float[]}, searched exactly for the
 * {@code k} rows nearest to a query.
 *
 * <p><b>Exact, and fast.</b> The reference result is the one of {@link DistanceMetric#fromDot} on
 * {@link VectorMath#dot} sums (doubles) for every row, ties to the lower row. Computing that for a
 * million rows reads 2 GB and is slow, so for the angle-based metrics a first pass scans an int8
 * copy of the rows ({@link Int8Rows}, a quarter of the bytes; Vector API, split across the cores)
 * and gets, for every row, an approximate cosine {@code c} with a proven error bound {@code b}:
 * the exact cosine lies in {@code [c - b, c + b]}. With {@code τ} the k-th largest lower bound,
 * a row whose upper bound is below {@code τ} has k rows certainly nearer, so only the rows with
 * {@code c + b >= τ} (a few dozen for a million face embeddings) get the exact double distance:
 * the answer is exactly the reference one, whatever the data. For
 * {@link DistanceMetric#EUCLIDEAN}, and for rows with a zero or extreme norm, every row gets the
 * exact distance.
 *
 * <p>Immutable and thread-safe; the array is not copied, so callers must not change it. The int8
 * copy ({@code rows × dimension} bytes) is made on the first search that uses it.
 */
public final class EmbeddingMatrix {
    /** Below this many multiply-adds a scan stays on the calling thread. */
    private static final long PARALLEL_WORK = 1L << 21;
    /** Rows per block of float dot products. */
    private static final int BLOCK = 256;
    private static final RowDots DOTS = RowDots.best();

    private final float[] values;
    private final int dimension;
    private final int rows;
    private final double[] squaredNorms;
    /** Every row has a norm far from zero and from float overflow, so the int8 pass is valid. */
    private final boolean normsUsable;
    private volatile Int8Rows int8;

    /**
     * A matrix over {@code values} ({@code rows * dimension} floats; {@code dimension} may be 0 only
     * when there are no rows).
     */
    public EmbeddingMatrix(float[] values, int dimension) {
        if (dimension < 0 || (dimension == 0 && values.length > 0) || (dimension > 0 && values.length % dimension != 0)) {
            throw new IllegalArgumentException(values.length + " values do not make rows of " + dimension);
        }
        this.values = values;
        this.dimension = dimension;
        this.rows = dimension == 0 ? 0 : values.length / dimension;
        this.squaredNorms = new double[rows];
        boolean usable = true;
        for (int r = 0; r < rows; r++) {
            double nn = VectorMath.dot(values, r * dimension, values, r * dimension, dimension);
            squaredNorms[r] = nn;
            // Far from float overflow and underflow, where the error bound holds.
            usable &= nn > 1e-30 && nn < 1e30;
        }
        this.normsUsable = usable;
    }

    public int rows() {
        return rows;
    }

    public int dimension() {
        return dimension;
    }

    /** {@code Σ v²} of each row, as {@link VectorMath#dot} computes it. Not a copy: do not change it. */
    double[] squaredNorms() {
        return squaredNorms;
    }

    /**
     * The at most {@code k} rows nearest to {@code query} with {@code distance <= threshold}, nearest
     * first, ties to the lower row: the exact {@link DistanceMetric#fromDot}/{@link
     * DistanceMetric#distance} values. The query must have {@link #dimension()} finite values.
     */
    public List<Neighbor> nearest(float[] query, DistanceMetric metric, int k, double threshold) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold must not be NaN");
        }
        if (rows == 0) {
            return List.of();
        }
        if (query.length != dimension) {
            throw new IllegalArgumentException("query has " + query.length + " values, the rows have " + dimension);
        }
        double queryNorm = VectorMath.dot(query, 0, query, 0, dimension);
        if (metric.usesNorms() && normsUsable && queryNorm > 0 && Double.isFinite(queryNorm)) {
            List<Neighbor> fast = viaCandidates(query, queryNorm, metric, k, threshold);
            if (fast != null) {
                return fast;
            }
        }
        TopK top = new TopK(Math.min(k, rows));
        for (int r = 0; r < rows; r++) {
            double d = exactDistance(query, queryNorm, metric, r);
            if (d <= threshold) {
                top.offer(d, r);
            }
        }
        return toNeighbors(top);
    }

    /** The exact answer from the rows the int8 pass cannot rule out, or null when it cannot decide. */
    private List<Neighbor> viaCandidates(float[] query, double queryNorm, DistanceMetric metric, int k, double threshold) {
        Int8Rows codes = int8();
        float[] unitQuery = new float[dimension];
        double inv = 1 / Math.sqrt(queryNorm);
        for (int i = 0; i < dimension; i++) {
            unitQuery[i] = (float) (query[i] * inv);
        }
        int keep = Math.min(k, rows);
        long work = (long) rows * dimension;
        int parts = work < PARALLEL_WORK ? 1 : Math.min(Runtime.getRuntime().availableProcessors(), rows / BLOCK + 1);
        Pass[] passes = new Pass[parts];
        IntStream.range(0, parts).parallel().forEach(p -> passes[p] = new Pass(codes, unitQuery, keep,
                (int) ((long) rows * p / parts), (int) ((long) rows * (p + 1) / parts)));
        TopK lower = new TopK(keep);
        for (Pass p : passes) {
            lower.offerAll(p.lowerBounds);
        }
        double tau = -lower.worstDistance(); // the k-th largest lower bound
        // Below -1 the angular distance clamps, and rows there could tie with the k-th: let the exact scan decide.
        if (!(tau > -1 + 1e-6)) {
            return null;
        }
        TopK top = new TopK(keep);
        for (Pass p : passes) {
            for (int i = 0; i < p.candidateCount; i++) {
                int r = p.candidates[i];
                if (p.upperBounds[i] >= tau) {
                    double d = exactDistance(query, queryNorm, metric, r);
                    if (d <= threshold) {
                        top.offer(d, r);
                    }
                }
            }
        }
        return toNeighbors(top);
    }

    private Int8Rows int8() {
        Int8Rows c = int8;
        if (c == null) {
            synchronized (this) {
                c = int8;
                if (c == null) {
                    c = new Int8Rows(values, dimension, squaredNorms);
                    int8 = c;
                }
            }
        }
        return c;
    }

    /**
     * The int8 pass over rows [from, to): the k largest lower bounds of the cosine (as distances
     * -bound in a {@link TopK}) and every row whose upper bound reaches the k-th lower bound seen so
     * far (a superset of the final candidates, since that bound only rises).
     */
    private final class Pass {
        final TopK lowerBounds;
        int[] candidates = new int[64];
        double[] upperBounds = new double[64];
        int candidateCount;

        Pass(Int8Rows codes, float[] unitQuery, int keep, int from, int to) {
            lowerBounds = new TopK(keep);
            float[] dots = new float[BLOCK];
            for (int start = from; start < to; start += BLOCK) {
                int end = Math.min(to, start + BLOCK);
                DOTS.dots(codes.codes, dimension, unitQuery, start, end, dots);
                for (int r = start; r < end; r++) {
                    double cos = dots[r - start] * codes.cosineScale[r];
                    double bound = codes.errorBound[r];
                    double low = cos - bound;
                    double high = cos + bound;
                    if (!lowerBounds.isFull()) {
                        lowerBounds.offer(-low, r);
                        add(r, high);
                    } else if (high >= -lowerBounds.worstDistance()) {
                        lowerBounds.offer(-low, r);
                        add(r, high);
                    }
                }
            }
        }

        private void add(int row, double upper) {
            if (candidateCount == candidates.length) {
                candidates = java.util.Arrays.copyOf(candidates, 2 * candidateCount);
                upperBounds = java.util.Arrays.copyOf(upperBounds, 2 * candidateCount);
            }
            candidates[candidateCount] = row;
            upperBounds[candidateCount++] = upper;
        }
    }

    private double exactDistance(float[] query, double queryNorm, DistanceMetric metric, int r) {
        int off = r * dimension;
        return metric.usesNorms()
                ? metric.fromDot(VectorMath.dot(query, 0, values, off, dimension), queryNorm, squaredNorms[r])
                : metric.distance(query, 0, values, off, dimension);
    }

    private static List<Neighbor> toNeighbors(TopK top) {
        List<Neighbor> out = new ArrayList<>(top.size);
        for (int i : top.sortedIndices()) {
            out.add(new Neighbor(top.faces[i], top.distances[i]));
        }
        return out;
    }
}
