package io.jdeepface.app.cli;

import io.jdeepface.app.json.ResultJson;
import io.jdeepface.face.api.DeepFace;
import io.jdeepface.face.api.FaceOptions;
import io.jdeepface.face.api.ImageInput;
import io.jdeepface.face.api.VerifyResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jdeepface verify IMG1 IMG2}: DeepFace.verify. */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Whether two photos show the same person.",
        footer = {"", "Compares the main face of each photo: the largest face over the image's centre, else the"
                + " largest. Cut a face out (or use 'extract') to compare another one.", "", "Examples:",
            "  jdeepface verify alice1.jpg alice2.jpg",
            "  jdeepface verify a.jpg b.jpg --metric euclidean_l2 --json",
            "  jdeepface verify a.jpg b.jpg --detector blazeface-back --threshold 0.6"})
public final class VerifyCommand extends FaceCommand {
    @Parameters(index = "0", paramLabel = "IMG1", description = "First image (JPEG, PNG, BMP, GIF, PNM).")
    Path img1;

    @Parameters(index = "1", paramLabel = "IMG2", description = "Second image.")
    Path img2;

    public VerifyCommand() {
        this(DeepFaceOpener.DEFAULT);
    }

    public VerifyCommand(DeepFaceOpener opener) {
        super(opener);
    }

    @Override
    void run(DeepFace deepFace, FaceOptions o, PrintWriter out) throws IOException {
        VerifyResult r = deepFace.verify(ImageInput.of(img1), ImageInput.of(img2), o);
        if (json) {
            printJson(out, ResultJson.verify(r));
        } else {
            HumanOutput.verify(out, r);
        }
    }
}
