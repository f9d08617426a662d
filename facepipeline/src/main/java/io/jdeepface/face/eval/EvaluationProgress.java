package io.jdeepface.face.eval;

/** Told after each image is embedded; called from worker threads, so implementations must be thread-safe. */
@FunctionalInterface
public interface EvaluationProgress {
    EvaluationProgress NONE = (done, total) -> { };

    void imagesDone(int done, int total);
}
