package io.jdeepface.face.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jdeepface.face.image.Image;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class DeepFaceConcurrencyTest {
    private static final int THREADS = 8;
    private static final int PER_THREAD = 8;

    @Test
    void concurrentVerificationsMatchSequentialOnes() throws Exception {
        DeepFace api = Api.deepFace();
        FaceOptions o = FaceOptions.defaults();
        // Single-face crops from the demo photos: sample1's three faces and sample3's first.
        List<ImageInput> faces = new ArrayList<>();
        for (String sample : List.of("sample1", "sample3")) {
            Image photo = Api.demo(sample);
            List<Representation> reps = api.represent(ImageInput.of(photo), o);
            for (int i = 0; i < (sample.equals("sample1") ? 3 : 1); i++) {
                faces.add(ImageInput.of(Api.around(photo, reps.get(i).facialArea())));
            }
        }
        List<ImageInput[]> pairs = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            for (int j = i + 1; j < faces.size(); j++) {
                pairs.add(new ImageInput[] {faces.get(i), faces.get(j)});
            }
        }
        List<VerifyResult> expected = new ArrayList<>();
        for (ImageInput[] p : pairs) {
            expected.add(api.verify(p[0], p[1], o));
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<List<VerifyResult>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int offset = t;
                futures.add(pool.submit(() -> {
                    List<VerifyResult> got = new ArrayList<>();
                    for (int n = 0; n < PER_THREAD; n++) {
                        ImageInput[] p = pairs.get((offset + n) % pairs.size());
                        got.add(api.verify(p[0], p[1], o));
                    }
                    return got;
                }));
            }
            for (int t = 0; t < THREADS; t++) {
                List<VerifyResult> got = futures.get(t).get();
                for (int n = 0; n < PER_THREAD; n++) {
                    VerifyResult want = expected.get((t + n) % pairs.size());
                    VerifyResult r = got.get(n);
                    assertEquals(want.verified(), r.verified());
                    assertEquals(want.distance(), r.distance(), 1e-6, "thread " + t + " pair " + n);
                    assertEquals(want.img1Area(), r.img1Area());
                    assertEquals(want.img2Area(), r.img2Area());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        // The pair of the same woman is among them, so both answers occur.
        assertEquals(true, expected.stream().anyMatch(VerifyResult::verified));
        assertEquals(true, expected.stream().anyMatch(r -> !r.verified()));
    }
}
