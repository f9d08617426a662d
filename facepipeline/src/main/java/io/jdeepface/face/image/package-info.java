/**
 * The first stage of the face pipeline: image bytes to an upright RGB {@link io.jdeepface.face.image.Image},
 * and the pixel operations later stages need to turn it into model inputs.
 *
 * <ul>
 *   <li>{@link io.jdeepface.face.image.ImageDecoder} reads files, bytes, streams, base64 / data URIs
 *       and {@code BufferedImage}s; the format comes from the content; sizes are checked against
 *       {@link io.jdeepface.face.image.ImageLimits} from the header; EXIF orientation is applied.
 *       Failures are the exceptions of {@code io.jdeepface.face.errors}.
 *   <li>{@link io.jdeepface.face.image.Image#crop}, {@link io.jdeepface.face.image.Image#resize},
 *       {@link io.jdeepface.face.image.Image#warpAffine} and {@link io.jdeepface.face.image.Image#flipHorizontal}
 *       follow OpenCV's conventions (pixel-index coordinates, half-pixel centres for resize, black
 *       border for warps) and round to bytes as OpenCV's {@code uint8} path does.
 *   <li>{@link io.jdeepface.face.image.Image#toTensor} writes a model input with the layout, channel
 *       order and normalisation of a {@link io.jdeepface.face.image.TensorFormat}.
 *   <li>{@link io.jdeepface.face.image.ImageEncoder} writes PNG or JPEG.
 * </ul>
 *
 * <p>Typical use: a detector shrinks the photo to its input size with {@code AREA} (or
 * {@code BILINEAR} where parity with a reference matters more than aliasing), and the aligner maps
 * the detected landmarks onto a template with one {@code warpAffine} from the full-resolution photo.
 */
package io.jdeepface.face.image;
