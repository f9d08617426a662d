package io.jdeepface.engine.exec;

import io.jdeepface.engine.tensor.Tensor;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A thread-safe way to run one model from many threads: each call borrows an idle session (or
 * makes one) and returns it afterwards, so at most as many sessions exist as calls ever ran at the
 * same time. The face pipeline keeps one pool per model.
 */
public final class SessionPool implements AutoCloseable {
    private final Model model;
    private final SessionOptions options;
    private final ConcurrentLinkedDeque<Session> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    public SessionPool(Model model, SessionOptions options) {
        this.model = model;
        this.options = options;
    }

    public Model model() {
        return model;
    }

    /** Same contract as {@link Session#run(Map)}; safe to call from any number of threads. */
    public Map<String, Tensor> run(Map<String, Tensor> inputs) {
        if (closed) {
            throw new IllegalStateException("session pool is closed");
        }
        Session s = idle.pollFirst();
        if (s == null) {
            s = model.newSession(options);
        }
        try {
            return s.run(inputs);
        } finally {
            if (closed) {
                s.close();
            } else {
                idle.addFirst(s);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Session s; (s = idle.pollFirst()) != null; ) {
            s.close();
        }
    }
}
