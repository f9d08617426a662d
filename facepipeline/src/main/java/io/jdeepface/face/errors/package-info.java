/**
 * Exceptions for input a user can fix. Image input errors extend
 * {@link io.jdeepface.face.errors.ImageInputException} (an {@code IOException}) and name the input:
 * {@link io.jdeepface.face.errors.NotAnImageException} (empty, text, invalid base64, unknown bytes),
 * {@link io.jdeepface.face.errors.UnsupportedImageException} (WebP, HEIF, AVIF, PBM),
 * {@link io.jdeepface.face.errors.CorruptImageException} (damaged or truncated) and
 * {@link io.jdeepface.face.errors.ImageTooLargeException} (over {@code ImageLimits}).
 */
package io.jdeepface.face.errors;
