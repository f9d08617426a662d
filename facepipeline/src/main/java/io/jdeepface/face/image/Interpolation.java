package io.jdeepface.face.image;

/**
 * How {@link Image#resize} computes an output pixel.
 *
 * <p>Which to use: match the reference preprocessing of the model you feed, which is OpenCV's
 * default {@link #BILINEAR} for almost every DeepFace detector and model. When shrinking a large
 * photo by more than about 2× (a 4000-pixel photo into a 320×240 detector input) bilinear
 * samples only 4 source pixels per output pixel and aliases; {@link #AREA} averages all of them
 * and gives the detector a cleaner picture.
 */
public enum Interpolation {
    /**
     * OpenCV's {@code INTER_LINEAR}: pixel centres aligned ({@code src = (dst + 0.5) * scale - 0.5}),
     * neighbours clamped at the edges, result rounded to the nearest byte. OpenCV computes in
     * 11-bit fixed point, so individual samples may differ from it by 1.
     */
    BILINEAR,
    /**
     * OpenCV's {@code INTER_AREA} when shrinking: each output pixel is the average of the source
     * area it covers, weighting partly covered source pixels by the covered fraction. When either
     * side grows, this falls back to {@link #BILINEAR} (as OpenCV's does, near enough).
     */
    AREA
}
