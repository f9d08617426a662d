package io.jdeepface.engine.graph;

/** A graph breaks a structural rule (undefined value, cycle, duplicate definition, bad shape). */
public class InvalidGraphException extends RuntimeException {
    public InvalidGraphException(String message) {
        super(message);
    }
}
