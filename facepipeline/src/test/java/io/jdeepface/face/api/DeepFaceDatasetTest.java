package io.jdeepface.face.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.face.attributes.Gender;
import io.jdeepface.face.errors.UnsupportedImageException;
import io.jdeepface.face.image.ImageDecoder;
import io.jdeepface.testdata.TestPackages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DeepFace's own unit-test photos (tests/dataset), when the shared copy is present. */
class DeepFaceDatasetTest {
    private static final FaceOptions O = FaceOptions.defaults();
    private static Path dataset;

    @BeforeAll
    static void locate() {
        dataset = TestPackages.sharedDataset("deepface-unit");
        Assumptions.assumeTrue(dataset != null, "shared dataset deepface-unit is not present");
    }

    private static ImageInput img(String name) {
        return ImageInput.of(dataset.resolve(name));
    }

    @Test
    void verifiesAsDeepFaceTests() throws Exception {
        VerifyResult same = Api.deepFace().verify(img("img1.jpg"), img("img2.jpg"), O);
        assertTrue(same.verified(), same.toString());
        VerifyResult different = Api.deepFace().verify(img("img1.jpg"), img("img3.jpg"), O);
        assertFalse(different.verified(), different.toString());
    }

    /** DeepFace's master.csv: 300 labelled pairs of its unit-test photos, all right with the defaults. */
    @Test
    void classifiesEveryMasterPair() throws Exception {
        List<String> lines = Files.readAllLines(dataset.resolve("master.csv"));
        assertEquals("file_x,file_y,Decision", lines.get(0));
        List<String> wrong = new ArrayList<>();
        // Each photo is decoded once (some are 4 megapixels); verify still runs every stage per pair.
        Map<String, ImageInput> decoded = new HashMap<>();
        ImageDecoder decoder = new ImageDecoder();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            for (int i = 0; i < 2; i++) {
                if (!decoded.containsKey(f[i])) {
                    decoded.put(f[i], ImageInput.of(decoder.decode(dataset.resolve(f[i]))));
                }
            }
            VerifyResult r = Api.deepFace().verify(decoded.get(f[0]), decoded.get(f[1]), O);
            if (r.verified() != f[2].equals("Yes")) {
                wrong.add(String.format(Locale.ROOT, "%s %s %s: distance %.4f, threshold %.4f", f[0], f[1], f[2],
                        r.distance(), r.threshold()));
            }
        }
        assertEquals(300, lines.size() - 1);
        assertEquals(List.of(), wrong);
    }

    @Test
    void analyzesAgeAndGender() throws Exception {
        List<FaceAnalysis> faces = Api.deepFace().analyze(img("img4.jpg"),
                EnumSet.of(Action.AGE, Action.GENDER, Action.EMOTION), O);
        assertEquals(1, faces.size());
        FaceAnalysis f = faces.get(0);
        assertEquals(Gender.WOMAN, f.gender().dominant(), f.toString());
        assertTrue(f.age().years() >= 20 && f.age().years() <= 40, f.toString());
        assertTrue(f.emotion() != null && f.pose() == null && f.eyes() == null && f.landmarks() == null);
    }

    @Test
    void findsTheSamePersonFirst(@TempDir Path db) throws Exception {
        for (String name : List.of("img1.jpg", "img2.jpg", "img3.jpg", "img4.jpg", "img5.jpg", "img6.jpg")) {
            Files.copy(dataset.resolve(name), db.resolve(name));
        }
        AtomicInteger reports = new AtomicInteger();
        List<List<Match>> result = Api.deepFace().find(img("img1.jpg"), db, O, (done, total) -> reports.incrementAndGet());
        assertEquals(1, result.size());
        List<Match> matches = result.get(0);
        assertFalse(matches.isEmpty());
        assertEquals(db.resolve("img1.jpg").toAbsolutePath().normalize(), matches.get(0).file());
        assertEquals(0, matches.get(0).distance(), 1e-4);
        assertTrue(reports.get() >= 6);
        for (Match m : matches) {
            assertTrue(m.distance() <= m.threshold() && m.confidence() > 50, m.toString());
            assertTrue(m.targetArea().leftEye() != null, m.toString());
        }
        // img2 is the same person (DeepFace's own unit tests say so).
        assertTrue(matches.stream().anyMatch(m -> m.file().getFileName().toString().equals("img2.jpg")), matches.toString());
        // k bounds the matches; a second call reuses the store.
        List<Match> top = Api.deepFace().find(img("img1.jpg"), db, O.withK(1)).get(0);
        assertEquals(List.of(matches.get(0)), top);
    }

    @Test
    void webpIsReportedAsUnsupported() {
        UnsupportedImageException e = assertThrows(UnsupportedImageException.class,
                () -> Api.deepFace().represent(img("img47.jpg"), O));
        assertTrue(e.getMessage().toLowerCase().contains("webp"), e.getMessage());
    }
}
