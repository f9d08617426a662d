package io.jdeepface.face.detect;

import io.jdeepface.face.models.ModelRunner;
import io.jdeepface.face.image.Image;
import java.util.List;

/**
 * Finds the faces in an image. Implementations return boxes in the image's own pixels, clipped
 * to it, highest score first (ties: top-most, then left-most), and an empty list when there is no
 * face. Whether an implementation is thread-safe depends on its {@link ModelRunner}.
 */
public interface FaceDetector {
    List<FaceBox> detect(Image image);
}
