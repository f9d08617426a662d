package io.jdeepface.engine.simd;

import java.lang.System.Logger.Level;

/**
 * Decides once, at class initialisation, whether the Vector API kernels may run (Lucene style).
 * They run when the module {@code jdk.incubator.vector} is readable and the system property
 * {@code jdeepface.simd} is not {@code scalar}; otherwise every operator uses its scalar reference
 * kernel and one log line says why. Classes that touch {@code jdk.incubator.vector} must only be
 * loaded after {@link #enabled()} returned true.
 */
public final class VectorSupport {
    /** System property: {@code scalar} forces the scalar kernels (tests use it to compare paths). */
    public static final String PROPERTY = "jdeepface.simd";

    private static final System.Logger LOG = System.getLogger(VectorSupport.class.getName());
    private static final String REASON;
    private static final boolean ENABLED;

    static {
        String reason = null;
        if ("scalar".equalsIgnoreCase(System.getProperty(PROPERTY, ""))) {
            reason = "system property " + PROPERTY + "=scalar";
        } else if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            reason = "module jdk.incubator.vector is not in the boot layer"
                    + " (start the JVM with --add-modules jdk.incubator.vector)";
        }
        ENABLED = reason == null;
        REASON = ENABLED ? "Vector API available" : reason;
        if (!ENABLED) {
            LOG.log(Level.INFO, "jdeepface uses scalar kernels: {0}", REASON);
        }
    }

    private VectorSupport() {}

    /** Whether the Vector API kernels are used by default. */
    public static boolean enabled() {
        return ENABLED;
    }

    /** A human-readable reason for the choice, for logs and {@code bench-model} output. */
    public static String reason() {
        return REASON;
    }
}
