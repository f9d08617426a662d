package io.jdeepface.face.landmark;

import io.jdeepface.face.align.Landmarks68;
import io.jdeepface.face.detect.FaceBox;
import io.jdeepface.face.image.ChannelOrder;
import io.jdeepface.face.image.Image;
import io.jdeepface.face.image.Interpolation;
import io.jdeepface.face.image.TensorFormat;
import io.jdeepface.face.image.TensorLayout;
import io.jdeepface.face.models.ModelRunner;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code landmark68} model (faceplugin's {@code fr_landmark.onnx}): 68 points from a 64×64
 * gray crop of the face box, pre- and post-processed as {@code fr_landmark.js} does.
 *
 * <ol>
 *   <li>Crop the box (see {@link LandmarkCrop}); faceplugin passes the detector's box made square on
 *       its height ({@link FaceBox#squareOnHeight}), and so should callers.
 *   <li>Resize to 64×64 bilinear, convert to gray, scale by {@code 1/256} (not 255: the JS divides by
 *       256.0).
 *   <li>The 136 outputs are {@code x0, y0, x1, y1, ...} relative to the box: {@code x = out · width + x1}.
 *       Unlike the JS, the result is not truncated to integers (that would throw away sub-pixel
 *       precision the alignment can use).
 * </ol>
 *
 * <p>One deliberate difference: in the browser {@code cv.imread} gives RGBA, so the JS's
 * {@code COLOR_BGR2GRAY} weighs red by 0.114 and blue by 0.299. The model was trained in Python on
 * {@code cv2} BGR images, where that conversion is the proper luma; we use the proper luma
 * ({@code 0.299 R + 0.587 G + 0.114 B}).
 *
 * <p>Thread-safe when its runner is.
 */
public final class Landmark68Detector {
    public static final String MODEL = "landmark68";
    public static final String INPUT = "input";
    public static final String OUTPUT = "output";
    public static final int SIZE = 64;
    /** Gray, {@code pixel / 256}, from {@code preprocessLandmark} in fr_landmark.js. */
    public static final TensorFormat INPUT_FORMAT = TensorFormat.of(TensorLayout.NCHW, ChannelOrder.GRAY, 0f, 256f);

    private final ModelRunner runner;

    /** @param runner runs {@code landmark68} (input {@value #INPUT} [1, 1, 64, 64], output {@value #OUTPUT} [1, 136]) */
    public Landmark68Detector(ModelRunner runner) {
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    /** The landmarks of the face in {@code box} (in {@code image} pixels, typically {@code squareOnHeight}). */
    public Landmarks68 detect(Image image, FaceBox box) {
        LandmarkCrop crop = LandmarkCrop.of(box, image.width(), image.height());
        return toLandmarks(run(input(image, crop)), crop);
    }

    /** The model input for {@code crop}: [1, 1, 64, 64] floats. */
    public static float[] input(Image image, LandmarkCrop crop) {
        Image face = image.crop(crop.cropX(), crop.cropY(), crop.cropWidth(), crop.cropHeight())
                .resize(SIZE, SIZE, Interpolation.BILINEAR);
        return face.toTensor(INPUT_FORMAT);
    }

    /** Runs the model on one prepared input; returns the raw 136 outputs. */
    public float[] run(float[] input) {
        Map<String, float[]> out = runner.run(INPUT, new long[] {1, 1, SIZE, SIZE}, input);
        float[] raw = out.get(OUTPUT);
        if (raw == null || raw.length != 2 * Landmarks68.POINTS) {
            throw new IllegalStateException("landmark model output '" + OUTPUT + "' should hold "
                    + 2 * Landmarks68.POINTS + " values, got " + (raw == null ? "none" : raw.length));
        }
        return raw;
    }

    /** Maps the raw outputs (relative to the box) to photo pixels. */
    public static Landmarks68 toLandmarks(float[] raw, LandmarkCrop crop) {
        float[] xy = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            xy[i] = crop.toImage(i, raw[i]);
        }
        return new Landmarks68(xy);
    }
}
