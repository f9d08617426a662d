package io.jdeepface.app.server;

/**
 * Called on the worker thread just before a face route's work: lets tests hold a request in
 * flight (to observe the concurrency limit, the timeout and graceful shutdown). No-op in service.
 */
@FunctionalInterface
interface WorkProbe {
    WorkProbe NONE = route -> { };

    void beforeWork(String route) throws InterruptedException;
}
