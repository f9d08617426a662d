package io.jdeepface.app.cli;

import io.jdeepface.app.json.ResultJson;
import io.jdeepface.converter.install.InstallException;
import io.jdeepface.engine.format.ModelFormatException;
import io.jdeepface.engine.format.ModelHome;
import io.jdeepface.engine.ops.UnsupportedOperatorException;
import io.jdeepface.face.errors.ImageInputException;
import io.jdeepface.face.errors.NoFaceDetectedException;
import io.jdeepface.face.errors.SpoofDetectedException;
import picocli.CommandLine;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * Turns an exception from a command into one line on stderr and an exit code. Expected failures
 * (bad input, environment) print only their message; anything else is a bug and prints its stack.
 * When the command was given {@code --json}, the message is also printed on stdout as
 * {@code {"error": "..."}}, so a program reading stdout always gets JSON.
 */
public final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parseResult) {
        PrintWriter err = cl.getErr();
        int code = exitCode(e);
        String message = code == ExitCodes.INTERNAL ? "internal error: " + e : message(e);
        err.println("jdeepface: " + message);
        if (code == ExitCodes.INTERNAL) {
            e.printStackTrace(err);
        }
        err.flush();
        if (wantsJson(cl)) {
            PrintWriter out = cl.getOut();
            out.println(ResultJson.error(message));
            out.flush();
        }
        return code;
    }

    private static boolean wantsJson(CommandLine cl) {
        CommandLine.ParseResult pr = cl.getParseResult();
        return pr != null && cl.getCommandSpec().findOption("--json") != null && pr.hasMatchedOption("--json");
    }

    /** The exit code for an exception thrown by a command. */
    public static int exitCode(Throwable e) {
        return switch (e) {
            case UncheckedIOException u when u.getCause() != null -> exitCode(u.getCause());
            case NoSuchFileException x when isMissingModel(x) -> ExitCodes.ENVIRONMENT;
            case ImageInputException x -> ExitCodes.BAD_INPUT; // not an image, corrupt, unsupported, too large
            case NoFaceDetectedException x -> ExitCodes.BAD_INPUT;
            case SpoofDetectedException x -> ExitCodes.BAD_INPUT;
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

    /** A model the home does not have: ModelHome.requireModel's error (a .jdm file, with a reason). */
    private static boolean isMissingModel(NoSuchFileException e) {
        return e.getFile() != null && e.getFile().endsWith(ModelHome.MODEL_EXTENSION) && e.getReason() != null;
    }

    /** The one-line message for an expected failure (what follows "jdeepface: "). */
    public static String message(Throwable e) {
        if (e instanceof UncheckedIOException u && u.getCause() != null) {
            return message(u.getCause());
        }
        if (e instanceof NoFaceDetectedException nf) {
            // The facade's message names its Java option; say it with the command-line flags.
            return "no face detected in " + nf.source() + " by detector '" + nf.detector() + "'; try --detector "
                    + (nf.detector().equals("blazeface-back") ? "ultraface" : "blazeface-back (finds smaller faces)")
                    + ", or --no-enforce-detection to use the whole image as the face";
        }
        if (e instanceof SpoofDetectedException) {
            return e.getMessage() + " (--anti-spoofing is on; 'extract --anti-spoofing' reports every face's score)";
        }
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
