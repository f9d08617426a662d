package io.jdeepface.face.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A line-by-line re-implementation of the post-processing in faceplugin's {@code lib/fr_detect.js}
 * ({@code detectFaceImage}: scaleMultiplyBBox, screenScore, sortScore, cpuNMS, scaleResult), kept
 * in the tests to compare {@link UltraFaceDecoder} with. Its quirks are the JS's: NMS visits boxes
 * by bottom edge, not score, and measures overlap against the other box's area with the "+1
 * pixel" convention; results are squares of side = box height, clipped to {@code [0, size - 1]}.
 */
final class FrDetectJs {
    private static final double CONFIDENCE = 0.65;
    private static final int TOP_K = 750;
    private static final double NMS_THRESHOLD = 0.4;

    /** One result: corners in image pixels and the score. */
    record Box(double x1, double y1, double x2, double y2, double score) {}

    private record Located(double x1, double y1, double x2, double y2, double area, double score) {}

    private FrDetectJs() {}

    static List<Box> postprocess(float[] scores, float[] boxes, int imageWidth, int imageHeight) {
        // scaleMultiplyBBox + screenScore
        List<Located> screened = new ArrayList<>();
        for (int i = 0; i < scores.length / 2; i++) {
            double s = scores[2 * i + 1];
            if (s >= CONFIDENCE) {
                double x1 = boxes[4 * i] * 320.0;
                double y1 = boxes[4 * i + 1] * 240.0;
                double x2 = boxes[4 * i + 2] * 320.0;
                double y2 = boxes[4 * i + 3] * 240.0;
                screened.add(new Located(x1, y1, x2, y2, (x2 - x1) * (y2 - y1), s));
            }
        }
        // sortScore (JS Array.sort is stable)
        List<Located> sorted = new ArrayList<>(screened);
        sorted.sort(Comparator.comparingDouble(Located::score).reversed());
        sorted = sorted.subList(0, Math.min(TOP_K, sorted.size()));
        // cpuNMS
        List<Located> found = new ArrayList<>(sorted.stream().filter(b -> b.x2 - b.x1 > 0 && b.y2 - b.y1 > 0).toList());
        found.sort(Comparator.comparingDouble(Located::y2));
        List<Located> picked = new ArrayList<>();
        while (!found.isEmpty()) {
            Located last = found.getFirst();
            picked.add(last);
            List<Located> suppress = new ArrayList<>(List.of(last));
            for (int i = 1; i < found.size(); i++) {
                Located box = found.get(i);
                double w = Math.max(0, Math.min(box.x2, last.x2) - Math.max(box.x1, last.x1) + 1);
                double h = Math.max(0, Math.min(box.y2, last.y2) - Math.max(box.y1, last.y1) + 1);
                if (w * h / box.area >= NMS_THRESHOLD) {
                    suppress.add(box);
                }
            }
            found.removeIf(b -> suppress.stream().anyMatch(s -> s == b));
        }
        // scaleResult
        double sx = imageWidth / 320.0;
        double sy = imageHeight / 240.0;
        List<Box> out = new ArrayList<>();
        for (Located b : picked) {
            double x1 = b.x1 * sx;
            double y1 = b.y1 * sy;
            double x2 = b.x2 * sx;
            double y2 = b.y2 * sy;
            double size = y2 - y1;
            double cx = (x1 + x2) / 2;
            double cy = (y1 + y2) / 2;
            out.add(new Box(Math.max(0, cx - size / 2), Math.max(0, cy - size / 2),
                    Math.min(imageWidth - 1, cx + size / 2), Math.min(imageHeight - 1, cy + size / 2), b.score));
        }
        return out;
    }
}
