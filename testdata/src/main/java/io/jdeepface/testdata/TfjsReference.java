package io.jdeepface.testdata;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TensorFlow.js itself (tfjs-core, -backend-cpu and -converter 4.22.0: pure JavaScript under Node),
 * installed with npm into the test cache on first use: the reference for TF.js parity tests.
 */
public final class TfjsReference {
    private static final String VERSION = "4.22.0";
    private static final String[] PACKAGES = {
        "@tensorflow/tfjs-core@" + VERSION, "@tensorflow/tfjs-backend-cpu@" + VERSION,
        "@tensorflow/tfjs-converter@" + VERSION};

    /** One input: NHWC (or whatever the model takes) shape and row-major values. */
    public record Input(long[] shape, float[] values) {}

    /** One output as TF.js computed it. */
    public record Output(String name, long[] shape, float[] values) {}

    private TfjsReference() {}

    /** Runs {@code modelJson} on the inputs and returns every model output, in model order. */
    public static synchronized List<Output> run(Path modelJson, Map<String, Input> inputs) throws IOException {
        Path runner = ensureInstalled();
        Path work = Files.createTempDirectory("tfjs-run");
        StringBuilder req = new StringBuilder("{\"inputs\": {");
        int i = 0;
        for (Map.Entry<String, Input> e : inputs.entrySet()) {
            Path f = work.resolve("in" + i + ".f32");
            ByteBuffer bb = ByteBuffer.allocate(e.getValue().values().length * 4).order(ByteOrder.LITTLE_ENDIAN);
            bb.asFloatBuffer().put(e.getValue().values());
            Files.write(f, bb.array());
            req.append(i++ > 0 ? ", " : "").append('"').append(e.getKey()).append("\": {\"shape\": ")
                    .append(java.util.Arrays.toString(e.getValue().shape())).append(", \"file\": \"")
                    .append(f.toAbsolutePath()).append("\"}");
        }
        req.append("}, \"outputs\": []}");
        Path reqFile = work.resolve("request.json");
        Files.writeString(reqFile, req);
        Path script = runner.resolve("tfjs-run.js");
        TestPackages.run(runner, Map.of("NODE_PATH", runner.resolve("node_modules").toString()),
                "node", script.toString(), modelJson.toAbsolutePath().toString(), reqFile.toString(), work.toString());
        String result = Files.readString(work.resolve("result.json"));
        List<Output> outs = new ArrayList<>();
        Matcher m = Pattern.compile("\\{\"name\":\"([^\"]*)\",\"shape\":\\[([^\\]]*)\\],\"file\":\"([^\"]*)\"\\}")
                .matcher(result);
        while (m.find()) {
            long[] shape = m.group(2).isBlank() ? new long[0]
                    : java.util.Arrays.stream(m.group(2).split(",")).mapToLong(s -> Long.parseLong(s.strip())).toArray();
            byte[] data = Files.readAllBytes(Path.of(m.group(3)));
            float[] values = new float[data.length / 4];
            ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            outs.add(new Output(m.group(1), shape, values));
        }
        return outs;
    }

    private static Path ensureInstalled() throws IOException {
        Path dir = TestPackages.cacheDir().resolve("tfjs-runner-" + VERSION);
        Files.createDirectories(dir);
        try (InputStream in = TfjsReference.class.getResourceAsStream("tfjs-run.js")) {
            Files.write(dir.resolve("tfjs-run.js"), in.readAllBytes());
        }
        if (!Files.isDirectory(dir.resolve("node_modules/@tensorflow/tfjs-converter"))) {
            if (!Files.exists(dir.resolve("package.json"))) {
                Files.writeString(dir.resolve("package.json"), "{\"name\": \"tfjs-runner\", \"private\": true}\n");
            }
            List<String> cmd = new ArrayList<>(List.of("npm", "install", "--no-audit", "--no-fund", "--silent"));
            cmd.addAll(List.of(PACKAGES));
            TestPackages.run(dir, Map.of(), cmd.toArray(new String[0]));
        }
        return dir;
    }
}
