package io.jdeepface.face.api;

import java.nio.file.Path;

/**
 * A database face close to a query face, a row of DeepFace's {@code find} result.
 *
 * @param identity   the database image's path (DeepFace's {@code identity})
 * @param file       the same path
 * @param targetArea where the face is in that image
 * @param distance   to the query face
 * @param threshold  the threshold the match passed
 * @param confidence 0–100, as in {@link VerifyResult#confidence()}
 */
public record Match(String identity, Path file, FacialArea targetArea, double distance, double threshold,
                    double confidence) {
}
