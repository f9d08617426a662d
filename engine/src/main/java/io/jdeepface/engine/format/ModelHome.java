package io.jdeepface.engine.format;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The folder where installed models live, chosen in this order: an explicit path (a command-line
 * flag), the environment variable {@value #ENV}, then {@code ~/.jdeepface}. Layout:
 * <pre>
 *   models/   converted models, one {@code <logical-name>.jdm} each
 *   samples/  sample photos
 *   cache/    downloaded package tarballs
 * </pre>
 * It knows nothing about what the models compute; callers ask for a model by its logical name.
 */
public final class ModelHome {
    /** Environment variable that overrides the default home. */
    public static final String ENV = "JDEEPFACE_HOME";
    /** File extension of converted models. */
    public static final String MODEL_EXTENSION = ModelFormat.FILE_EXTENSION;

    /** Logical names are file-name safe: lower-case letters, digits and inner dashes. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");

    private final Path root;

    private ModelHome(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** A home at exactly this folder (it need not exist yet). */
    public static ModelHome at(Path root) {
        return new ModelHome(root);
    }

    /** The home for this process: {@code explicit} if not null, else {@value #ENV}, else {@code ~/.jdeepface}. */
    public static ModelHome resolve(Path explicit) {
        return resolve(explicit, System.getenv(), System.getProperty("user.home"));
    }

    /** {@link #resolve(Path)} with the environment and user home passed in (for tests). */
    public static ModelHome resolve(Path explicit, Map<String, String> env, String userHome) {
        if (explicit != null) {
            return new ModelHome(expandTilde(explicit.toString(), userHome));
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new ModelHome(expandTilde(fromEnv.strip(), userHome));
        }
        return new ModelHome(Path.of(userHome, ".jdeepface"));
    }

    /** A quoted {@code ~/x} reaches us unexpanded by the shell; treat it as the user's home. */
    private static Path expandTilde(String path, String userHome) {
        if (path.equals("~")) {
            return Path.of(userHome);
        }
        if (path.startsWith("~/")) {
            return Path.of(userHome, path.substring(2));
        }
        return Path.of(path);
    }

    public Path root() {
        return root;
    }

    public Path models() {
        return root.resolve("models");
    }

    public Path samples() {
        return root.resolve("samples");
    }

    public Path cache() {
        return root.resolve("cache");
    }

    /** Whether {@code name} can be a logical model name (and so a file name). */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** Where the converted model {@code name} is (or will be) stored: {@code models/<name>.jdm}. */
    public Path modelFile(String name) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("not a valid model name: '" + name
                    + "' (use lower-case letters, digits and dashes)");
        }
        return models().resolve(name + MODEL_EXTENSION);
    }

    public boolean isInstalled(String name) {
        return Files.isRegularFile(modelFile(name));
    }

    /** The converted model file, or an exception telling the user how to install it. */
    public Path requireModel(String name) throws NoSuchFileException {
        Path file = modelFile(name);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null,
                    "model '" + name + "' is not installed; run: bin/jdeepface models install " + name
                            + (root.equals(ModelHome.resolve(null).root) ? "" : " --home " + root));
        }
        return file;
    }

    @Override
    public String toString() {
        return root.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelHome other && other.root.equals(root);
    }

    @Override
    public int hashCode() {
        return root.hashCode();
    }
}
