package io.jdeepface.face.api;

import io.jdeepface.engine.exec.SessionOptions;
import io.jdeepface.engine.format.ModelHome;
import io.jdeepface.face.align.FaceAligner;
import io.jdeepface.face.align.FivePoints;
import io.jdeepface.face.align.Landmarks68;
import io.jdeepface.face.align.Point;
import io.jdeepface.face.attributes.AgeGender;
import io.jdeepface.face.attributes.ExpressionAnalyzer;
import io.jdeepface.face.attributes.EyeStateClassifier;
import io.jdeepface.face.attributes.FaceResAnalyzer;
import io.jdeepface.face.attributes.HeadPoseEstimator;
import io.jdeepface.face.detect.BlazeFaceDecoder;
import io.jdeepface.face.detect.BlazeFaceDetector;
import io.jdeepface.face.detect.FaceBox;
import io.jdeepface.face.detect.FaceDetector;
import io.jdeepface.face.detect.UltraFaceDetector;
import io.jdeepface.face.detect.WholeImageDetector;
import io.jdeepface.face.embed.FaceRecognizer;
import io.jdeepface.face.embed.FaceExtractor;
import io.jdeepface.face.errors.NoFaceDetectedException;
import io.jdeepface.face.errors.SpoofDetectedException;
import io.jdeepface.face.image.Image;
import io.jdeepface.face.image.ImageDecoder;
import io.jdeepface.face.landmark.Landmark68Detector;
import io.jdeepface.face.models.FaceModels;
import io.jdeepface.face.spoof.MiniFasNetSpoofDetector;
import io.jdeepface.face.spoof.SpoofScore;
import io.jdeepface.face.store.EmbeddingStore;
import io.jdeepface.face.store.IndexedFace;
import io.jdeepface.face.store.ProgressListener;
import io.jdeepface.face.store.RefreshSummary;
import io.jdeepface.face.store.StoreSettings;
import io.jdeepface.face.verify.Confidence;
import io.jdeepface.face.verify.DistanceMetric;
import io.jdeepface.face.verify.Embedding;
import io.jdeepface.face.verify.Thresholds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * DeepFace's API for the JVM: {@link #verify}, {@link #represent}, {@link #extractFaces},
 * {@link #analyze} and {@link #find}, each composing the pipeline's stages
 * (detect → 68 landmarks → five points → align → model) with the options of a {@link FaceOptions}.
 *
 * <p>Thread-safe: one instance serves any number of threads. Each model is loaded once, on first
 * use, through {@link FaceModels}; the stage adapters are stateless and cheap.
 *
 * <p>Errors: image problems are the decoder's {@link io.jdeepface.face.errors.ImageInputException}s
 * (checked, so the methods declare {@link IOException}); {@link NoFaceDetectedException} and
 * {@link SpoofDetectedException} are unchecked; bad options are {@link IllegalArgumentException}s
 * raised when the {@link FaceOptions} is made.
 */
public final class DeepFace implements AutoCloseable {
    /** The model of the {@code ultraface} detector. */
    static final String ULTRAFACE_MODEL = "ultraface-rfb-320";
    /** Names the preprocessing in the store settings, so a change of it invalidates stored embeddings. */
    private static final String NORMALIZATION = "rgb-127-128";

    private final FaceModels models;
    private final boolean ownsModels;
    private final ImageDecoder decoder;
    private final Thresholds thresholds;
    private final FaceAligner aligner = FaceAligner.arcFace();
    /** Open find databases, so a repeated find reads the store file once. */
    private final Map<StoreKey, EmbeddingStore> stores = new ConcurrentHashMap<>();

    private record StoreKey(Path folder, StoreSettings settings) {}

    /** Runs the second image's decode and detection in {@link #verify}; idle threads end after a minute. */
    private final ExecutorService sideThreads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "jdeepface-verify");
        t.setDaemon(true);
        return t;
    });

    private DeepFace(FaceModels models, boolean ownsModels, ImageDecoder decoder, Thresholds thresholds) {
        this.models = Objects.requireNonNull(models, "models");
        this.ownsModels = ownsModels;
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    }

    /** The facade over the models installed in {@code home}, with default session options. */
    public static DeepFace open(ModelHome home) {
        return open(home, SessionOptions.defaults());
    }

    /** The facade over the models installed in {@code home}; {@link #close} unloads them. */
    public static DeepFace open(ModelHome home, SessionOptions options) {
        return new DeepFace(new FaceModels(home, options), true, new ImageDecoder(), Thresholds.defaults());
    }

    /**
     * A facade over models someone else owns (and closes); {@link #close} leaves them loaded.
     *
     * @param decoder    decodes inputs (set its limits for untrusted uploads)
     * @param thresholds default verification thresholds, usually {@link Thresholds#defaults()}
     */
    public static DeepFace using(FaceModels models, ImageDecoder decoder, Thresholds thresholds) {
        return new DeepFace(models, false, decoder, thresholds);
    }

    /** {@link #using(FaceModels, ImageDecoder, Thresholds)} with the default decoder and thresholds. */
    public static DeepFace using(FaceModels models) {
        return using(models, new ImageDecoder(), Thresholds.defaults());
    }

    // ---- verify ----

    /**
     * Whether the main faces of two images are the same person. The main face of an image is, as
     * in {@link FaceExtractor#mainFace}, the largest detected face over the image's centre, else the
     * largest face (DeepFace compares every face pair and keeps the closest; choosing the main face
     * instead keeps a bystander from verifying a photo).
     *
     * @throws NoFaceDetectedException when detection is enforced and an image has no face
     * @throws SpoofDetectedException  when anti-spoofing is on and a compared face is spoofed
     */
    public VerifyResult verify(ImageInput img1, ImageInput img2, FaceOptions o) throws IOException {
        long start = System.nanoTime();
        double threshold = threshold(o);
        // The two images are independent until their embeddings: the second is decoded and its face
        // located on another thread meanwhile. Errors are reported as if done in order: img1's first.
        CompletableFuture<MainFace> second = CompletableFuture.supplyAsync(() -> mainFace(img2, o), sideThreads);
        MainFace a;
        try {
            a = mainFace(img1, o);
        } catch (RuntimeException e) {
            second.cancel(false);
            throw unwrapIo(e);
        }
        MainFace b;
        try {
            b = second.join();
        } catch (CompletionException e) {
            throw unwrapIo(e.getCause() instanceof RuntimeException re ? re : e);
        }
        FaceRecognizer r = recognizer(o);
        List<Embedding> e = r.embed(List.of(recognizerInput(r, a.image(), a.face()),
                recognizerInput(r, b.image(), b.face())), o.flip(), o.normalize());
        double distance = e.get(0).distanceTo(e.get(1), o.metric());
        return new VerifyResult(distance <= threshold, distance, threshold,
                Confidence.of(distance, threshold, o.metric()), o.model(), o.detector(), o.metric(), a.face().area(),
                b.face().area(), (System.nanoTime() - start) / 1e9);
    }

    /** An image and its main face. */
    private record MainFace(Image image, LocatedFace face) {}

    private MainFace mainFace(ImageInput input, FaceOptions o) {
        try {
            Image image = input.decode(decoder);
            return new MainFace(image, mainFace(image, o));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The checked exception a side thread had to wrap, or {@code e} itself. */
    private static IOException unwrapIo(RuntimeException e) throws IOException {
        if (e instanceof UncheckedIOException u) {
            return u.getCause();
        }
        throw e;
    }

    /** The threshold {@code o} applies: its override, else the default for its model and metric. */
    public double threshold(FaceOptions o) {
        if (o.hasThreshold()) {
            return o.threshold();
        }
        if (!o.normalize() && o.metric() == DistanceMetric.EUCLIDEAN) {
            throw new IllegalArgumentException("no calibrated euclidean threshold for unnormalised " + o.model()
                    + " embeddings: pass a threshold, or use euclidean_l2 (the same on normalised embeddings)");
        }
        return thresholds.require(o.model(), o.metric());
    }

    // ---- represent ----

    /**
     * The embedding of every face (at most {@link FaceOptions#maxFaces()}, the largest), in the
     * detector's order (by decreasing area when limited).
     */
    public List<Representation> represent(ImageInput img, FaceOptions o) throws IOException {
        Image image = img.decode(decoder);
        List<LocatedFace> faces = faces(image, o);
        requireReal(image, faces, o);
        List<Embedding> embeddings = embed(image, faces, o);
        List<Representation> out = new ArrayList<>(faces.size());
        for (int i = 0; i < faces.size(); i++) {
            LocatedFace f = faces.get(i);
            out.add(new Representation(embeddings.get(i).values(), f.area(), f.box().score()));
        }
        return out;
    }

    /**
     * {@link #represent(ImageInput, FaceOptions)} of several images, one list of faces per image in
     * order; the faces of all images are embedded together, in batches.
     */
    public List<List<Representation>> represent(List<ImageInput> images, FaceOptions o) throws IOException {
        List<List<LocatedFace>> faces = new ArrayList<>(images.size());
        List<Image> inputs = new ArrayList<>();
        FaceRecognizer r = recognizer(o);
        for (ImageInput img : images) {
            Image image = img.decode(decoder);
            List<LocatedFace> located = faces(image, o);
            requireReal(image, located, o);
            faces.add(located);
            for (LocatedFace f : located) {
                inputs.add(recognizerInput(r, image, f));
            }
        }
        List<Embedding> embeddings = inputs.isEmpty() ? List.of() : r.embed(inputs, o.flip(), o.normalize());
        List<List<Representation>> out = new ArrayList<>(images.size());
        int next = 0;
        for (List<LocatedFace> located : faces) {
            List<Representation> perImage = new ArrayList<>(located.size());
            for (LocatedFace f : located) {
                perImage.add(new Representation(embeddings.get(next++).values(), f.area(), f.box().score()));
            }
            out.add(perImage);
        }
        return out;
    }

    // ---- extractFaces ----

    /** Every face cut out (aligned unless {@link FaceOptions#align()} is off), with its spoof verdict if asked. */
    public List<FaceCrop> extractFaces(ImageInput img, FaceOptions o) throws IOException {
        Image image = img.decode(decoder);
        List<FaceCrop> out = new ArrayList<>();
        for (LocatedFace f : faces(image, o)) {
            Optional<SpoofScore> spoof = o.antiSpoofing() ? Optional.of(spoofDetector().check(image, f.box()))
                    : Optional.empty();
            Image crop = o.grayscale() ? gray(f.crop()) : f.crop();
            out.add(new FaceCrop(crop, f.area(), f.box().score(), spoof));
        }
        return out;
    }

    // ---- analyze ----

    /** The requested attributes of every face. */
    public List<FaceAnalysis> analyze(ImageInput img, Set<Action> actions, FaceOptions o) throws IOException {
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("no actions to analyze; choose from " + EnumSet.allOf(Action.class));
        }
        Set<Action> want = EnumSet.copyOf(actions);
        Image image = img.decode(decoder);
        List<LocatedFace> faces = faces(image, o);
        requireReal(image, faces, o);
        List<FaceAnalysis> out = new ArrayList<>(faces.size());
        for (LocatedFace f : faces) {
            AgeGender ag = want.contains(Action.AGE) || want.contains(Action.GENDER)
                    ? new FaceResAnalyzer(models.runner("faceres")).analyze(image, f.box()) : null;
            out.add(new FaceAnalysis(f.area(), f.box().score(),
                    want.contains(Action.AGE) ? ag.age() : null,
                    want.contains(Action.GENDER) ? ag.gender() : null,
                    want.contains(Action.EMOTION) ? new ExpressionAnalyzer(models.runner("emotion"))
                            .analyze(image, f.box()) : null,
                    want.contains(Action.POSE) ? new HeadPoseEstimator(models.runner("headpose"))
                            .estimate(image, f.box()) : null,
                    want.contains(Action.EYES) ? new EyeStateClassifier(models.runner("eye-state"))
                            .classify(image, f.landmarks()) : null,
                    want.contains(Action.LANDMARKS) ? f.landmarks() : null));
        }
        return out;
    }

    // ---- find ----

    /** {@link #find(ImageInput, Path, FaceOptions, ProgressListener)} without progress reports. */
    public List<List<Match>> find(ImageInput img, Path dbFolder, FaceOptions o) throws IOException {
        return find(img, dbFolder, o, ProgressListener.NONE);
    }

    /**
     * For each face of the query image, the database faces within the threshold, nearest first (at
     * most {@link FaceOptions#k()}). The database is every image under {@code dbFolder}; their
     * embeddings are kept in a store file in the folder and only new or changed images are
     * embedded again (with all their faces, by the same pipeline and options as the query). Database
     * images that cannot be read or, with detection enforced, show no face are skipped.
     */
    public List<List<Match>> find(ImageInput img, Path dbFolder, FaceOptions o, ProgressListener progress)
            throws IOException {
        double threshold = threshold(o);
        EmbeddingStore store = store(dbFolder, o);
        store.refresh(file -> index(file, o), progress);
        List<Representation> queries = represent(img, o);
        List<List<Match>> out = new ArrayList<>(queries.size());
        for (Representation q : queries) {
            List<Match> matches = new ArrayList<>();
            int k = Math.max(1, Math.min(o.k(), store.faceCount()));
            for (io.jdeepface.face.store.Match m : store.search(q.embedding(), o.metric(), k, threshold)) {
                matches.add(new Match(m.file().toString(), m.file(), targetArea(store, m), m.distance(), threshold,
                        Confidence.of(m.distance(), threshold, o.metric())));
            }
            out.add(matches);
        }
        return out;
    }

    /**
     * Brings the {@code find} store of {@code dbFolder} for options {@code o} up to date now (new,
     * changed and removed images), so that a later {@code find} with the same options only searches:
     * e.g. at a server's start.
     */
    public RefreshSummary index(Path dbFolder, FaceOptions o, ProgressListener progress) throws IOException {
        return store(dbFolder, o).refresh(file -> index(file, o), progress);
    }

    /** The models this facade has loaded so far (they load on first use). */
    public Set<String> loadedModels() {
        return models.loadedNames();
    }

    private EmbeddingStore store(Path folder, FaceOptions o) throws IOException {
        StoreSettings settings = new StoreSettings(o.flip() ? o.model() + "+flip" : o.model(),
                o.enforceDetection() ? o.detector() : o.detector() + "+whole-image",
                o.align() ? "arcface5-landmark68" : "none", o.normalize() ? NORMALIZATION + "+l2" : NORMALIZATION,
                o.expandPercentage());
        StoreKey key = new StoreKey(folder.toAbsolutePath().normalize(), settings);
        EmbeddingStore store = stores.get(key);
        if (store == null) {
            EmbeddingStore opened = EmbeddingStore.open(key.folder(), settings);
            store = Objects.requireNonNullElse(stores.putIfAbsent(key, opened), opened);
        }
        return store;
    }

    /** All faces of one database image, for the store. */
    private List<IndexedFace> index(Path file, FaceOptions o) throws IOException {
        Image image = decoder.decode(file);
        List<LocatedFace> faces;
        try {
            faces = faces(image, o.withMaxFaces(Integer.MAX_VALUE));
        } catch (NoFaceDetectedException e) {
            return List.of();
        }
        List<Embedding> embeddings = embed(image, faces, o);
        List<IndexedFace> out = new ArrayList<>(faces.size());
        for (int i = 0; i < faces.size(); i++) {
            LocatedFace f = faces.get(i);
            FivePoints five = f.landmarks().toFivePoints();
            FaceBox b = f.expanded();
            out.add(new IndexedFace(new io.jdeepface.face.store.FaceBox((float) b.x(), (float) b.y(),
                    (float) b.width(), (float) b.height()), five.leftEye(), five.rightEye(),
                    (float) f.box().score(), embeddings.get(i).values()));
        }
        return out;
    }

    /** The matched face's area with its eyes, looked up among the faces stored for its image. */
    private static FacialArea targetArea(EmbeddingStore store, io.jdeepface.face.store.Match m) {
        io.jdeepface.face.store.FaceBox b = m.box();
        Point left = null;
        Point right = null;
        for (IndexedFace f : store.faces(m.identity())) {
            if (f.box().equals(b)) {
                left = f.rightEye(); // image-right = the person's left
                right = f.leftEye();
                break;
            }
        }
        int x = Math.round(b.x());
        int y = Math.round(b.y());
        return new FacialArea(x, y, Math.round(b.x() + b.width()) - x, Math.round(b.y() + b.height()) - y, left,
                right);
    }

    // ---- the shared pipeline ----

    /** The faces of {@code image}: detected (or the whole image), limited to the largest maxFaces, located. */
    private List<LocatedFace> faces(Image image, FaceOptions o) {
        List<FaceBox> boxes = boxes(image, o);
        if (boxes.size() > o.maxFaces()) {
            boxes = boxes.stream().sorted(Comparator.comparingDouble(FaceBox::area).reversed())
                    .limit(o.maxFaces()).toList();
        }
        List<LocatedFace> out = new ArrayList<>(boxes.size());
        for (FaceBox box : boxes) {
            out.add(locate(image, box, o));
        }
        return out;
    }

    private LocatedFace mainFace(Image image, FaceOptions o) {
        LocatedFace f = locate(image, FaceExtractor.mainFace(boxes(image, o), image.width(), image.height()), o);
        requireReal(image, List.of(f), o);
        return f;
    }

    /** The detector's boxes, or the whole image when nothing is found and detection is not enforced. */
    private List<FaceBox> boxes(Image image, FaceOptions o) {
        List<FaceBox> boxes = detector(o.detector()).detect(image);
        if (boxes.isEmpty()) {
            if (o.enforceDetection()) {
                throw new NoFaceDetectedException(image.source(), o.detector());
            }
            return List.of(new FaceBox(0, 0, image.width(), image.height(), 0, null));
        }
        return boxes;
    }

    private LocatedFace locate(Image image, FaceBox box, FaceOptions o) {
        int w = image.width();
        int h = image.height();
        Landmarks68 landmarks = new Landmark68Detector(models.runner(Landmark68Detector.MODEL))
                .detect(image, box.squareOnHeight(w, h));
        FaceBox expanded = expand(box, o.expandPercentage()).clippedTo(w, h);
        Image crop;
        if (o.align()) {
            crop = aligner.align(image, landmarks.toFivePoints()).face();
        } else {
            // The reported area's whole pixels, so the crop is exactly the facial area.
            int x = (int) Math.round(expanded.x());
            int y = (int) Math.round(expanded.y());
            crop = image.crop(x, y, Math.max(1, (int) Math.round(expanded.right()) - x),
                    Math.max(1, (int) Math.round(expanded.bottom()) - y));
        }
        return new LocatedFace(box, expanded, landmarks, crop);
    }

    /** DeepFace's expand_percentage: the box grown by {@code percent} of its size, centred. */
    static FaceBox expand(FaceBox box, int percent) {
        if (percent == 0) {
            return box;
        }
        double dw = box.width() * percent / 100.0;
        double dh = box.height() * percent / 100.0;
        return new FaceBox(box.x() - dw / 2, box.y() - dh / 2, box.width() + dw, box.height() + dh, box.score(),
                box.keypoints());
    }

    private FaceDetector detector(String name) {
        return switch (name) {
            case "ultraface" -> new UltraFaceDetector(models.runner(ULTRAFACE_MODEL));
            case "blazeface-front" -> new BlazeFaceDetector(BlazeFaceDecoder.FRONT, models.runner("blazeface-front"));
            case "blazeface-back" -> new BlazeFaceDetector(BlazeFaceDecoder.BACK, models.runner("blazeface-back"));
            case "skip" -> new WholeImageDetector();
            default -> throw new IllegalArgumentException("unsupported detector '" + name + "'; supported: "
                    + FaceOptions.DETECTORS);
        };
    }

    private FaceRecognizer recognizer(FaceOptions o) {
        return FaceRecognizer.of(models, o.model());
    }

    private List<Embedding> embed(Image image, List<LocatedFace> faces, FaceOptions o) {
        if (faces.isEmpty()) {
            return List.of();
        }
        FaceRecognizer r = recognizer(o);
        return r.embed(faces.stream().map(f -> recognizerInput(r, image, f)).toList(), o.flip(), o.normalize());
    }

    private static Image recognizerInput(FaceRecognizer r, Image image, LocatedFace f) {
        return r.input(image, f.expanded(), f.crop());
    }

    private MiniFasNetSpoofDetector spoofDetector() {
        return new MiniFasNetSpoofDetector(models.runner("minifasnet"));
    }

    private void requireReal(Image image, List<LocatedFace> faces, FaceOptions o) {
        if (!o.antiSpoofing()) {
            return;
        }
        for (LocatedFace f : faces) {
            SpoofScore s = spoofDetector().check(image, f.box());
            if (!s.isReal()) {
                throw new SpoofDetectedException(image.source(), f.area().toString(), s.score());
            }
        }
    }

    /** ITU-R BT.601 luma in all three channels, as OpenCV's RGB→gray. */
    private static Image gray(Image image) {
        byte[] rgb = image.toRgbBytes();
        for (int i = 0; i < rgb.length; i += 3) {
            int y = (int) Math.round(0.299 * (rgb[i] & 0xff) + 0.587 * (rgb[i + 1] & 0xff)
                    + 0.114 * (rgb[i + 2] & 0xff));
            rgb[i] = rgb[i + 1] = rgb[i + 2] = (byte) y;
        }
        return Image.ofRgb(image.width(), image.height(), rgb, image.source());
    }

    /** Unloads the models when this facade loaded them ({@link #open}); otherwise does nothing. */
    @Override
    public void close() {
        sideThreads.shutdown();
        if (ownsModels) {
            models.close();
        }
    }
}
