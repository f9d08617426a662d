package io.jdeepface.face.eval;

import io.jdeepface.face.models.FaceModels;

import io.jdeepface.face.embed.ExtractedFace;
import io.jdeepface.face.embed.FaceEmbedder;
import io.jdeepface.face.embed.FaceRecognizer;
import io.jdeepface.face.embed.FaceExtractor;
import io.jdeepface.face.image.Image;
import io.jdeepface.face.image.ImageDecoder;
import io.jdeepface.face.verify.DistanceMetric;
import io.jdeepface.face.verify.Embedding;
import io.jdeepface.face.verify.LabelledDistances;
import io.jdeepface.face.verify.ThresholdCalibration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Face-verification accuracy on LFW-style pairs. Per image: decode → detect (main face, or the
 * whole image when none is found) → 68 landmarks → five points → 112×112 ArcFace alignment →
 * embedding with and without flip TTA. Each image is embedded once and cached, since LFW images
 * recur in many pairs. Thread-safe.
 */
public final class LfwEvaluation {
    /** The false accept rate for {@link EvaluationReport#tarAtFar()}. */
    public static final double FAR = 1e-3;

    private final FaceExtractor extractor;
    private final FaceRecognizer recognizer;
    private final int threads;
    private final ImageDecoder decoder = new ImageDecoder();
    private final Map<Path, ImageEmbeddings> cache = new ConcurrentHashMap<>();

    public LfwEvaluation(FaceExtractor extractor, FaceRecognizer recognizer, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.extractor = extractor;
        this.recognizer = recognizer;
        this.threads = threads;
    }

    public int threads() {
        return threads;
    }

    /** Embeds every image not yet cached, on {@code threads} threads. */
    public void embedAll(Collection<Path> images, EvaluationProgress progress) {
        List<Path> todo = images.stream().distinct().filter(p -> !cache.containsKey(p)).toList();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lfw-embed");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Path p : todo) {
                futures.add(pool.submit(() -> {
                    cache.put(p, embedImage(p));
                    progress.imagesDone(done.incrementAndGet(), todo.size());
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("evaluation interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The embeddings of one image's main face (cached). */
    public ImageEmbeddings embeddings(Path image) {
        return cache.computeIfAbsent(image, this::embedImage);
    }

    private ImageEmbeddings embedImage(Path path) {
        Image image;
        try {
            image = decoder.decode(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        ExtractedFace face = extractor.extractMain(image);
        Image input = recognizer.input(image, face.box(), face.alignment().face());
        float[][] raw = recognizer.raw(List.of(input, input.flipHorizontal()));
        float[] sum = raw[0].clone();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += raw[1][i];
        }
        return new ImageEmbeddings(new Embedding(raw[0], recognizer.model(), false).l2Normalized(),
                new Embedding(sum, recognizer.model(), false).l2Normalized(), face.detected());
    }

    /** The pairs' distances and labels (embeds images not yet cached). */
    public LabelledDistances distances(PairsFile pairs, Path images, DistanceMetric metric, boolean flip) {
        double[] d = new double[pairs.pairs().size()];
        boolean[] same = new boolean[d.length];
        for (int i = 0; i < d.length; i++) {
            PairsFile.Pair p = pairs.pairs().get(i);
            Embedding a = embeddings(p.image1(images)).get(flip);
            Embedding b = embeddings(p.image2(images)).get(flip);
            d[i] = a.distanceTo(b, metric);
            same[i] = p.same();
        }
        return new LabelledDistances(d, same);
    }

    /** Images of {@code pairs} in which no face was detected. */
    public int failures(PairsFile pairs, Path images) {
        int n = 0;
        for (Path p : pairs.images(images)) {
            n += embeddings(p).detected() ? 0 : 1;
        }
        return n;
    }

    /** Embeds the pairs' images and reports accuracy, AUC, TAR@FAR and (for 10 sets) 10-fold accuracy. */
    public EvaluationReport evaluate(String dataset, PairsFile pairs, Path images, DistanceMetric metric, boolean flip,
                                     EvaluationProgress progress) {
        embedAll(pairs.images(images), progress);
        LabelledDistances d = distances(pairs, images, metric, flip);
        ThresholdCalibration.BestThreshold best = ThresholdCalibration.bestThreshold(d);
        ThresholdCalibration.CrossValidation cv = pairs.sets() == 10
                ? ThresholdCalibration.crossValidate(d, pairs.folds()) : null;
        return new EvaluationReport(dataset, metric, flip, d.size(), failures(pairs, images), best.accuracy(),
                best.threshold(), ThresholdCalibration.rocAuc(d), ThresholdCalibration.tarAtFar(d, FAR), cv);
    }

    /** The default pipeline over {@code models}: UltraFace → landmark68 → ArcFace alignment → arcface-512. */
    public static LfwEvaluation defaultPipeline(FaceModels models, int threads) {
        return pipeline(models, FaceEmbedder.MODEL, threads);
    }

    /** The default detection and alignment with the recognition model {@code model} ({@code arcface-512}, {@code faceres-1024}). */
    public static LfwEvaluation pipeline(FaceModels models, String model, int threads) {
        FaceExtractor extractor = new FaceExtractor(
                new io.jdeepface.face.detect.UltraFaceDetector(models.runner("ultraface-rfb-320")),
                new io.jdeepface.face.landmark.Landmark68Detector(models.runner(io.jdeepface.face.landmark.Landmark68Detector.MODEL)),
                io.jdeepface.face.align.FaceAligner.arcFace());
        return new LfwEvaluation(extractor, FaceRecognizer.of(models, model), threads);
    }
}
