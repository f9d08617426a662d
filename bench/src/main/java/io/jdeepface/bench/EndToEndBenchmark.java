package io.jdeepface.bench;

import io.jdeepface.engine.exec.SessionOptions;
import io.jdeepface.engine.simd.VectorSupport;
import io.jdeepface.face.api.DeepFace;
import io.jdeepface.face.api.FaceOptions;
import io.jdeepface.face.api.ImageInput;
import io.jdeepface.face.api.VerifyResult;
import io.jdeepface.testdata.TestPackages;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The face API end to end (JPEG decoding, detection, landmarks, alignment, embedding), warm, on
 * the sample photos of {@code @vladmandic/face-api} scaled to about one megapixel and written as
 * JPEG files: {@code verify} of two photos with 2-thread sessions, and {@code represent}
 * throughput with two callers on 1-thread sessions, in faces per second (the {@code faces}
 * counter). Each state's setup runs its call until the JIT has compiled it ({@link WarmUp}).
 */
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 4, time = 2)
public class EndToEndBenchmark {
    static final long MEGAPIXEL = 1_000_000;

    /** The sample photos at about 1 MP, written once under {@code bench/target/photos}. */
    static List<Path> photos() throws IOException {
        Path dir = TestPackages.repoRoot().resolve("bench/target/photos");
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            Path target = dir.resolve("sample" + i + "-1mp.jpg");
            if (!Files.exists(target)) {
                BufferedImage src = ImageIO.read(TestPackages.FACE_API.file("demo/sample" + i + ".jpg").toFile());
                double scale = Math.sqrt((double) MEGAPIXEL / ((long) src.getWidth() * src.getHeight()));
                int w = (int) Math.round(src.getWidth() * scale);
                int h = (int) Math.round(src.getHeight() * scale);
                BufferedImage dst = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = dst.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
                g.drawImage(src, 0, 0, w, h, null);
                g.dispose();
                Path tmp = Files.createTempFile(dir, "sample", ".tmp");
                ImageIO.write(dst, "jpg", tmp.toFile());
                Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            out.add(target);
        }
        return out;
    }

    static DeepFace open(int threads) throws IOException {
        for (String name : List.of("fr_detect", "fr_landmark", "fr_feature")) {
            BenchModels.jdm(name);
        }
        return DeepFace.open(BenchModels.home(), new SessionOptions(threads, VectorSupport.enabled()));
    }

    /** verify: one caller, 2-thread sessions; the first two photos with a face. */
    @State(Scope.Benchmark)
    public static class VerifyState {
        DeepFace deepFace;
        ImageInput a;
        ImageInput b;

        @Setup(Level.Trial)
        public void setup() throws Exception {
            deepFace = open(2);
            List<ImageInput> withFace = new ArrayList<>();
            for (Path p : photos()) {
                if (withFace.size() < 2 && !deepFace.represent(ImageInput.of(p), FaceOptions.defaults().withEnforceDetection(false))
                        .isEmpty()) {
                    withFace.add(ImageInput.of(p));
                }
            }
            if (withFace.size() < 2) {
                throw new IllegalStateException("fewer than two sample photos have a detected face");
            }
            a = withFace.get(0);
            b = withFace.get(1);
            WarmUp.untilSteady("verify", () -> deepFace.verify(a, b, FaceOptions.defaults()));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            deepFace.close();
        }
    }

    /** represent: two callers sharing one facade with 1-thread sessions; the photo with the most faces. */
    @State(Scope.Benchmark)
    public static class RepresentState {
        DeepFace deepFace;
        ImageInput photo;

        @Setup(Level.Trial)
        public void setup() throws Exception {
            deepFace = open(1);
            int best = 0;
            for (Path p : photos()) {
                int faces = deepFace.represent(ImageInput.of(p), FaceOptions.defaults().withEnforceDetection(false)).size();
                if (faces > best) {
                    best = faces;
                    photo = ImageInput.of(p);
                }
            }
            if (photo == null) {
                throw new IllegalStateException("no face detected in any sample photo");
            }
            WarmUp.untilSteady("represent", () -> deepFace.represent(photo, FaceOptions.defaults()));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            deepFace.close();
        }
    }

    /** Faces embedded, reported by JMH as a rate next to the calls per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class FaceCounter {
        public long faces;

        @Setup(Level.Iteration)
        public void reset() {
            faces = 0;
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public VerifyResult verify(VerifyState s) throws IOException {
        return s.deepFace.verify(s.a, s.b, FaceOptions.defaults());
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(2)
    public int represent(RepresentState s, FaceCounter counter) throws IOException {
        int n = s.deepFace.represent(s.photo, FaceOptions.defaults()).size();
        counter.faces += n;
        return n;
    }
}
