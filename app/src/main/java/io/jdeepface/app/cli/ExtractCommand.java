package io.jdeepface.app.cli;

import io.jdeepface.app.json.ResultJson;
import io.jdeepface.face.api.DeepFace;
import io.jdeepface.face.api.FaceCrop;
import io.jdeepface.face.api.FaceOptions;
import io.jdeepface.face.api.ImageInput;
import io.jdeepface.face.image.ImageEncoder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jdeepface extract IMG --out DIR}: DeepFace.extract_faces, the crops written as PNG files. */
@Command(name = "extract", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Cut out every face of an image and write each as a PNG file.",
        footer = {"", "Faces are aligned 112x112 crops (the box cut out with --no-align), written as"
                + " DIR/<image name>_face<N>.png in the detector's order.", "", "Examples:",
            "  jdeepface extract group.jpg --out faces/",
            "  jdeepface extract photo.jpg --out faces/ --no-align --expand 20 --grayscale",
            "  jdeepface extract photo.jpg --out faces/ --anti-spoofing --json"})
public final class ExtractCommand extends FaceCommand {
    @Parameters(index = "0", paramLabel = "IMG", description = "Image.")
    Path image;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the crops (created if needed).")
    Path outDir;

    @Option(names = "--grayscale", description = "Write gray crops.")
    boolean grayscale;

    public ExtractCommand() {
        this(DeepFaceOpener.DEFAULT);
    }

    public ExtractCommand(DeepFaceOpener opener) {
        super(opener);
    }

    @Override
    FaceOptions options(FaceOptions fromFlags) {
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw usageError("--out " + outDir + " is a file, not a folder");
        }
        return fromFlags.withGrayscale(grayscale);
    }

    @Override
    void run(DeepFace deepFace, FaceOptions o, PrintWriter out) throws IOException {
        List<FaceCrop> faces = deepFace.extractFaces(ImageInput.of(image), o);
        Files.createDirectories(outDir);
        List<String> files = new ArrayList<>(faces.size());
        for (int i = 0; i < faces.size(); i++) {
            Path file = outDir.resolve(stem(image) + "_face" + i + ".png");
            ImageEncoder.write(faces.get(i).face(), file);
            files.add(file.toString());
        }
        if (json) {
            printJson(out, ResultJson.extract(faces, files));
        } else {
            HumanOutput.extract(out, image.toString(), faces, files);
        }
    }

    /** The file name without its extension: {@code photo} for {@code dir/photo.jpg}. */
    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
