package io.jdeepface.face.models;

import io.jdeepface.engine.exec.Model;
import io.jdeepface.engine.exec.SessionOptions;
import io.jdeepface.engine.exec.SessionPool;
import io.jdeepface.engine.format.ModelHome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The installed models, each loaded once on first use and shared: {@code runner("arcface-512")}
 * maps the model file from the model home and returns a thread-safe runner over a session pool.
 * Names are the installer catalog's logical names. Thread-safe; close it to unmap everything.
 */
public final class FaceModels implements AutoCloseable {
    private final ModelHome home;
    private final SessionOptions options;
    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();

    private record Loaded(Model model, SessionPool pool, EngineModelRunner runner) {}

    public FaceModels(ModelHome home, SessionOptions options) {
        this.home = home;
        this.options = options;
    }

    public ModelHome home() {
        return home;
    }

    /** The runner for a logical model name; loads the model on first use. */
    public ModelRunner runner(String name) {
        return load(name).runner();
    }

    /** The loaded model itself (its inputs, outputs and metadata). */
    public Model model(String name) {
        return load(name).model();
    }

    /** The names of the models loaded so far, sorted. */
    public java.util.SortedSet<String> loadedNames() {
        return java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(loaded.keySet()));
    }

    private Loaded load(String name) {
        return loaded.computeIfAbsent(name, n -> {
            try {
                Model m = Model.load(home.requireModel(n));
                SessionPool pool = new SessionPool(m, options);
                return new Loaded(m, pool, new EngineModelRunner(pool));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public void close() {
        for (Loaded l : loaded.values()) {
            l.pool().close();
            l.model().close();
        }
        loaded.clear();
    }
}
