package io.jdeepface.face.store;

/** What indexing a database image gave. */
public enum FileStatus {
    /** One or more faces. */
    FACES,
    /** Readable, but no face was found. */
    NO_FACE,
    /** It could not be read, decoded or indexed; the record's message says why. */
    UNREADABLE
}
