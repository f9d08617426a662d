package io.jdeepface.face.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.face.TestModels;
import io.jdeepface.face.align.FaceAligner;
import io.jdeepface.face.detect.UltraFaceDetector;
import io.jdeepface.face.image.Image;
import io.jdeepface.face.image.ImageDecoder;
import io.jdeepface.face.landmark.Landmark68Detector;
import io.jdeepface.face.models.FaceModels;
import io.jdeepface.face.verify.DistanceMetric;
import io.jdeepface.face.verify.Embedding;
import io.jdeepface.testdata.TestPackages;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FaceEmbedderTest {
    private static FaceEmbedder embedder;
    private static FaceExtractor extractor;

    @BeforeAll
    static void load() {
        FaceModels models = TestModels.models("landmark68", "ultraface-rfb-320", "arcface-512");
        embedder = FaceEmbedder.of(models);
        extractor = new FaceExtractor(new UltraFaceDetector(models.runner("ultraface-rfb-320")),
                new Landmark68Detector(models.runner("landmark68")), FaceAligner.arcFace());
    }

    private static List<Image> facesOf(String name) throws Exception {
        Image image = new ImageDecoder().decode(TestPackages.FACE_API.file("demo/" + name + ".jpg"));
        List<Image> faces = new ArrayList<>();
        for (ExtractedFace f : extractor.extractAll(image)) {
            faces.add(f.alignment().face());
        }
        return faces;
    }

    /**
     * The blonde woman on the right of sample1 (face 2 in detector order) is the one on the left of
     * sample3 (face 0): she must be closer to herself than to the other women of either photo.
     */
    @Test
    void samePersonIsCloserThanOthers() throws Exception {
        for (FaceEmbedder e : List.of(embedder, embedder.withFlip(true))) {
            List<Embedding> one = e.embed(facesOf("sample1"));
            List<Embedding> three = e.embed(facesOf("sample3"));
            double same = one.get(2).distanceTo(three.get(0), DistanceMetric.COSINE);
            for (Embedding other : List.of(one.get(0), one.get(1))) {
                assertTrue(same < other.distanceTo(three.get(0), DistanceMetric.COSINE), "vs sample1 other");
                assertTrue(same < other.distanceTo(one.get(2), DistanceMetric.COSINE), "vs sample1 other");
            }
            for (Embedding other : List.of(three.get(1), three.get(2))) {
                assertTrue(same < other.distanceTo(one.get(2), DistanceMetric.COSINE), "vs sample3 other");
                assertTrue(same < other.distanceTo(three.get(0), DistanceMetric.COSINE), "vs sample3 other");
            }
            assertTrue(same < 0.5, "same person cosine distance " + same);
        }
    }

    @Test
    void embeddingsAreUnitLength() throws Exception {
        Embedding e = embedder.embed(facesOf("sample1").get(0));
        assertEquals(FaceEmbedder.DIMENSION, e.dimension());
        assertTrue(e.normalized());
        double norm = 0;
        for (float v : e.values()) {
            norm += v * v;
        }
        assertEquals(1, norm, 1e-5);
    }

    @Test
    void batchEqualsSingle() throws Exception {
        assertTrue(embedder.dynamicBatch(), "arcface-512 has a dynamic batch");
        List<Image> faces = facesOf("sample1");
        faces.addAll(facesOf("sample2"));
        for (FaceEmbedder e : List.of(embedder, embedder.withFlip(true))) {
            List<Embedding> batch = e.embed(faces);
            for (int i = 0; i < faces.size(); i++) {
                float[] single = e.embed(faces.get(i)).values();
                float[] inBatch = batch.get(i).values();
                for (int k = 0; k < single.length; k++) {
                    assertEquals(single[k], inBatch[k], 1e-5, "face " + i + " value " + k);
                }
            }
        }
    }

    @Test
    void flipChangesValuesSlightly() throws Exception {
        Image face = facesOf("sample1").get(0);
        Embedding plain = embedder.embed(face);
        Embedding flipped = embedder.withFlip(true).embed(face);
        assertNotEquals(plain, flipped);
        double d = plain.distanceTo(flipped, DistanceMetric.COSINE);
        assertTrue(d > 1e-6 && d < 0.1, "cosine distance plain vs flip TTA " + d);
    }
}
