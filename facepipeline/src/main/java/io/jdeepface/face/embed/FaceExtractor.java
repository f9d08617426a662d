package io.jdeepface.face.embed;

import io.jdeepface.face.align.FaceAligner;
import io.jdeepface.face.align.Landmarks68;
import io.jdeepface.face.detect.FaceBox;
import io.jdeepface.face.detect.FaceDetector;
import io.jdeepface.face.image.Image;
import io.jdeepface.face.landmark.Landmark68Detector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * faceplugin's path from a photo to aligned faces: detect boxes, make each square on its height
 * (as {@code fr_detect.js} hands it to the landmark model), find 68 landmarks, reduce them to five
 * points and align to the ArcFace template with a similarity transform. Thread-safe when the
 * detector and landmark model are.
 */
public final class FaceExtractor {
    private final FaceDetector detector;
    private final Landmark68Detector landmarks;
    private final FaceAligner aligner;

    public FaceExtractor(FaceDetector detector, Landmark68Detector landmarks, FaceAligner aligner) {
        this.detector = Objects.requireNonNull(detector, "detector");
        this.landmarks = Objects.requireNonNull(landmarks, "landmarks");
        this.aligner = Objects.requireNonNull(aligner, "aligner");
    }

    /** Every detected face, in the detector's order (highest score first). */
    public List<ExtractedFace> extractAll(Image image) {
        List<ExtractedFace> faces = new ArrayList<>();
        for (FaceBox box : detector.detect(image)) {
            faces.add(extract(image, box, true));
        }
        return faces;
    }

    /**
     * The photo's main face: among the detected boxes containing the photo's centre the largest,
     * else the largest of all (the convention of face-verification sets like LFW, whose photos are
     * centred on the subject). When nothing is detected the whole photo is treated as the face box
     * ({@link ExtractedFace#detected()} false), so a tight face crop still gets an embedding.
     */
    public ExtractedFace extractMain(Image image) {
        List<FaceBox> boxes = detector.detect(image);
        if (boxes.isEmpty()) {
            return extract(image, new FaceBox(0, 0, image.width(), image.height(), 0, null), false);
        }
        return extract(image, mainFace(boxes, image.width(), image.height()), true);
    }

    /** The box {@link #extractMain} chooses. */
    public static FaceBox mainFace(List<FaceBox> boxes, int imageWidth, int imageHeight) {
        double cx = imageWidth / 2.0;
        double cy = imageHeight / 2.0;
        Comparator<FaceBox> byArea = Comparator.comparingDouble(FaceBox::area);
        return boxes.stream()
                .filter(b -> b.x() <= cx && cx <= b.right() && b.y() <= cy && cy <= b.bottom())
                .max(byArea)
                .orElseGet(() -> boxes.stream().max(byArea).orElseThrow());
    }

    /** Landmarks and alignment for one known box. */
    public ExtractedFace extract(Image image, FaceBox box, boolean detected) {
        Landmarks68 points = landmarks.detect(image, box.squareOnHeight(image.width(), image.height()));
        return new ExtractedFace(box, detected, points, aligner.align(image, points.toFivePoints()));
    }
}
