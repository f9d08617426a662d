package io.jdeepface.face.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.face.errors.NoFaceDetectedException;
import io.jdeepface.face.errors.NotAnImageException;
import io.jdeepface.face.image.Image;
import io.jdeepface.face.verify.DistanceMetric;
import io.jdeepface.face.verify.Thresholds;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class DeepFaceTest {
    private static final FaceOptions O = FaceOptions.defaults();

    /** sample1's blonde woman (face 2 in detector order) and the one on the left of sample3 (face 0). */
    private static Image blondeIn(String sample, int face) throws Exception {
        Image photo = Api.demo(sample);
        List<Representation> faces = Api.deepFace().represent(ImageInput.of(photo), O);
        return Api.around(photo, faces.get(face).facialArea());
    }

    @Test
    void verifiesTheSamePersonAcrossPhotos() throws Exception {
        VerifyResult r = Api.deepFace().verify(ImageInput.of(blondeIn("sample1", 2)),
                ImageInput.of(blondeIn("sample3", 0)), O);
        assertTrue(r.verified(), r.toString());
        assertEquals(Thresholds.defaults().require("arcface-512", DistanceMetric.COSINE), r.threshold());
        assertTrue(r.distance() < r.threshold());
        assertTrue(r.confidence() > 50, r.toString());
        assertEquals("arcface-512", r.model());
        assertEquals("ultraface", r.detector());
        assertEquals(DistanceMetric.COSINE, r.metric());
        assertTrue(r.seconds() > 0);
        for (FacialArea a : List.of(r.img1Area(), r.img2Area())) {
            assertTrue(a.w() > 20 && a.h() > 20, a.toString());
            // The person's left eye is on the image's right.
            assertTrue(a.leftEye().x() > a.rightEye().x(), a + " " + a.leftEye() + " " + a.rightEye());
            assertTrue(a.x() < a.rightEye().x() && a.leftEye().x() < a.x() + a.w());
        }
    }

    @Test
    void differentPeopleAreNotVerified() throws Exception {
        Image other = Api.around(Api.demo("sample1"),
                Api.deepFace().represent(ImageInput.of(Api.demo("sample1")), O).get(0).facialArea());
        VerifyResult r = Api.deepFace().verify(ImageInput.of(other), ImageInput.of(blondeIn("sample3", 0)), O);
        assertFalse(r.verified(), r.toString());
        assertTrue(r.confidence() < 50, r.toString());
        // A threshold override is applied as given.
        VerifyResult loose = Api.deepFace().verify(ImageInput.of(other), ImageInput.of(blondeIn("sample3", 0)),
                O.withThreshold(1.99));
        assertEquals(1.99, loose.threshold());
        assertTrue(loose.verified());
        assertEquals(r.distance(), loose.distance(), 1e-9);
    }

    @Test
    void faceresIsASecondRecognitionModelWithItsOwnThresholds() throws Exception {
        io.jdeepface.face.TestModels.home("faceres");
        FaceOptions faceres = O.withModel("faceres-1024");
        VerifyResult same = Api.deepFace().verify(ImageInput.of(blondeIn("sample1", 2)),
                ImageInput.of(blondeIn("sample3", 0)), faceres);
        assertTrue(same.verified(), same.toString());
        assertEquals("faceres-1024", same.model());
        assertEquals(Thresholds.defaults().require("faceres-1024", DistanceMetric.COSINE), same.threshold());
        Image other = Api.around(Api.demo("sample1"),
                Api.deepFace().represent(ImageInput.of(Api.demo("sample1")), O).get(0).facialArea());
        assertFalse(Api.deepFace().verify(ImageInput.of(other), ImageInput.of(blondeIn("sample3", 0)), faceres)
                .verified());
        assertEquals(1024, Api.deepFace().represent(ImageInput.of(other), faceres).get(0).embedding().length);
    }

    @Test
    void representsEveryFaceAndLimitsToTheLargest() throws Exception {
        List<Representation> all = Api.deepFace().represent(ImageInput.of(Api.demo("sample1")), O);
        assertEquals(3, all.size());
        for (Representation r : all) {
            assertEquals(512, r.embedding().length);
            assertTrue(r.faceConfidence() > 0.5);
        }
        List<Representation> one = Api.deepFace().represent(ImageInput.of(Api.demo("sample1")), O.withMaxFaces(1));
        assertEquals(1, one.size());
        int largest = all.stream().mapToInt(r -> r.facialArea().w() * r.facialArea().h()).max().orElseThrow();
        assertEquals(largest, one.get(0).facialArea().w() * one.get(0).facialArea().h());
    }

    @Test
    void representsSeveralImagesAsEachAlone() throws Exception {
        List<ImageInput> images = List.of(ImageInput.of(Api.demo("sample1")), ImageInput.of(Api.demo("sample2")));
        List<List<Representation>> together = Api.deepFace().represent(images, O);
        assertEquals(2, together.size());
        for (int i = 0; i < images.size(); i++) {
            List<Representation> alone = Api.deepFace().represent(images.get(i), O);
            assertEquals(alone.size(), together.get(i).size());
            for (int f = 0; f < alone.size(); f++) {
                assertEquals(alone.get(f).facialArea(), together.get(i).get(f).facialArea());
                float[] a = alone.get(f).embedding();
                float[] b = together.get(i).get(f).embedding();
                for (int k = 0; k < a.length; k++) {
                    assertEquals(a[k], b[k], 1e-5f);
                }
            }
        }
    }

    @Test
    void unnormalisedEmbeddingsAreTheRawVectorAndNeedAnExplicitEuclideanThreshold() throws Exception {
        ImageInput photo = ImageInput.of(Api.demo("sample2"));
        float[] unit = Api.deepFace().represent(photo, O).get(0).embedding();
        float[] raw = Api.deepFace().represent(photo, O.withNormalize(false)).get(0).embedding();
        double norm = 0;
        for (float v : raw) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        assertTrue(Math.abs(norm - 1) > 0.1, "raw norm " + norm);
        for (int i = 0; i < raw.length; i++) {
            assertEquals(unit[i], raw[i] / norm, 1e-5);
        }
        // Scale-free metrics keep their thresholds; plain euclidean has none for raw vectors.
        assertTrue(Api.deepFace().verify(photo, photo, O.withNormalize(false)).verified());
        FaceOptions euclidean = O.withNormalize(false).withMetric(io.jdeepface.face.verify.DistanceMetric.EUCLIDEAN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Api.deepFace().verify(photo, photo, euclidean));
        assertTrue(e.getMessage().contains("euclidean_l2"), e.getMessage());
        assertTrue(Api.deepFace().verify(photo, photo, euclidean.withThreshold(1.0)).verified());
    }

    @Test
    void extractsAlignedOrExpandedCrops() throws Exception {
        ImageInput photo = ImageInput.of(Api.demo("sample1"));
        List<FaceCrop> aligned = Api.deepFace().extractFaces(photo, O);
        assertEquals(3, aligned.size());
        assertEquals(112, aligned.get(0).face().width());
        assertTrue(aligned.get(0).isReal().isEmpty());

        List<FaceCrop> boxes = Api.deepFace().extractFaces(photo, O.withAlign(false));
        List<FaceCrop> wider = Api.deepFace().extractFaces(photo, O.withAlign(false).withExpandPercentage(20));
        FacialArea a = boxes.get(0).facialArea();
        FacialArea b = wider.get(0).facialArea();
        assertTrue(b.w() > a.w() && b.h() > a.h() && b.x() <= a.x() && b.y() <= a.y(), a + " vs " + b);
        assertEquals(a.w(), boxes.get(0).face().width());
        assertEquals(b.h(), wider.get(0).face().height());

        Image gray = Api.deepFace().extractFaces(photo, O.withGrayscale(true)).get(0).face();
        for (int i = 0; i < 112; i += 7) {
            int rgb = gray.rgb(i, i);
            assertEquals(rgb & 0xff, (rgb >> 8) & 0xff);
            assertEquals(rgb & 0xff, (rgb >> 16) & 0xff);
        }
    }

    @Test
    void blankImageHasNoFaceUnlessDetectionIsNotEnforced() throws Exception {
        BufferedImage blank = new BufferedImage(200, 160, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = blank.createGraphics();
        g.setColor(new Color(200, 210, 220));
        g.fillRect(0, 0, 200, 160);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(blank, "png", png);
        ImageInput input = ImageInput.ofBase64("data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray()));

        NoFaceDetectedException e = assertThrows(NoFaceDetectedException.class,
                () -> Api.deepFace().represent(input, O));
        assertNotNull(e.source());
        assertTrue(e.getMessage().contains("ultraface"), e.getMessage());

        List<Representation> whole = Api.deepFace().represent(input, O.withEnforceDetection(false));
        assertEquals(1, whole.size());
        assertEquals(new FacialArea(0, 0, 200, 160, whole.get(0).facialArea().leftEye(),
                whole.get(0).facialArea().rightEye()), whole.get(0).facialArea());
        assertEquals(0, whole.get(0).faceConfidence());
    }

    @Test
    void badInputsAndOptionsGiveSpecificErrors() {
        assertThrows(NotAnImageException.class,
                () -> Api.deepFace().represent(ImageInput.of("not an image".getBytes()), O));
        IllegalArgumentException model = assertThrows(IllegalArgumentException.class, () -> O.withModel("VGG-Face"));
        assertTrue(model.getMessage().contains("arcface-512"), model.getMessage());
        IllegalArgumentException det = assertThrows(IllegalArgumentException.class, () -> O.withDetector("mtcnn"));
        assertTrue(det.getMessage().contains("blazeface-back"), det.getMessage());
        assertThrows(IllegalArgumentException.class, () -> O.withMaxFaces(0));
        assertThrows(IllegalArgumentException.class, () -> O.withThreshold(2.5));
    }
}
