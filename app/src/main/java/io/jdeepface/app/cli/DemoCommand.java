package io.jdeepface.app.cli;

import io.jdeepface.engine.format.ModelHome;
import io.jdeepface.face.api.DeepFace;
import io.jdeepface.face.api.FaceOptions;
import io.jdeepface.face.api.FacialArea;
import io.jdeepface.face.api.ImageInput;
import io.jdeepface.face.api.Representation;
import io.jdeepface.face.image.Image;
import io.jdeepface.face.image.ImageDecoder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code jdeepface demo}: verify and analyze on the sample photos that {@code models install}
 * copies into the home, printed as the face commands print them.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Verify and analyze the sample photos: a first look after 'models install'.",
        footer = {"", "Verifies two faces of different people and two of the same person, then analyzes a"
                + " group photo, with the installed models and the sample photos of the model home.", "",
            "Examples:",
            "  jdeepface models install && jdeepface demo",
            "  jdeepface demo --home /opt/jdeepface"})
public final class DemoCommand implements Callable<Integer> {
    /**
     * Two group photos whose main faces (the middle ones) are different women; the woman on the right
     * of the first is the main face of the second (chosen by eye, and by distance: 0.35 against a
     * threshold of 0.70, while the main faces are 1.02 apart).
     */
    static final String PHOTO_1 = "sample1.jpg";
    static final String PHOTO_2 = "sample3.jpg";

    @Mixin
    HomeOption home;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    private final DeepFaceOpener opener;

    public DemoCommand() {
        this(DeepFaceOpener.DEFAULT);
    }

    public DemoCommand(DeepFaceOpener opener) {
        this.opener = opener;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        ModelHome h = home.modelHome();
        Path samples = h.samples();
        for (String name : List.of(PHOTO_1, PHOTO_2)) {
            if (!Files.isRegularFile(samples.resolve(name))) {
                // An environment error (exit 4): the photos come with the models.
                throw new IOException("the sample photos are not installed (no " + samples.resolve(name)
                        + "); run: bin/jdeepface models install" + (h.equals(ModelHome.resolve(null)) ? ""
                        : " --home " + h.root()));
            }
        }
        FaceOptions o = FaceOptions.defaults();
        Path photo1 = samples.resolve(PHOTO_1);
        Path photo2 = samples.resolve(PHOTO_2);
        try (DeepFace deepFace = opener.open(h, engine.sessionOptions())) {
            out.println("jdeepface demo on the sample photos in " + samples);
            out.println();
            out.println("$ jdeepface verify " + PHOTO_1 + " " + PHOTO_2);
            out.println("  (verify compares the main face of each photo, here the women in the middle: different people)");
            HumanOutput.verify(out, deepFace.verify(ImageInput.of(photo1), ImageInput.of(photo2), o));
            out.println();
            out.flush();

            Image group = new ImageDecoder().decode(photo1);
            FacialArea right = deepFace.represent(ImageInput.of(group), o).stream().map(Representation::facialArea)
                    .max(Comparator.comparingInt(FacialArea::x)).orElseThrow();
            out.println("$ jdeepface verify <the woman on the right of " + PHOTO_1 + ", cut out> " + PHOTO_2);
            out.println("  (the same person as the woman in the middle of " + PHOTO_2 + ")");
            HumanOutput.verify(out, deepFace.verify(ImageInput.of(around(group, right)), ImageInput.of(photo2), o));
            out.println();
            out.flush();

            out.println("$ jdeepface analyze " + PHOTO_2);
            HumanOutput.analyze(out, PHOTO_2, deepFace.analyze(ImageInput.of(photo2), AnalyzeCommand.available(h), o));
            out.println();
            out.println("Next: jdeepface verify|represent|analyze|extract|find --help; add --json for DeepFace's JSON.");
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The face's box grown by half its size on every side (clipped to the image): a photo of just that face. */
    static Image around(Image image, FacialArea a) {
        return image.crop(a.x() - a.w() / 2, a.y() - a.h() / 2, 2 * a.w(), 2 * a.h());
    }
}
