package io.jdeepface.face.landmark;

import io.jdeepface.face.detect.FaceBox;

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
        double scale = Math.min((imageHeight - 1.0) / h, Math.min((imageWidth - 1.0) / w, 1.0));
        double newWidth = w * scale;
        double newHeight = h * scale;
        double centerX = w / 2.0 + x1;
        double centerY = h / 2.0 + y1;
        double left = centerX - newWidth / 2;
        double top = centerY - newHeight / 2;
        double right = centerX + newWidth / 2;
        double bottom = centerY + newHeight / 2;
        if (left < 0) {
            right -= left;
            left = 0;
        }
        if (top < 0) {
            bottom -= top;
            top = 0;
        }
        if (right > imageWidth - 1) {
            left -= right - imageWidth + 1;
            right = imageWidth - 1;
        }
        if (bottom > imageHeight - 1) {
            top -= bottom - imageHeight + 1;
            bottom = imageHeight - 1;
        }
        // cv.Rect(max(int(left), 0), max(int(top), 0), min(int(right - left), W - 1), min(int(bottom - top), H - 1));
        // Java's (int) truncates toward zero like parseInt.
        int cx = Math.max((int) left, 0);
        int cy = Math.max((int) top, 0);
        int cw = Math.min((int) (right - left), imageWidth - 1);
        int ch = Math.min((int) (bottom - top), imageHeight - 1);
        return new LandmarkCrop(x1, y1, w, h, cx, cy, Math.max(cw, 1), Math.max(ch, 1));
    }

    /** Maps output {@code value} of coordinate {@code index} (even x, odd y) to photo pixels. */
    public float toImage(int index, float value) {
        return index % 2 == 0 ? value * boxWidth + boxX : value * boxHeight + boxY;
    }
}
