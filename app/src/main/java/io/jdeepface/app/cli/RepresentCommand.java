package io.jdeepface.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jdeepface.app.json.ResultJson;
import io.jdeepface.face.api.DeepFace;
import io.jdeepface.face.api.FaceOptions;
import io.jdeepface.face.api.ImageInput;
import io.jdeepface.face.api.Representation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jdeepface represent IMG...}: DeepFace.represent. */
@Command(name = "represent", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The embedding of every face in the images.",
        footer = {"", "With --json: DeepFace's list of {embedding, facial_area, face_confidence} for one image, a"
                + " list of such lists (one per image) for several.", "", "Examples:",
            "  jdeepface represent photo.jpg",
            "  jdeepface represent --json --max-faces 1 photo.jpg > embedding.json",
            "  jdeepface represent --json *.jpg"})
public final class RepresentCommand extends FaceCommand {
    @Parameters(arity = "1..*", paramLabel = "IMG", description = "Images.")
    List<Path> images;

    public RepresentCommand() {
        this(DeepFaceOpener.DEFAULT);
    }

    public RepresentCommand(DeepFaceOpener opener) {
        super(opener);
    }

    @Override
    void run(DeepFace deepFace, FaceOptions o, PrintWriter out) throws IOException {
        ArrayNode all = ResultJson.mapper().createArrayNode();
        for (Path image : images) {
            List<Representation> faces = deepFace.represent(ImageInput.of(image), o);
            if (json) {
                all.add(ResultJson.represent(faces));
            } else {
                HumanOutput.represent(out, image.toString(), faces);
                out.flush();
            }
        }
        if (json) {
            // One image: DeepFace's list of faces; several: one such list per image, as DeepFace's batch call.
            printJson(out, images.size() == 1 ? all.get(0) : all);
        }
    }
}
