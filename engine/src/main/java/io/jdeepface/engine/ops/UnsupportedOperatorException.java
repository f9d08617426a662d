package io.jdeepface.engine.ops;

/**
 * A node uses an operator, or an attribute value of one, that the engine does not implement.
 * Raised at load or conversion time, never as a wrong answer at run time.
 */
public class UnsupportedOperatorException extends RuntimeException {
    public UnsupportedOperatorException(String message) {
        super(message);
    }
}
