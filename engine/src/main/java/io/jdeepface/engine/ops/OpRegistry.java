package io.jdeepface.engine.ops;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The one table from ONNX op type to the factory that builds its kernel. An op type not listed is
 * rejected with the list of what is supported.
 */
public final class OpRegistry {
    private static final Map<String, Function<KernelSpec, Kernel>> FACTORIES = Map.ofEntries(
    );

    private OpRegistry() {}

    public static Kernel create(KernelSpec spec) {
        Function<KernelSpec, Kernel> f = FACTORIES.get(spec.node().opType());
        if (f == null) {
            throw new UnsupportedOperatorException("operator '" + spec.node().opType() + "' (node '"
                    + spec.node().name() + "') is not supported by the engine; supported: " + supported());
        }
        return f.apply(spec);
    }

    public static Set<String> supported() {
        return new TreeSet<>(FACTORIES.keySet());
    }
}
