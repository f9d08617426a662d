package io.jdeepface.face.image;

/**
 * The crop rule faceplugin's stages share ({@code alignLandmarkImage}, {@code alignLivenessImage}):
 * scale an integer box about its centre by {@code maxScale}, or less if the photo is too small,
 * shift the result back inside {@code [0, width-1] × [0, height-1]}, and truncate to integers as
 * the JS {@code parseInt} and {@code cv.Rect} do. Width and height are at least 1.
 */
public record ScaledCrop(int x, int y, int width, int height) {

    public static ScaledCrop around(int boxX, int boxY, int boxWidth, int boxHeight, double maxScale,
                                    int imageWidth, int imageHeight) {
        double scale = Math.min((imageHeight - 1.0) / boxHeight, Math.min((imageWidth - 1.0) / boxWidth, maxScale));
        double newWidth = boxWidth * scale;
        double newHeight = boxHeight * scale;
        double centerX = boxWidth / 2.0 + boxX;
        double centerY = boxHeight / 2.0 + boxY;
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
        return new ScaledCrop(Math.max((int) left, 0), Math.max((int) top, 0),
                Math.max(1, Math.min((int) (right - left), imageWidth - 1)),
                Math.max(1, Math.min((int) (bottom - top), imageHeight - 1)));
    }
}
