package io.jdeepface.converter.install;

import java.io.IOException;

/**
 * Installing models failed for a reason the user can act on. The message is one line that says
 * what went wrong and, where there is one, what to do; {@link #category()} tells a command line
 * which exit code to use.
 */
public class InstallException extends IOException {
    /** Whose move it is: the command's arguments, the input files, or the machine. */
    public enum Category {
        /** Bad arguments, e.g. an unknown model name. */
        USAGE,
        /** A missing, corrupt, hostile or mismatching file or package. */
        BAD_INPUT,
        /** The machine: npm missing or failing, disk full, another install running. */
        ENVIRONMENT
    }

    private final Category category;

    public InstallException(Category category, String message) {
        super(message);
        this.category = category;
    }

    public InstallException(Category category, String message, Throwable cause) {
        super(message, cause);
        this.category = category;
    }

    public Category category() {
        return category;
    }
}
