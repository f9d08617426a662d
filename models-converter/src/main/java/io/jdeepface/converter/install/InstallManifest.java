package io.jdeepface.converter.install;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What is installed in a home and from what: for each model the digests of its source files, the
 * converter and format versions, and the size and digest of the converted file; for each sample its
 * digest. The installer skips an entry whose record still matches, which makes a second run a no-op.
 * Stored as {@code manifest.properties} in the home, rewritten atomically after every change. An
 * unreadable manifest is treated as empty: everything is installed again, nothing is lost.
 */
public final class InstallManifest {
    static final String FILE_NAME = "manifest.properties";
    private static final System.Logger LOG = System.getLogger(InstallManifest.class.getName());
    private static final String VERSION = "1";

    /** A converted model as installed. */
    public record ModelRecord(List<String> sourceDigests, ConverterVersion version, long size, String sha256) {
        public ModelRecord {
            sourceDigests = List.copyOf(sourceDigests);
        }
    }

    /** A sample photo as installed. */
    public record SampleRecord(String sha256, long size) {
    }

    private final Map<String, ModelRecord> models = new TreeMap<>();
    private final Map<String, SampleRecord> samples = new TreeMap<>();

    public static InstallManifest read(Path file) throws IOException {
        InstallManifest m = new InstallManifest();
        if (!Files.isRegularFile(file)) {
            return m;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
            if (!VERSION.equals(p.getProperty("manifest.version"))) {
                LOG.log(System.Logger.Level.WARNING, "ignoring {0}: unknown manifest version", file);
                return new InstallManifest();
            }
            for (String key : p.stringPropertyNames()) {
                if (key.startsWith("model.") && key.endsWith(".sources")) {
                    String name = key.substring(6, key.length() - 8);
                    String prefix = "model." + name + ".";
                    m.models.put(name, new ModelRecord(
                            Arrays.asList(p.getProperty(prefix + "sources").split(",")),
                            new ConverterVersion(p.getProperty(prefix + "converter"),
                                    Integer.parseInt(p.getProperty(prefix + "format"))),
                            Long.parseLong(p.getProperty(prefix + "size")),
                            p.getProperty(prefix + "sha256")));
                } else if (key.startsWith("sample.") && key.endsWith(".sha256")) {
                    String name = key.substring(7, key.length() - 7);
                    m.samples.put(name, new SampleRecord(p.getProperty(key),
                            Long.parseLong(p.getProperty("sample." + name + ".size"))));
                }
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            // NumberFormatException, bad escapes, a missing key: a damaged file, not a reason to stop.
            LOG.log(System.Logger.Level.WARNING, "ignoring damaged {0}: {1}", file, e.toString());
            return new InstallManifest();
        }
        return m;
    }

    public ModelRecord model(String name) {
        return models.get(name);
    }

    public SampleRecord sample(String name) {
        return samples.get(name);
    }

    public void putModel(String name, ModelRecord record) {
        models.put(name, record);
    }

    public void putSample(String name, SampleRecord record) {
        samples.put(name, record);
    }

    public void write(Path file) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# Written by 'jdeepface models install'; delete this file to force a full reinstall.\n");
        sb.append("manifest.version=").append(VERSION).append('\n');
        models.forEach((name, r) -> {
            String prefix = "model." + name + ".";
            sb.append(prefix).append("sources=").append(String.join(",", r.sourceDigests())).append('\n');
            sb.append(prefix).append("converter=").append(r.version().converter()).append('\n');
            sb.append(prefix).append("format=").append(r.version().format()).append('\n');
            sb.append(prefix).append("size=").append(r.size()).append('\n');
            sb.append(prefix).append("sha256=").append(r.sha256()).append('\n');
        });
        samples.forEach((name, r) -> {
            sb.append("sample.").append(name).append(".sha256=").append(r.sha256()).append('\n');
            sb.append("sample.").append(name).append(".size=").append(r.size()).append('\n');
        });
        AtomicFiles.writeString(file, sb.toString());
    }
}
