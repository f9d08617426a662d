package io.jdeepface.face.detect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Non-maximum suppression: one face yields many overlapping candidate boxes (neighbouring anchors
 * all fire); keep one box per face. Both variants visit candidates in {@link #ORDER} and treat two
 * boxes as the same face when their IoU is <em>greater</em> than the threshold (as MediaPipe and
 * UltraFace's {@code hard_nms} do).
 */
public final class Nms {
    /** Highest score first; equal scores by position (top, left, then size), so input order never matters. */
    public static final Comparator<FaceBox> ORDER = Comparator.comparingDouble(FaceBox::score).reversed()
            .thenComparingDouble(FaceBox::y)
            .thenComparingDouble(FaceBox::x)
            .thenComparingDouble(FaceBox::height)
            .thenComparingDouble(FaceBox::width);

    private Nms() {}

    /**
     * Classic (hard) NMS: the best candidate survives, every candidate overlapping it by more than
     * {@code iouThreshold} is dropped, repeat.
     *
     * @param maxCandidates only the best this many candidates take part (a cost bound, as SSD "top_k")
     * @param maxResults    stop after this many faces
     */
    public static List<FaceBox> hard(Collection<FaceBox> candidates, double iouThreshold, int maxCandidates,
            int maxResults) {
        List<FaceBox> sorted = best(candidates, maxCandidates);
        List<FaceBox> kept = new ArrayList<>();
        for (FaceBox box : sorted) {
            if (kept.size() >= maxResults) {
                break;
            }
            if (kept.stream().noneMatch(k -> k.iou(box) > iouThreshold)) {
                kept.add(box);
            }
        }
        return kept;
    }

    /**
     * Weighted NMS (MediaPipe's {@code WEIGHTED} algorithm, BlazeFace's "blending"): the best
     * candidate and every remaining candidate overlapping it by more than {@code iouThreshold}
     * merge into one box whose corners and keypoints are their score-weighted mean; the merged box
     * keeps the best candidate's score. Steadier boxes than hard NMS for the same faces.
     */
    public static List<FaceBox> weighted(Collection<FaceBox> candidates, double iouThreshold, int maxCandidates,
            int maxResults) {
        List<FaceBox> remaining = best(candidates, maxCandidates);
        List<FaceBox> merged = new ArrayList<>();
        while (!remaining.isEmpty() && merged.size() < maxResults) {
            FaceBox top = remaining.getFirst();
            List<FaceBox> group = new ArrayList<>();
            List<FaceBox> rest = new ArrayList<>();
            for (FaceBox box : remaining) {
                (box == top || top.iou(box) > iouThreshold ? group : rest).add(box);
            }
            merged.add(weightedMean(group, top.score()));
            remaining = rest;
        }
        merged.sort(ORDER); // averaging moved boxes: restore the position tie-break
        return merged;
    }

    private static List<FaceBox> best(Collection<FaceBox> candidates, int maxCandidates) {
        if (maxCandidates < 0) {
            throw new IllegalArgumentException("maxCandidates must not be negative, got " + maxCandidates);
        }
        List<FaceBox> sorted = new ArrayList<>(candidates);
        sorted.sort(ORDER);
        return new ArrayList<>(sorted.subList(0, Math.min(maxCandidates, sorted.size())));
    }

    private static FaceBox weightedMean(List<FaceBox> group, double score) {
        boolean allZero = group.stream().allMatch(b -> b.score() == 0);
        boolean keypoints = group.stream().allMatch(FaceBox::hasKeypoints);
        double total = 0;
        double[] corners = new double[4];
        double[] points = new double[12];
        for (FaceBox b : group) {
            double w = allZero ? 1 : b.score(); // all scores 0: a plain mean
            total += w;
            corners[0] += w * b.x();
            corners[1] += w * b.y();
            corners[2] += w * b.right();
            corners[3] += w * b.bottom();
            if (keypoints) {
                FaceKeypoints k = b.keypoints();
                Point[] p = {k.rightEye(), k.leftEye(), k.nose(), k.mouth(), k.rightEar(), k.leftEar()};
                for (int i = 0; i < 6; i++) {
                    points[2 * i] += w * p[i].x();
                    points[2 * i + 1] += w * p[i].y();
                }
            }
        }
        FaceKeypoints mean = null;
        if (keypoints) {
            Point[] p = new Point[6];
            for (int i = 0; i < 6; i++) {
                p[i] = new Point(points[2 * i] / total, points[2 * i + 1] / total);
            }
            mean = new FaceKeypoints(p[0], p[1], p[2], p[3], p[4], p[5]);
        }
        return FaceBox.ofCorners(corners[0] / total, corners[1] / total, corners[2] / total, corners[3] / total,
                score, mean);
    }
}
