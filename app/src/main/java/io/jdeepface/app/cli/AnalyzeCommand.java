package io.jdeepface.app.cli;

import io.jdeepface.app.json.ResultJson;
import io.jdeepface.engine.format.ModelHome;
import io.jdeepface.face.api.Action;
import io.jdeepface.face.api.DeepFace;
import io.jdeepface.face.api.FaceAnalysis;
import io.jdeepface.face.api.FaceOptions;
import io.jdeepface.face.api.ImageInput;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jdeepface analyze IMG [--actions ...]}: DeepFace.analyze, plus pose, eyes and landmarks. */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Age, gender, emotion, head pose, eye state and landmarks of every face in an image.",
        footer = {"", "Examples:",
            "  jdeepface analyze photo.jpg",
            "  jdeepface analyze photo.jpg --actions age,gender,emotion --json",
            "  jdeepface analyze crop.png --detector skip --actions emotion"})
public final class AnalyzeCommand extends FaceCommand {
    /** The model each action runs, as {@link Action}'s documentation names them. */
    static final Map<Action, String> MODELS = Map.of(Action.AGE, "faceres", Action.GENDER, "faceres",
            Action.EMOTION, "emotion", Action.POSE, "headpose", Action.EYES, "eye-state", Action.LANDMARKS,
            "landmark68");

    @Parameters(index = "0", paramLabel = "IMG", description = "Image.")
    Path image;

    @Option(names = "--actions", paramLabel = "LIST", split = ",",
            description = "What to estimate: age, gender, emotion, pose, eyes, landmarks (default: all whose"
                    + " models are installed).")
    List<String> actions;

    public AnalyzeCommand() {
        this(DeepFaceOpener.DEFAULT);
    }

    public AnalyzeCommand(DeepFaceOpener opener) {
        super(opener);
    }

    @Override
    FaceOptions options(FaceOptions fromFlags) {
        if (actions != null) {
            chosen();
        }
        return fromFlags;
    }

    /** The actions asked for; unknown names are a usage error. */
    Set<Action> chosen() {
        Set<Action> set = EnumSet.noneOf(Action.class);
        for (String a : actions) {
            String name = a.strip().toUpperCase(Locale.ROOT);
            try {
                set.add(Action.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw usageError("unknown action '" + a.strip() + "'" + (name.equals("RACE")
                        ? " (race is not supported)" : "") + "; choose from age, gender, emotion, pose, eyes, landmarks");
            }
        }
        if (set.isEmpty()) {
            throw usageError("--actions needs at least one action");
        }
        return set;
    }

    /** Every action whose model is installed (landmarks always: the pipeline needs them anyway). */
    static Set<Action> available(ModelHome home) {
        Set<Action> set = EnumSet.of(Action.LANDMARKS);
        for (Action a : Action.values()) {
            if (home.isInstalled(MODELS.get(a))) {
                set.add(a);
            }
        }
        return set;
    }

    @Override
    void run(DeepFace deepFace, FaceOptions o, PrintWriter out) throws IOException {
        Set<Action> want = actions != null ? chosen() : available(home.modelHome());
        List<FaceAnalysis> faces = deepFace.analyze(ImageInput.of(image), want, o);
        if (json) {
            printJson(out, ResultJson.analyze(faces));
        } else {
            HumanOutput.analyze(out, image.toString(), faces);
        }
    }
}
