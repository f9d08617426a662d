package io.jdeepface.face.store;

import java.nio.file.Path;

/**
 * A database face close to the query.
 *
 * @param identity the image's path relative to the database folder, '/'-separated
 * @param file     the image's path
 * @param box      where the face is in that image
 * @param distance distance to the query
 */
public record Match(String identity, Path file, FaceBox box, double distance) {
}
