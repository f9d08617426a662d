package io.jdeepface.face.store;

import java.nio.file.Path;
import java.util.List;

/**
 * Finds the faces of one database image and embeds them: decode, detect, align, embed. The store
 * calls it for new and changed files only.
 */
@FunctionalInterface
public interface FaceIndexer {
    /**
     * The faces of {@code imageFile}; an empty list when there are none. Throwing marks the file as
     * unreadable (with the exception's message) without stopping the refresh.
     */
    List<IndexedFace> index(Path imageFile) throws Exception;
}
