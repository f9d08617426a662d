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
 * million rows is slow, so for the angle-based metrics a first pass ranks the rows by their cosine
 * in float arithmetic (Vector API fused multiply-adds, split across the cores) and keeps the best
 * {@code k + }{@value #SPARE} candidates; only those get the exact double distance. A float
 * cosine is within {@link #cosineErrorBound} of the exact one (a rounding-error bound, not an
 * estimate), so when the last candidate kept is worse than the {@code k}-th by more than twice that
 * bound, no row left out can belong to the exact top {@code k}, and the answer is exactly the
 * reference one. When the margin is not there (many near-identical rows), or for
 * {@link DistanceMetric#EUCLIDEAN}, the search computes the reference result for every row.
 *
 * <p>Immutable and thread-safe; the array is not copied, so callers must not change it.
 */
public final class EmbeddingMatrix {
    /** Extra candidates kept beyond k, so that the margin test almost always passes. */
    static final int SPARE = 32;
    /** Below this many multiply-adds a scan stays on the calling thread. */
    private static final long PARALLEL_WORK = 1L << 21;
    /** Rows per block of float dot products. */
    private static final int BLOCK = 256;
    private static final RowDots DOTS = RowDots.best();

    private final float[] values;
    private final int dimension;
    private final int rows;
    private final double[] squaredNorms;
    private final float[] inverseNorms;
    /** Every row has a positive finite norm, so the float cosine pass is valid. */
    private final boolean normsUsable;

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
        this.inverseNorms = new float[rows];
        boolean usable = true;
        for (int r = 0; r < rows; r++) {
            double nn = VectorMath.dot(values, r * dimension, values, r * dimension, dimension);
            squaredNorms[r] = nn;
            float inv = (float) (1 / Math.sqrt(nn));
            inverseNorms[r] = inv;
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

    /**
     * An upper bound of |float cosine − exact cosine| for rows of {@code dimension} values: the
     * float dot product adds at most {@code dimension + 160} rounded terms along any path (per lane,
     * the reduction across up to 64 lanes, the scalar tail), each rounding a relative 2⁻²⁴; the
     * normalisations of query and row and the final product add a few more.
     */
    static double cosineErrorBound(int dimension) {
        double u = 0x1p-24;
        double n = dimension + 160 + 8;
        return 1.01 * n * u / (1 - n * u);
    }

    /** The exact answer from float-ranked candidates, or null when the margin test fails. */
    private List<Neighbor> viaCandidates(float[] query, double queryNorm, DistanceMetric metric, int k, double threshold) {
        int capacity = (int) Math.min(rows, (long) k + SPARE);
        float[] unitQuery = new float[dimension];
        double inv = 1 / Math.sqrt(queryNorm);
        for (int i = 0; i < dimension; i++) {
            unitQuery[i] = (float) (query[i] * inv);
        }
        TopK candidates = scan(unitQuery, capacity); // distance = -cosine
        if (candidates.size < Math.min(k, rows)) {
            return null; // NaN scores
        }
        int[] order = candidates.sortedIndices();
        double kth = -candidates.distances[order[Math.min(k, candidates.size) - 1]];
        double eps = cosineErrorBound(dimension);
        if (candidates.size < rows) {
            double worstKept = -candidates.distances[order[candidates.size - 1]];
            // Every row left out has exact cosine <= worstKept + eps < kth - eps <= the exact cosine
            // of each of the k best candidates; -1 + 3 eps keeps the clamp of angular at -1 out of it.
            if (!(worstKept < kth - 2 * eps) || !(kth - 2 * eps > -1 + eps)) {
                return null;
            }
        }
        TopK top = new TopK(Math.min(k, rows));
        for (int i = 0; i < candidates.size; i++) {
            int r = candidates.faces[i];
            double d = exactDistance(query, queryNorm, metric, r);
            if (d <= threshold) {
                top.offer(d, r);
            }
        }
        return toNeighbors(top);
    }

    /** The {@code capacity} rows of largest float cosine with {@code unitQuery}, as distances -cosine. */
    private TopK scan(float[] unitQuery, int capacity) {
        long work = (long) rows * dimension;
        int parts = work < PARALLEL_WORK ? 1 : Math.min(Runtime.getRuntime().availableProcessors(), rows / BLOCK + 1);
        if (parts <= 1) {
            return scan(unitQuery, capacity, 0, rows);
        }
        TopK[] partial = new TopK[parts];
        IntStream.range(0, parts).parallel().forEach(p ->
                partial[p] = scan(unitQuery, capacity, (int) ((long) rows * p / parts), (int) ((long) rows * (p + 1) / parts)));
        TopK all = new TopK(capacity);
        for (TopK t : partial) {
            all.offerAll(t);
        }
        return all;
    }

    private TopK scan(float[] unitQuery, int capacity, int from, int to) {
        TopK top = new TopK(capacity);
        float[] dots = new float[BLOCK];
        for (int start = from; start < to; start += BLOCK) {
            int end = Math.min(to, start + BLOCK);
            DOTS.dots(values, dimension, unitQuery, start, end, dots);
            for (int r = start; r < end; r++) {
                double negCos = -(double) (dots[r - start] * inverseNorms[r]);
                if (!top.isFull() || negCos <= top.worstDistance()) {
                    top.offer(negCos, r);
                }
            }
        }
        return top;
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
