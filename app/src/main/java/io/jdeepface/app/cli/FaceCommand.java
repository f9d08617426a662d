package io.jdeepface.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepface.app.json.ResultJson;
import io.jdeepface.face.api.DeepFace;
import io.jdeepface.face.api.FaceOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What the face commands (verify, represent, analyze, extract, find) share: the model home,
 * engine and pipeline options, {@code --json}, and opening the facade once the command line is
 * known to be valid. A subclass checks its own arguments in {@link #options} and computes and
 * prints in {@link #run}.
 */
abstract class FaceCommand implements Callable<Integer> {
    @Mixin
    FaceOptionsMixin face;

    @Option(names = "--json", description = "Print the result as DeepFace's JSON (one line; errors as {\"error\": ...}).")
    boolean json;

    @Mixin
    HomeOption home;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    private final DeepFaceOpener opener;

    FaceCommand(DeepFaceOpener opener) {
        this.opener = Objects.requireNonNull(opener, "opener");
    }

    /** The pipeline options; subclasses add their own flags and check their arguments here. */
    FaceOptions options(FaceOptions fromFlags) {
        return fromFlags;
    }

    /** Computes the result with {@code deepFace} and prints it to {@code out}. */
    abstract void run(DeepFace deepFace, FaceOptions options, PrintWriter out) throws IOException;

    @Override
    public final Integer call() throws IOException {
        FaceOptions o = options(face.faceOptions(spec.commandLine()));
        PrintWriter out = spec.commandLine().getOut();
        try (DeepFace deepFace = opener.open(home.modelHome(), engine.sessionOptions())) {
            run(deepFace, o, out);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** A usage error of this command (exit code 2, with the usage help). */
    CommandLine.ParameterException usageError(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    static void printJson(PrintWriter out, JsonNode node) throws IOException {
        out.println(ResultJson.mapper().writeValueAsString(node));
    }
}
