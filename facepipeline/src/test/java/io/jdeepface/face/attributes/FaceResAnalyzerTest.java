package io.jdeepface.face.attributes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jdeepface.face.detect.FaceBox;
import io.jdeepface.face.image.Image;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaceResAnalyzerTest {
    private static FaceResAnalyzer analyzer() {
        return new FaceResAnalyzer(Faces.models().runner("faceres"));
    }

    @Test
    void ageIsTheArgmaxYearPulledTowardsItsLargerNeighbour() {
        float[] p = new float[100];
        p[30] = 0.5f;
        p[31] = 0.3f;
        p[29] = 0.2f;
        assertEquals(33.0, FaceResAnalyzer.decodeAge(p), 1e-9); // 30 + 10 * 0.3
        p[29] = 0.4f;
        p[31] = 0.1f;
        assertEquals(26.0, FaceResAnalyzer.decodeAge(p), 1e-9); // 30 - 10 * 0.4
    }

    @Test
    void ageAtTheEndsOfTheRangeStaysInRange() {
        float[] p = new float[100];
        p[99] = 0.9f;
        p[98] = 0.1f;
        assertEquals(98.0, FaceResAnalyzer.decodeAge(p), 1e-9);
        float[] q = new float[100];
        q[0] = 1f;
        assertEquals(0.0, FaceResAnalyzer.decodeAge(q), 1e-9);
    }

    @Test
    void genderSigmoidIsTheProbabilityOfMan() {
        GenderEstimate g = FaceResAnalyzer.genderOf(0.8f);
        assertEquals(80, g.man(), 1e-4);
        assertEquals(20, g.woman(), 1e-4);
        assertEquals(Gender.MAN, g.dominant());
        assertEquals(Gender.WOMAN, FaceResAnalyzer.genderOf(0.5f).dominant()); // Human: <= 0.5 is female
        assertThrows(IllegalStateException.class, () -> FaceResAnalyzer.genderOf(Float.NaN));
    }

    @Test
    void aModelWithoutTheExpectedOutputsGivesAClearError() {
        Image img = Image.ofRgb(10, 10, new byte[300], "blank");
        var a = new FaceResAnalyzer((name, shape, input) -> Map.of("other", new float[1]));
        var e = assertThrows(IllegalStateException.class, () -> a.analyze(img, new FaceBox(0, 0, 10, 10, 1, null)));
        assertTrue(e.getMessage().contains("gender_pred/Sigmoid"), e.getMessage());
    }

    @Test
    void aBoxOffTheImageIsRefused() {
        Image img = Image.ofRgb(10, 10, new byte[300], "blank");
        var a = new FaceResAnalyzer((name, shape, input) -> Map.of());
        assertThrows(IllegalArgumentException.class, () -> a.analyze(img, new FaceBox(20, 20, 5, 5, 1, null)));
        assertThrows(IllegalArgumentException.class, () -> a.analyze(img, new FaceBox(2, 2, 0, 5, 1, null)));
    }

    /** DeepFace's own test expects img4.jpg (Angelina Jolie) to be a woman aged 20–40. */
    @Test
    void img4IsAWomanInHerTwentiesOrThirties() throws Exception {
        Image img = Faces.deepfaceUnit("img4.jpg");
        assumeTrue(img != null, "shared dataset deepface-unit absent");
        AgeGender r = analyzer().analyze(img, Faces.ultraFace(img).get(0));
        assertEquals(Gender.WOMAN, r.gender().dominant(), r.toString());
        assertTrue(r.age().years() >= 20 && r.age().years() <= 40, r.toString());
    }

    /** Every face of the face-api demo photos is a woman's (20 faces). */
    @Test
    void theWomenOfTheFaceApiDemoPhotosAreWomen() throws Exception {
        var a = analyzer();
        int faces = 0;
        int women = 0;
        for (int i = 1; i <= 6; i++) {
            Image img = Faces.demo("sample" + i);
            for (FaceBox b : Faces.ultraFace(img)) {
                AgeGender r = a.analyze(img, b);
                faces++;
                women += r.gender().dominant() == Gender.WOMAN ? 1 : 0;
                assertTrue(r.age().years() > 15 && r.age().years() < 50, "sample" + i + " " + r);
            }
        }
        System.out.printf("faceres gender on face-api demos: %d/%d women%n", women, faces);
        assertTrue(faces >= 18, "faces found: " + faces);
        assertEquals(faces, women);
    }

    /** Gender against a hand-labelled list of deepface-unit photos (see Faces.DEEPFACE_UNIT_WOMEN). */
    @Test
    void genderAccuracyOnHandLabelledDeepfaceUnitPhotos() throws Exception {
        List<Faces.Photo> photos = Faces.deepfaceUnitPhotos();
        assumeTrue(!photos.isEmpty(), "shared dataset deepface-unit absent");
        var a = analyzer();
        int correct = 0;
        StringBuilder wrong = new StringBuilder();
        for (Faces.Photo p : photos) {
            AgeGender r = a.analyze(p.image(), p.box());
            Gender truth = Faces.DEEPFACE_UNIT_WOMEN.contains(p.file()) ? Gender.WOMAN : Gender.MAN;
            if (r.gender().dominant() == truth) {
                correct++;
            } else {
                wrong.append(' ').append(p.file()).append(String.format(" (man %.0f%%)", r.gender().man()));
            }
        }
        double accuracy = (double) correct / photos.size();
        System.out.printf("faceres gender on deepface-unit (hand-labelled): %d/%d = %.1f%%; wrong:%s%n",
                correct, photos.size(), 100 * accuracy, wrong);
        assertTrue(accuracy >= 0.85, "accuracy " + accuracy + "; wrong:" + wrong);
    }
}
