package io.jdeepface.converter.parity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.converter.ModelConverter;
import io.jdeepface.engine.exec.Model;
import io.jdeepface.engine.exec.Session;
import io.jdeepface.engine.exec.SessionOptions;
import io.jdeepface.engine.graph.ValueInfo;
import io.jdeepface.engine.simd.VectorSupport;
import io.jdeepface.engine.tensor.Shape;
import io.jdeepface.engine.tensor.Tensor;
import io.jdeepface.testdata.OrtReference;
import io.jdeepface.testdata.TestPackages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every ONNX model, converted and run by our engine, against ONNX Runtime on the original file:
 * random inputs and real photos, vector and scalar kernels, batch 1 and (where the converted model
 * has a dynamic batch) batch 3 against three single runs.
 */
class OnnxParityTest {
    @TempDir
    static Path dir;

    static Stream<Arguments> models() {
        List<Arguments> args = new ArrayList<>();
        for (String m : List.of("fr_detect", "fr_landmark", "fr_feature", "fr_liveness", "fr_age", "fr_gender",
                "fr_expression", "fr_pose", "fr_eye")) {
            args.add(Arguments.of(m, TestPackages.FACEPLUGIN.file("model/" + m + ".onnx"), false));
        }
        args.add(Arguments.of("blazeface-front",
                TestPackages.BLAZEFACE.file("ONNX/face_detection_front_128x128_barracuda.onnx"), true));
        args.add(Arguments.of("blazeface-back",
                TestPackages.BLAZEFACE.file("ONNX/face_detection_back_256x256_barracuda.onnx"), true));
        return args.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void matchesOnnxRuntime(String name, Path onnx, boolean nhwc) throws Exception {
        Path converted = dir.resolve(name + ".jdm");
        ModelConverter.write(ModelConverter.convert(onnx), converted);
        try (Model model = Model.load(converted); OrtReference ort = new OrtReference(onnx, 1)) {
            ValueInfo input = model.inputs().get(0);
            String ortInput = ort.session().getInputNames().iterator().next();
            long[] shape = ort.session().getInputInfo().get(ortInput).getInfo() instanceof ai.onnxruntime.TensorInfo ti
                    ? ti.getShape() : null;
            List<float[]> samples = List.of(ParityInputs.random(shape, 1), ParityInputs.photo(1, shape, nhwc),
                    ParityInputs.photo(4, shape, nhwc));
            List<SessionOptions> modes = new ArrayList<>(List.of(new SessionOptions(2, false)));
            if (VectorSupport.enabled()) {
                modes.add(new SessionOptions(2, true));
            }
            List<Map<String, OrtReference.Value>> refs = new ArrayList<>();
            for (float[] x : samples) {
                refs.add(ort.run(Map.of(ortInput, new OrtReference.Value(shape, x))));
            }
            for (SessionOptions mode : modes) {
                String label = name + (mode.vector() ? " vector" : " scalar");
                try (Session s = model.newSession(mode)) {
                    for (int i = 0; i < samples.size(); i++) {
                        Map<String, Tensor> ours = s.run(Map.of(input.name(), Tensor.ofFloats(new Shape(shape), samples.get(i))));
                        compare(label + " sample " + i, refs.get(i), ours, 1, 0);
                    }
                    if (input.shape().dim(0) == Shape.DYNAMIC) {
                        runBatched(label, s, input.name(), shape, samples, refs);
                    }
                }
            }
        }
    }

    private static void runBatched(String label, Session s, String input, long[] shape, List<float[]> samples,
                                   List<Map<String, OrtReference.Value>> refs) {
        int per = samples.get(0).length;
        float[] batch = new float[per * samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            System.arraycopy(samples.get(i), 0, batch, i * per, per);
        }
        long[] batchShape = shape.clone();
        batchShape[0] = samples.size();
        Map<String, Tensor> ours = s.run(Map.of(input, Tensor.ofFloats(new Shape(batchShape), batch)));
        for (int i = 0; i < samples.size(); i++) {
            compare(label + " batch item " + i, refs.get(i), ours, samples.size(), i);
        }
    }

    /** Compares item {@code item} of our batch-{@code batch} outputs with one reference run. */
    private static void compare(String label, Map<String, OrtReference.Value> ref, Map<String, Tensor> ours,
                                int batch, int item) {
        for (Map.Entry<String, OrtReference.Value> e : ref.entrySet()) {
            Tensor t = ours.get(e.getKey());
            assertTrue(t != null, label + ": missing output " + e.getKey() + " in " + ours.keySet());
            float[] all = t.toFloatArray();
            int per = all.length / batch;
            float[] mine = java.util.Arrays.copyOfRange(all, item * per, (item + 1) * per);
            long[] shape = t.shape().dims();
            shape[0] = shape[0] / batch;
            ParityCheck.assertClose(label + " output " + e.getKey(), e.getValue().shape(), e.getValue().values(),
                    shape, mine);
            if (e.getValue().values().length >= 128 && e.getKey().equals("output") && label.startsWith("fr_feature")) {
                double cos = ParityCheck.cosine(mine, e.getValue().values());
                assertTrue(cos >= ParityCheck.MIN_COSINE, label + ": embedding cosine " + cos);
            }
        }
    }
}
