package io.jdeepface.face.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.face.TestModels;
import io.jdeepface.face.verify.DistanceMetric;
import io.jdeepface.testdata.TestPackages;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The evaluation on 20 pairs of LFW View 1 DevTest (10 same, 10 different); the full run is
 * {@link LfwEvaluation#defaultPipeline}. Skipped when the shared dataset is absent.
 */
class LfwEvaluationTest {
    @Test
    void twentyPairsAreMostlyRight() throws Exception {
        Path lfw = TestPackages.sharedDataset("lfw-view1");
        Assumptions.assumeTrue(lfw != null, "shared dataset lfw-view1 not present next to the repository");
        PairsFile pairs = PairsFile.read(lfw.resolve("pairsDevTest.txt")).sample(10);
        Path images = lfw.resolve("images");
        LfwEvaluation evaluation = LfwEvaluation.defaultPipeline(
                TestModels.models("landmark68", "ultraface-rfb-320", "arcface-512"), 2);
        AtomicInteger calls = new AtomicInteger();
        EvaluationReport plain = evaluation.evaluate("sample", pairs, images, DistanceMetric.COSINE, false,
                (done, total) -> calls.incrementAndGet());
        int imageCount = pairs.images(images).size();
        assertEquals(imageCount, calls.get(), "one progress call per image");
        EvaluationReport flip = evaluation.evaluate("sample", pairs, images, DistanceMetric.COSINE, true,
                (done, total) -> calls.incrementAndGet());
        assertEquals(imageCount, calls.get(), "the flip run reuses the cached embeddings");
        for (EvaluationReport r : new EvaluationReport[] {plain, flip}) {
            assertEquals(20, r.pairs());
            assertTrue(r.bestAccuracy() >= 0.9, r.summary());
            assertTrue(r.rocAuc() >= 0.9, r.summary());
            assertTrue(r.threshold() > 0 && r.threshold() < 1, r.summary());
            assertTrue(r.failures() <= 2, r.summary());
        }
    }
}
