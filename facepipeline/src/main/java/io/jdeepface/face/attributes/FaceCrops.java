package io.jdeepface.face.attributes;

import io.jdeepface.face.detect.FaceBox;
import io.jdeepface.face.image.Image;
import java.util.Objects;

/** Checks shared by the adapters before they cut a face out of an image. */
final class FaceCrops {
    private FaceCrops() {
    }

    /** Rejects a box that is empty or does not overlap the image, naming both. */
    static void requireOnImage(Image image, FaceBox box) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(box, "box");
        if (box.width() < 1 || box.height() < 1 || box.right() <= 0 || box.bottom() <= 0
                || box.x() >= image.width() || box.y() >= image.height()) {
            throw new IllegalArgumentException("face box " + box + " is empty or outside the " + image.width() + "x"
                    + image.height() + " image " + image.source());
        }
    }
}
