package io.jdeepface.face.detect;

import io.jdeepface.face.models.ModelRunner;
import io.jdeepface.testdata.OrtReference;
import io.jdeepface.testdata.TestPackages;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** ONNX Runtime as the {@link ModelRunner} of the tests. */
final class OrtRunner implements ModelRunner, AutoCloseable {
    private final OrtReference ort;

    OrtRunner(Path onnx) {
        try {
            ort = new OrtReference(onnx, 1);
        } catch (Exception e) {
            throw new IllegalStateException("cannot load " + onnx, e);
        }
    }

    static OrtRunner ultraFace() {
        return new OrtRunner(TestPackages.FACEPLUGIN.file("model/fr_detect.onnx"));
    }

    static OrtRunner blazeFaceBack() {
        return new OrtRunner(TestPackages.BLAZEFACE.file("ONNX/face_detection_back_256x256_barracuda.onnx"));
    }

    static OrtRunner blazeFaceFront() {
        return new OrtRunner(TestPackages.BLAZEFACE.file("ONNX/face_detection_front_128x128_barracuda.onnx"));
    }

    @Override
    public Map<String, float[]> run(String inputName, long[] shape, float[] input) {
        try {
            Map<String, float[]> out = new LinkedHashMap<>();
            ort.run(Map.of(inputName, new OrtReference.Value(shape, input))).forEach((k, v) -> out.put(k, v.values()));
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("ONNX Runtime failed", e);
        }
    }

    @Override
    public void close() throws Exception {
        ort.close();
    }
}
