package io.jdeepface.app.cli;

/** Output names such as {@code Identity:0} or {@code a/b} made safe as file names. */
final class OutputNames {
    private OutputNames() {}

    static String fileName(String outputName) {
        String safe = outputName.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.startsWith(".") ? "_" + safe : safe;
    }
}
