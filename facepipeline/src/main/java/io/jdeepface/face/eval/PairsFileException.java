package io.jdeepface.face.eval;

/** A pairs file that does not follow the LFW format; the message names the file and line. */
public class PairsFileException extends IllegalArgumentException {
    public PairsFileException(String message) {
        super(message);
    }
}
