package io.jdeepface.app.cli;

import io.jdeepface.converter.install.InstallException;
import io.jdeepface.engine.format.ModelFormatException;
import io.jdeepface.engine.ops.UnsupportedOperatorException;
import picocli.CommandLine;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * Turns an exception from a command into one line on stderr and an exit code. Expected failures
 * (bad input, environment) print only their message; anything else is a bug and prints its stack.
 */
public final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parseResult) {
        PrintWriter err = cl.getErr();
        int code = exitCode(e);
        if (code == ExitCodes.INTERNAL) {
            err.println("jdeepface: internal error: " + e);
            e.printStackTrace(err);
        } else {
            err.println("jdeepface: " + message(e));
        }
        err.flush();
        return code;
    }

    /** The exit code for an exception thrown by a command. */
    public static int exitCode(Throwable e) {
        return switch (e) {
            case InstallException ie -> switch (ie.category()) {
                case USAGE -> ExitCodes.USAGE;
                case BAD_INPUT -> ExitCodes.BAD_INPUT;
                case ENVIRONMENT -> ExitCodes.ENVIRONMENT;
            };
            case ModelFormatException x -> ExitCodes.BAD_INPUT;
            case UnsupportedOperatorException x -> ExitCodes.BAD_INPUT;
            case IllegalArgumentException x -> ExitCodes.BAD_INPUT; // wrong input names, shapes, option values
            case NoSuchFileException x -> ExitCodes.BAD_INPUT;
            case FileNotFoundException x -> ExitCodes.BAD_INPUT;
            case AccessDeniedException x -> ExitCodes.ENVIRONMENT;
            case IOException x -> ExitCodes.ENVIRONMENT; // disk full, I/O errors, permissions
            default -> ExitCodes.INTERNAL;
        };
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        if (e instanceof NoSuchFileException nsf) {
            return nsf.getReason() != null ? nsf.getReason() : "no such file: " + nsf.getFile();
        }
        if (e instanceof AccessDeniedException ade) {
            return "permission denied: " + ade.getFile();
        }
        return m != null && !m.isBlank() ? m.replace('\n', ' ') : e.getClass().getSimpleName();
    }
}
