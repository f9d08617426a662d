package io.jdeepface.face.detect;

import io.jdeepface.face.image.Image;
import io.jdeepface.face.image.Interpolation;
import java.util.List;

/**
 * A photo resized to a detector's fixed input size, and the mapping from the model's normalised
 * input coordinates ([0, 1] across the input) back to the photo's pixels.
 *
 * <p>Resizing maps the photo's full extent {@code [0, W]} onto the input's {@code [0, w]} (OpenCV's
 * half-pixel convention), so the mapping back is an exact scale, plus the letterbox offset when
 * the photo was padded to keep its aspect ratio.
 *
 * @param input        the model-sized image
 * @param sourceWidth  the original photo's width
 * @param sourceHeight the original photo's height
 * @param contentX     left edge of the photo's content inside {@code input}, in input pixels (letterbox)
 * @param contentY     top edge of the content, in input pixels
 * @param contentWidth the content's width in input pixels (the input width unless letterboxed)
 * @param contentHeight the content's height in input pixels
 */
record FittedImage(Image input, int sourceWidth, int sourceHeight, int contentX, int contentY, int contentWidth,
        int contentHeight) {

    /** {@code source} fitted into {@code width × height} the given way. */
    static FittedImage fit(Image source, int width, int height, InputFit how) {
        return switch (how) {
            case LETTERBOX -> letterbox(source, width, height);
            case STRETCH -> stretch(source, width, height);
        };
    }

    /** The whole photo stretched to {@code width × height}, aspect ratio not kept (what the reference pipelines do). */
    static FittedImage stretch(Image source, int width, int height) {
        return new FittedImage(resize(source, width, height), source.width(), source.height(), 0, 0, width, height);
    }

    /**
     * The photo scaled to fit inside {@code width × height} with its aspect ratio kept, centred on
     * a black background.
     */
    static FittedImage letterbox(Image source, int width, int height) {
        double scale = Math.min((double) width / source.width(), (double) height / source.height());
        int w = Math.clamp(Math.round(source.width() * scale), 1, width);
        int h = Math.clamp(Math.round(source.height() * scale), 1, height);
        int x0 = (width - w) / 2;
        int y0 = (height - h) / 2;
        byte[] content = resize(source, w, h).toRgbBytes();
        byte[] canvas = new byte[width * height * 3];
        for (int row = 0; row < h; row++) {
            System.arraycopy(content, row * w * 3, canvas, ((y0 + row) * width + x0) * 3, w * 3);
        }
        Image input = Image.ofRgb(width, height, canvas, source.source());
        return new FittedImage(input, source.width(), source.height(), x0, y0, w, h);
    }

    /** Photo x of a normalised input x. */
    double sourceX(double normalizedX) {
        return (normalizedX * input.width() - contentX) * sourceWidth / contentWidth;
    }

    /** Photo y of a normalised input y. */
    double sourceY(double normalizedY) {
        return (normalizedY * input.height() - contentY) * sourceHeight / contentHeight;
    }

    Point sourcePoint(double normalizedX, double normalizedY) {
        return new Point(sourceX(normalizedX), sourceY(normalizedY));
    }

    /**
     * The detector's final step: boxes cut to the photo (a face at the border, or a box in the
     * letterbox margin), empty ones dropped, in {@link Nms#ORDER}.
     */
    List<FaceBox> clipToSource(List<FaceBox> faces) {
        return faces.stream()
                .map(box -> box.clippedTo(sourceWidth, sourceHeight))
                .filter(box -> box.width() > 0 && box.height() > 0)
                .sorted(Nms.ORDER)
                .toList();
    }

    /**
     * AREA: a detector input is nearly always much smaller than the photo, and bilinear would
     * read 4 of the many source pixels behind each input pixel and alias (AREA itself falls back
     * to bilinear when a side grows). The references use bilinear; AREA found one more face on
     * DeepFace's selfie-many-people.jpg (UltraFace) and the same faces elsewhere.
     */
    static Image resize(Image source, int width, int height) {
        if (source.width() == width && source.height() == height) {
            return source;
        }
        return source.resize(width, height, Interpolation.AREA);
    }
}
