package io.jdeepface.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdeepface.app.CliRun;
import io.jdeepface.engine.exec.SessionOptions;
import io.jdeepface.engine.format.ModelHome;
import io.jdeepface.face.api.DeepFace;
import io.jdeepface.face.image.ImageDecoder;
import io.jdeepface.face.models.FaceModels;
import io.jdeepface.testdata.TestPackages;
import java.awt.image.BufferedImage;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The face commands run in-process on face-api's demo photos, with one set of models loaded for the
 * whole class. sample1's and sample3's main faces (the middle ones) are different women; the woman
 * on the right of sample1 is sample3's main face.
 */
class FaceCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ModelHome home;
    private static FaceModels models;

    @TempDir
    Path tmp;

    @BeforeAll
    static void loadModels() {
        home = TestModelHome.with("ultraface-rfb-320", "landmark68", "arcface-512", "faceres", "emotion", "headpose",
                "eye-state");
        models = new FaceModels(home, SessionOptions.defaults().withThreads(2));
    }

    @AfterAll
    static void unloadModels() {
        models.close();
    }

    private static String sample(int i) {
        return TestPackages.FACE_API.file("demo/sample" + i + ".jpg").toString();
    }

    /** Runs a command line with the face commands using the shared models (whatever --home says). */
    private static CliRun run(String... args) {
        DeepFaceOpener shared = (h, options) -> DeepFace.using(models);
        return CliRun.of(new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                for (Constructor<?> c : cls.getConstructors()) {
                    if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == DeepFaceOpener.class) {
                        return cls.cast(c.newInstance(shared));
                    }
                }
                return CommandLine.defaultFactory().create(cls);
            }
        }, args);
    }

    private static List<String> names(JsonNode o) {
        List<String> out = new ArrayList<>();
        o.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static double sum(JsonNode o) {
        double s = 0;
        for (Iterator<JsonNode> it = o.elements(); it.hasNext(); ) {
            s += it.next().doubleValue();
        }
        return s;
    }

    @Test
    void verifyComparesTheMainFacesAsJson() throws Exception {
        CliRun r = run("verify", sample(1), sample(3), "--json", "--home", home.root().toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode o = r.json();
        assertEquals(List.of("verified", "distance", "threshold", "confidence", "model", "detector_backend",
                "similarity_metric", "facial_areas", "time"), names(o));
        assertFalse(o.get("verified").booleanValue(), r.out());
        assertTrue(o.get("distance").doubleValue() > o.get("threshold").doubleValue());
        assertTrue(o.get("confidence").doubleValue() < 50);
        assertEquals("cosine", o.get("similarity_metric").textValue());
        assertEquals("arcface-512", o.get("model").textValue());
        assertEquals("ultraface", o.get("detector_backend").textValue());
        JsonNode img1 = o.get("facial_areas").get("img1");
        assertEquals(List.of("x", "y", "w", "h", "left_eye", "right_eye"), names(img1));
        // sample1's main face is the middle one (x 830), whose left eye is on the image's right.
        assertTrue(Math.abs(img1.get("x").intValue() - 830) < 10, img1.toString());
        assertTrue(img1.get("left_eye").get(0).intValue() > img1.get("right_eye").get(0).intValue(), img1.toString());
    }

    @Test
    void extractWritesCropsThatVerifyAsTheSamePerson() throws Exception {
        Path out = tmp.resolve("faces");
        CliRun ex = run("extract", sample(1), "--out", out.toString(), "--no-align", "--expand", "100", "--json");
        assertEquals(ExitCodes.OK, ex.code(), ex.err());
        JsonNode faces = ex.json();
        assertEquals(3, faces.size());
        JsonNode right = faces.get(0);
        for (JsonNode f : faces) {
            assertEquals(List.of("facial_area", "confidence", "file"), names(f));
            Path file = Path.of(f.get("file").textValue());
            assertTrue(file.getFileName().toString().matches("sample1_face[0-2]\\.png"), file.toString());
            // Not aligned: the expanded box itself.
            BufferedImage png = ImageIO.read(file.toFile());
            assertEquals(f.get("facial_area").get("w").intValue(), png.getWidth());
            if (f.get("facial_area").get("x").intValue() > right.get("facial_area").get("x").intValue()) {
                right = f;
            }
        }
        CliRun same = run("verify", right.get("file").textValue(), sample(3));
        assertEquals(ExitCodes.OK, same.code(), same.err());
        assertTrue(same.out().startsWith("verified: yes  distance 0."), same.out());
        assertTrue(same.out().contains("(threshold 0.6792, cosine)  confidence "), same.out());
        // Aligned crops by default: 112x112.
        CliRun aligned = run("extract", sample(1), "--out", out.toString(), "--max-faces", "1", "--grayscale");
        assertEquals(ExitCodes.OK, aligned.code(), aligned.err());
        assertTrue(aligned.out().startsWith(sample(1) + ": 1 face\n"), aligned.out());
        assertEquals(112, new ImageDecoder().decode(out.resolve("sample1_face0.png")).width());
    }

    @Test
    void representListsEveryFaceOfEveryImage() throws Exception {
        JsonNode one = run("represent", sample(1), "--json").json();
        assertEquals(3, one.size());
        for (JsonNode f : one) {
            assertEquals(List.of("embedding", "facial_area", "face_confidence"), names(f));
            assertEquals(512, f.get("embedding").size());
            assertTrue(f.get("face_confidence").doubleValue() > 0.5);
        }
        CliRun two = run("represent", sample(1), sample(2), "--max-faces", "1", "--json");
        assertEquals(ExitCodes.OK, two.code(), two.err());
        assertEquals(2, two.json().size());
        assertEquals(1, two.json().get(1).size());
        assertEquals(512, two.json().get(1).get(0).get("embedding").size());
        CliRun human = run("represent", sample(2), "--max-faces", "2");
        assertTrue(human.out().startsWith(sample(2) + ": 2 faces\n  face 0  "), human.out());
        assertTrue(human.out().contains("... 512 values]"), human.out());
    }

    @Test
    void analyzeReportsDeepFacesAttributesInPercent() throws Exception {
        CliRun r = run("analyze", sample(3), "--actions", "age,gender,emotion", "--json", "--max-faces", "1");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode face = r.json().get(0);
        assertEquals(List.of("region", "face_confidence", "age", "dominant_gender", "gender", "dominant_emotion",
                "emotion"), names(face));
        assertEquals("Woman", face.get("dominant_gender").textValue());
        assertEquals(100, sum(face.get("gender")), 1e-6);
        assertEquals(100, sum(face.get("emotion")), 1e-3);
        assertEquals(List.of("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"), names(face.get("emotion")));
        assertEquals("happy", face.get("dominant_emotion").textValue());
        int age = face.get("age").intValue();
        assertTrue(age >= 18 && age <= 50, "age " + age);

        // By default, every action whose model is installed, pose, eyes and landmarks included.
        CliRun all = run("analyze", sample(3), "--max-faces", "1", "--home", home.root().toString());
        assertEquals(ExitCodes.OK, all.code(), all.err());
        for (String line : List.of("    age ", "    gender     Woman ", "    emotion    happy ", "    pose       yaw ",
                "    eyes       left open ", "    landmarks  68 points")) {
            assertTrue(all.out().contains(line), line + " in\n" + all.out());
        }
    }

    @Test
    void findLooksUpEveryQueryFaceInAFolder() throws Exception {
        Path db = Files.createDirectories(tmp.resolve("db/sub"));
        Files.copy(Path.of(sample(1)), db.resolve("a.jpg"));
        Files.copy(Path.of(sample(2)), tmp.resolve("db/b.jpg"));
        CliRun r = run("find", sample(3), "--db", tmp.resolve("db").toString(), "--json", "-k", "1");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.err().contains("checking " + tmp.resolve("db") + ": 2/2 images"), r.err());
        JsonNode perFace = r.json();
        assertEquals(3, perFace.size()); // one list per face of sample3
        JsonNode best = perFace.get(0).get(0); // sample3's face 0 is the woman on the right of sample1
        assertEquals(List.of("identity", "target_x", "target_y", "target_w", "target_h", "source_x", "source_y",
                "source_w", "source_h", "distance", "threshold", "confidence"), names(best));
        // The path under --db as given (DeepFace joins db_path and the file).
        assertEquals(tmp.resolve("db").resolve("sub/a.jpg").toString(), best.get("identity").textValue());
        assertTrue(best.get("distance").doubleValue() < best.get("threshold").doubleValue());
        assertTrue(best.get("target_x").intValue() > 1400, best.toString());
        for (JsonNode list : perFace) {
            assertTrue(list.size() <= 1);
        }
        CliRun human = run("find", sample(3), "--db", tmp.resolve("db").toString(), "--max-faces", "1");
        assertEquals(ExitCodes.OK, human.code(), human.err());
        assertTrue(human.out().startsWith("query face 0  "), human.out());
        assertTrue(human.out().contains("a.jpg  (face "), human.out());
        CliRun empty = run("find", sample(3), "--db", Files.createDirectories(tmp.resolve("empty")).toString(),
                "--max-faces", "1");
        assertEquals(ExitCodes.OK, empty.code(), empty.err());
        assertTrue(empty.out().contains("no match within threshold 0.6792"), empty.out());
        assertTrue(empty.err().contains("warning: no image files (bmp, gif, jpeg, jpg,"), empty.err());
    }

    @Test
    void badInputIsExitCode3WithAOneLineMessage() throws Exception {
        CliRun missing = run("verify", tmp.resolve("nope.jpg").toString(), sample(1));
        assertEquals(ExitCodes.BAD_INPUT, missing.code(), missing.err());
        assertEquals("jdeepface: no such file: " + tmp.resolve("nope.jpg") + "\n", missing.err());

        Path text = Files.writeString(tmp.resolve("notes.jpg"), "not a photo\n");
        CliRun notImage = run("analyze", text.toString(), "--json");
        assertEquals(ExitCodes.BAD_INPUT, notImage.code(), notImage.err());
        assertTrue(notImage.err().startsWith("jdeepface: " + text + ": not an image"), notImage.err());
        // With --json, stdout is JSON too.
        assertTrue(notImage.json().get("error").textValue().contains("not an image"), notImage.out());

        Path blank = tmp.resolve("blank.png");
        ImageIO.write(new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB), "png", blank.toFile());
        CliRun noFace = run("represent", blank.toString());
        assertEquals(ExitCodes.BAD_INPUT, noFace.code(), noFace.err());
        assertTrue(noFace.err().contains("no face detected in " + blank) && noFace.err().contains("--no-enforce-detection"),
                noFace.err());
        CliRun whole = run("represent", blank.toString(), "--no-enforce-detection", "--json");
        assertEquals(ExitCodes.OK, whole.code(), whole.err());
        assertEquals(160, whole.json().get(0).get("facial_area").get("w").intValue());
        assertEquals(0.0, whole.json().get(0).get("face_confidence").doubleValue());
    }

    @Test
    void usageErrorsAreExitCode2() {
        assertEquals(ExitCodes.USAGE, run("verify", sample(1), sample(2), "--detector", "opencv").code());
        assertEquals(ExitCodes.USAGE, run("verify", sample(1), sample(2), "--metric", "manhattan").code());
        assertEquals(ExitCodes.USAGE, run("verify", sample(1), sample(2), "--threshold", "3").code());
        assertEquals(ExitCodes.USAGE, run("verify", sample(1)).code());
        assertEquals(ExitCodes.USAGE, run("extract", sample(1)).code()); // --out is required
        assertEquals(ExitCodes.USAGE, run("find", sample(1), "--db", tmp.toString(), "-k", "0").code());
        CliRun race = run("analyze", sample(1), "--actions", "age,race");
        assertEquals(ExitCodes.USAGE, race.code());
        assertTrue(race.err().startsWith("unknown action 'race' (race is not supported)"), race.err());
        CliRun detector = run("represent", sample(1), "--detector", "opencv");
        assertTrue(detector.err().startsWith("unsupported detector 'opencv'; supported: [ultraface,"), detector.err());
    }

    @Test
    void missingModelsAreExitCode4() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty-home"));
        // The real opener, on a home without models.
        CliRun r = CliRun.of("verify", sample(1), sample(2), "--home", empty.toString(), "--json");
        assertEquals(ExitCodes.ENVIRONMENT, r.code(), r.err());
        assertTrue(r.err().contains("is not installed; run: bin/jdeepface models install"), r.err());
        assertTrue(r.json().get("error").textValue().contains("models install"), r.out());

        CliRun demo = run("demo", "--home", empty.toString());
        assertEquals(ExitCodes.ENVIRONMENT, demo.code(), demo.err());
        assertTrue(demo.err().contains("sample photos are not installed") && demo.err().contains("models install"),
                demo.err());
    }

    @Test
    void demoVerifiesAndAnalyzesTheSamplePhotos() throws Exception {
        Path demoHome = tmp.resolve("home");
        Files.createDirectories(demoHome.resolve("samples"));
        Files.createSymbolicLink(demoHome.resolve("models"), home.models());
        for (int i : new int[] {1, 3}) {
            Files.copy(Path.of(sample(i)), demoHome.resolve("samples/sample" + i + ".jpg"));
        }
        CliRun r = run("demo", "--home", demoHome.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        int different = r.out().indexOf("verified: no ");
        int same = r.out().indexOf("verified: yes ");
        assertTrue(different > 0 && same > different, r.out());
        assertTrue(r.out().contains("sample3.jpg: 3 faces"), r.out());
        assertTrue(r.out().contains("    emotion    happy "), r.out());
    }

    @Test
    void everyFaceCommandHasHelpWithExamples() {
        for (String command : List.of("verify", "represent", "analyze", "extract", "find", "demo")) {
            CliRun r = run(command, "--help");
            assertEquals(ExitCodes.OK, r.code(), command);
            assertTrue(r.out().startsWith("Usage: jdeepface " + command), r.out());
            assertTrue(r.out().contains("Examples:\n  jdeepface "), r.out());
        }
        assertTrue(run("--help").out().contains("  verify       Whether two photos show the same person."));
    }
}
