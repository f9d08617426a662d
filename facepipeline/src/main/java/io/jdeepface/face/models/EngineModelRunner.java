package io.jdeepface.face.models;

import io.jdeepface.engine.exec.SessionPool;
import io.jdeepface.engine.tensor.Shape;
import io.jdeepface.engine.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link ModelRunner} on the jdeepface engine: one shared model, run through a session pool,
 * so the runner is safe to call from any number of threads.
 */
public final class EngineModelRunner implements ModelRunner {
    private final SessionPool pool;

    public EngineModelRunner(SessionPool pool) {
        this.pool = pool;
    }

    @Override
    public Map<String, float[]> run(String inputName, long[] shape, float[] input) {
        Map<String, Tensor> out = pool.run(Map.of(inputName, Tensor.ofFloats(new Shape(shape), input)));
        Map<String, float[]> result = new LinkedHashMap<>();
        out.forEach((name, t) -> result.put(name, t.toFloatArray()));
        return result;
    }
}
