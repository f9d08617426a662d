package io.jdeepface.face.store;

/** Told after each file of a refresh has been checked or indexed. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (done, total) -> { };

    void progress(int filesDone, int filesTotal);
}
