package io.jdeepface.face.attributes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jdeepface.face.detect.FaceBox;
import io.jdeepface.face.image.Image;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ExpressionAnalyzerTest {
    @Test
    void logitsBecomePercentagesThatAddUpTo100() {
        EmotionEstimate e = ExpressionAnalyzer.fromLogits(new float[] {0, 0, 0, 5, 0, 0, 1});
        assertEquals(100, Arrays.stream(e.percentages()).sum(), 1e-9);
        assertEquals(Emotion.HAPPY, e.dominant());
        assertTrue(e.percentage(Emotion.NEUTRAL) > e.percentage(Emotion.SAD));
        // huge logits must not overflow exp
        assertEquals(Emotion.ANGRY, ExpressionAnalyzer.fromLogits(new float[] {1000, 999, 0, 0, 0, 0, 0}).dominant());
    }

    /** The face-api demo photos show smiling women (sample1, 3, 4, 5 and 6: every face smiles broadly). */
    @Test
    void smilingFacesAreHappy() throws Exception {
        var a = new ExpressionAnalyzer(Faces.models().runner("emotion"));
        int faces = 0;
        int happy = 0;
        for (int i : new int[] {1, 3, 4, 5, 6}) {
            Image img = Faces.demo("sample" + i);
            for (FaceBox b : Faces.ultraFace(img)) {
                faces++;
                happy += a.analyze(img, b).dominant() == Emotion.HAPPY ? 1 : 0;
            }
        }
        System.out.printf("expression: %d/%d smiling demo faces classed happy%n", happy, faces);
        assertTrue(faces >= 15 && happy >= faces - 1, happy + "/" + faces);
    }

    @Test
    void deepfaceUnitImg1SmileIsHappy() throws Exception {
        Image img = Faces.deepfaceUnit("img1.jpg");
        assumeTrue(img != null, "shared dataset deepface-unit absent");
        var a = new ExpressionAnalyzer(Faces.models().runner("emotion"));
        EmotionEstimate e = a.analyze(img, Faces.ultraFace(img).get(0));
        assertEquals(Emotion.HAPPY, e.dominant(), e.toString());
    }
}
