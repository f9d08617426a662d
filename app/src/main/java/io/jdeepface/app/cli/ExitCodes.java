package io.jdeepface.app.cli;

/** Process exit codes of every jdeepface command. */
public final class ExitCodes {
    public static final int OK = 0;
    /** A bug: an exception nobody expected. */
    public static final int INTERNAL = 1;
    /** Bad command line: unknown command or option, missing argument, unknown model name. */
    public static final int USAGE = 2;
    /** Bad input: a missing, corrupt or mismatching file. */
    public static final int BAD_INPUT = 3;
    /** The machine: npm missing or failing, disk full, no permission. */
    public static final int ENVIRONMENT = 4;

    private ExitCodes() {
    }
}
