package io.jdeepface.face.landmark;

import io.jdeepface.face.detect.FaceBox;
import io.jdeepface.face.image.ScaledCrop;

/**
 * Where faceplugin's landmark stage looks, computed as {@code predictLandmarkImage} and
 * {@code alignLandmarkImage} in {@code fr_landmark.js} do.
 *
 * <p>Two rectangles matter and they are not always the same: the <em>pixels</em> fed to the model
 * come from {@code crop*} (the box, shrunk if it is larger than the photo and shifted to lie inside
 * it), while the model's outputs in [0, 1] are mapped back to the photo with the integer
 * {@code box*} ({@code x = out * boxWidth + boxX}). For boxes inside the photo (the usual case)
 * both are equal.
 *
 * @param boxX      the box's left edge, truncated to an integer as the JS {@code parseInt} does
 * @param boxY      the box's top edge, truncated
 * @param boxWidth  {@code |int(x2) - int(x1)|}
 * @param boxHeight {@code |int(y2) - int(y1)|}
 */
public record LandmarkCrop(int boxX, int boxY, int boxWidth, int boxHeight,
                           int cropX, int cropY, int cropWidth, int cropHeight) {

    /** The crop for {@code box} in a {@code imageWidth × imageHeight} photo. */
    public static LandmarkCrop of(FaceBox box, int imageWidth, int imageHeight) {
        int x1 = (int) box.x();
        int y1 = (int) box.y();
        int x2 = (int) box.right();
        int y2 = (int) box.bottom();
        int w = Math.abs(x2 - x1);
        int h = Math.abs(y2 - y1);
        if (w == 0 || h == 0) {
            throw new IllegalArgumentException("face box " + box + " is less than one pixel wide or high");
        }
        // alignLandmarkImage(image, [x1, y1, w, h], scale_value = 1.0)
        ScaledCrop crop = ScaledCrop.around(x1, y1, w, h, 1.0, imageWidth, imageHeight);
        return new LandmarkCrop(x1, y1, w, h, crop.x(), crop.y(), crop.width(), crop.height());
    }

    /** Maps output {@code value} of coordinate {@code index} (even x, odd y) to photo pixels. */
    public float toImage(int index, float value) {
        return index % 2 == 0 ? value * boxWidth + boxX : value * boxHeight + boxY;
    }
}
