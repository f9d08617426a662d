package io.jdeepface.app.cli;

import io.jdeepface.engine.exec.SessionOptions;
import io.jdeepface.engine.format.ModelHome;
import io.jdeepface.face.api.DeepFace;

/**
 * How a face command gets its {@link DeepFace}: normally it opens the models of the home (and
 * unloads them when done); tests hand in one facade over models shared by a whole test class.
 */
@FunctionalInterface
public interface DeepFaceOpener {
    /** Opens the installed models of {@code home}; closed by the command when it is done. */
    DeepFaceOpener DEFAULT = DeepFace::open;

    DeepFace open(ModelHome home, SessionOptions options);
}
