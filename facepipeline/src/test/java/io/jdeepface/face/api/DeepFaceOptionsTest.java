package io.jdeepface.face.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.face.errors.SpoofDetectedException;
import io.jdeepface.face.image.Image;
import io.jdeepface.face.spoof.MiniFasNetSpoofDetector;
import io.jdeepface.testdata.TestPackages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class DeepFaceOptionsTest {
    private static final FaceOptions O = FaceOptions.defaults();

    @Test
    void everyInputFormGivesTheSameFaces() throws Exception {
        Path file = TestPackages.FACE_API.file("demo/sample2.jpg");
        byte[] bytes = Files.readAllBytes(file);
        float[] want = Api.deepFace().represent(ImageInput.of(file), O.withMaxFaces(1)).get(0).embedding();
        for (ImageInput in : List.of(ImageInput.of(bytes), ImageInput.ofBase64(Base64.getEncoder().encodeToString(bytes)),
                ImageInput.of(ImageIO.read(file.toFile())), ImageInput.of(Api.demo("sample2")))) {
            float[] got = Api.deepFace().represent(in, O.withMaxFaces(1)).get(0).embedding();
            if (in instanceof ImageInput.BufferedImageInput) {
                // ImageIO's JPEG decoder may round differently: the same face, nearly the same vector.
                double dot = 0;
                for (int i = 0; i < got.length; i++) {
                    dot += got[i] * want[i];
                }
                assertTrue(dot > 0.99, in + ": cosine " + dot);
            } else {
                assertArrayEquals(want, got, in.toString());
            }
        }
    }

    @Test
    void analyzesEveryRequestedAttribute() throws Exception {
        List<FaceAnalysis> faces = Api.deepFace().analyze(ImageInput.of(Api.demo("sample1")),
                EnumSet.allOf(Action.class), O);
        assertEquals(3, faces.size());
        for (FaceAnalysis f : faces) {
            assertNotNull(f.age());
            assertNotNull(f.gender());
            assertNotNull(f.emotion());
            assertNotNull(f.pose());
            assertNotNull(f.eyes());
            assertNotNull(f.landmarks());
            assertTrue(f.region().w() > 0 && f.faceConfidence() > 0.5);
            assertTrue(Math.abs(f.pose().yaw()) < 60, f.pose().toString());
        }
        List<FaceAnalysis> poseOnly = Api.deepFace().analyze(ImageInput.of(Api.demo("sample1")), EnumSet.of(Action.POSE), O);
        assertTrue(poseOnly.get(0).age() == null && poseOnly.get(0).emotion() == null);
        // Same face, same model: equal up to float rounding. reduceLanes(ADD) in the pooling and
        // reduction kernels may sum lanes in another order once C2 compiles them (engine follow-up).
        assertEquals(faces.get(0).pose().yaw(), poseOnly.get(0).pose().yaw(), 1e-4);
        assertEquals(faces.get(0).pose().pitch(), poseOnly.get(0).pose().pitch(), 1e-4);
        assertEquals(faces.get(0).pose().roll(), poseOnly.get(0).pose().roll(), 1e-4);
        assertThrows(IllegalArgumentException.class,
                () -> Api.deepFace().analyze(ImageInput.of(Api.demo("sample1")), EnumSet.noneOf(Action.class), O));
    }

    /** A face judged spoofed by extractFaces makes represent fail, and only then. */
    @Test
    void antiSpoofingReportsInExtractAndFailsElsewhere() throws Exception {
        for (String sample : List.of("sample1", "sample2")) {
            ImageInput in = ImageInput.of(Api.demo(sample));
            List<FaceCrop> crops = Api.deepFace().extractFaces(in, O.withAntiSpoofing(true));
            boolean anySpoof = false;
            for (FaceCrop c : crops) {
                double score = c.antispoofScore().orElseThrow();
                assertEquals(score >= MiniFasNetSpoofDetector.DEFAULT_THRESHOLD, c.isReal().orElseThrow());
                anySpoof |= !c.isReal().orElseThrow();
            }
            if (anySpoof) {
                SpoofDetectedException e = assertThrows(SpoofDetectedException.class,
                        () -> Api.deepFace().represent(in, O.withAntiSpoofing(true)));
                assertTrue(e.realScore() < MiniFasNetSpoofDetector.DEFAULT_THRESHOLD);
            } else {
                assertEquals(crops.size(), Api.deepFace().represent(in, O.withAntiSpoofing(true)).size());
            }
        }
    }

    @Test
    void skipDetectorUsesTheWholeImage() throws Exception {
        Image photo = Api.demo("sample1");
        Image face = Api.around(photo, Api.deepFace().represent(ImageInput.of(photo), O).get(0).facialArea());
        List<Representation> r = Api.deepFace().represent(ImageInput.of(face), O.withDetector("skip"));
        assertEquals(1, r.size());
        FacialArea a = r.get(0).facialArea();
        assertEquals(List.of(0, 0, face.width(), face.height()), List.of(a.x(), a.y(), a.w(), a.h()));
        assertEquals(0, r.get(0).faceConfidence());
        // The landmarks still find the eyes inside the crop.
        assertTrue(a.leftEye().x() > a.rightEye().x());
    }

    @Test
    void blazeFaceFindsTheSameFaces() throws Exception {
        ImageInput in = ImageInput.of(Api.demo("sample1"));
        List<Representation> ultra = Api.deepFace().represent(in, O);
        List<Representation> blaze = Api.deepFace().represent(in, O.withDetector("blazeface-back"));
        assertEquals(ultra.size(), blaze.size());
        // The same woman under either detector: her best match is close.
        for (Representation u : ultra) {
            double best = 2;
            float[] ue = u.embedding();
            for (Representation b : blaze) {
                float[] be = b.embedding();
                double dot = 0;
                for (int i = 0; i < ue.length; i++) {
                    dot += ue[i] * be[i];
                }
                best = Math.min(best, 1 - dot);
            }
            assertTrue(best < 0.4, "closest cosine distance " + best);
        }
        assertFalse(blaze.isEmpty());
    }
}
