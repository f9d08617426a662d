package io.jdeepface.converter.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.converter.ModelConverter;
import io.jdeepface.engine.exec.Model;
import io.jdeepface.engine.exec.Session;
import io.jdeepface.engine.exec.SessionOptions;
import io.jdeepface.engine.graph.ValueInfo;
import io.jdeepface.engine.simd.VectorSupport;
import io.jdeepface.engine.tensor.Shape;
import io.jdeepface.engine.tensor.Tensor;
import io.jdeepface.testdata.TestPackages;
import io.jdeepface.testdata.TfjsReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The seven TF.js face models of @vladmandic/human, converted and run by our engine, against
 * TensorFlow.js itself (pure-JS CPU backend under Node): random inputs and real photos, vector and
 * scalar kernels. Inputs keep TF's NHWC interface.
 */
class TfjsParityTest {
    @TempDir
    static Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"faceres", "emotion", "antispoof", "liveness", "blazeface", "facemesh", "iris"})
    void matchesTensorFlowJs(String name) throws Exception {
        Path json = TestPackages.HUMAN.file("models/" + name + ".json");
        Path converted = dir.resolve(name + ".jdm");
        ModelConverter.write(ModelConverter.convert(json), converted);
        try (Model model = Model.load(converted)) {
            ValueInfo input = model.inputs().get(0);
            long[] shape = input.shape().dims();
            shape[0] = 1;
            List<float[]> samples = List.of(ParityInputs.random(shape, 7), ParityInputs.photo(2, shape, true));
            List<List<TfjsReference.Output>> refs = new ArrayList<>();
            for (float[] x : samples) {
                refs.add(TfjsReference.run(json, Map.of(input.name(), new TfjsReference.Input(shape, x))));
            }
            List<SessionOptions> modes = new ArrayList<>(List.of(new SessionOptions(2, false)));
            if (VectorSupport.enabled()) {
                modes.add(new SessionOptions(2, true));
            }
            for (SessionOptions mode : modes) {
                try (Session s = model.newSession(mode)) {
                    for (int i = 0; i < samples.size(); i++) {
                        Map<String, Tensor> ours = s.run(Map.of(input.name(), Tensor.ofFloats(new Shape(shape), samples.get(i))));
                        String label = name + (mode.vector() ? " vector" : " scalar") + " sample " + i;
                        assertEquals(refs.get(i).size(), ours.size(), label + ": output count " + ours.keySet());
                        for (TfjsReference.Output ref : refs.get(i)) {
                            Tensor t = ours.get(ref.name());
                            assertTrue(t != null, label + ": no output named " + ref.name() + " in " + ours.keySet());
                            ParityCheck.assertClose(label + " output " + ref.name(), ref.shape(), ref.values(),
                                    t.shape().dims(), t.toFloatArray());
                        }
                    }
                }
            }
        }
    }
}
