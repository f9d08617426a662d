package io.jdeepface.converter.passes;

import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.graph.ShapeInference;
import io.jdeepface.engine.ops.UnsupportedOperatorException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks that a graph uses only operators we support, and names every one that is not (with the
 * nodes using it) in one {@link UnsupportedOperatorException}. Two stages:
 *
 * <ul>
 *   <li>{@link #beforeSimplification()}: every op type the simplifier understands
 *       ({@link ShapeInference#supportedOps()}).</li>
 *   <li>{@link #afterSimplification()}: what the engine runs. The constant and shape ops
 *       ({@link #FOLDED_AWAY}) must be gone, and so must BatchNormalization with constant
 *       parameters; one that remains is reported with the reason.</li>
 * </ul>
 * A check is a pass that returns the graph unchanged when it passes.
 */
public final class UnsupportedOperators implements GraphPass {
    /** Ops the simplifier removes: constant folding, identity removal. */
    public static final Set<String> FOLDED_AWAY = Set.of("Constant", "ConstantOfShape", "Shape", "Gather",
            "Unsqueeze", "Squeeze", "Cast", "Identity", "Dropout");

    /** Ops a simplified graph may contain (BatchNormalization only with run-time parameters). */
    public static final Set<String> RUNTIME_OPS = runtimeOps();

    private final boolean simplified;

    private UnsupportedOperators(boolean simplified) {
        this.simplified = simplified;
    }

    public static UnsupportedOperators beforeSimplification() {
        return new UnsupportedOperators(false);
    }

    public static UnsupportedOperators afterSimplification() {
        return new UnsupportedOperators(true);
    }

    private static Set<String> runtimeOps() {
        Set<String> ops = new TreeSet<>(ShapeInference.supportedOps());
        ops.removeAll(FOLDED_AWAY);
        return java.util.Collections.unmodifiableSet(ops);
    }

    @Override
    public String name() {
        return simplified ? "check-runtime-operators" : "check-source-operators";
    }

    @Override
    public Graph apply(Graph g) {
        Map<String, List<String>> problems = new LinkedHashMap<>(); // "op: reason" -> node names
        for (Node n : g.nodes()) {
            String problem = problem(n, g);
            if (problem != null) {
                problems.computeIfAbsent(problem, k -> new java.util.ArrayList<>()).add(n.name());
            }
        }
        if (problems.isEmpty()) {
            return g;
        }
        StringBuilder sb = new StringBuilder("graph '" + g.name() + "' uses operators that are not supported"
                + (simplified ? " after simplification" : "") + ":");
        problems.forEach((problem, nodes) -> {
            sb.append("\n  ").append(problem).append(" (node").append(nodes.size() > 1 ? "s " : " ");
            sb.append(String.join(", ", nodes.subList(0, Math.min(5, nodes.size()))));
            sb.append(nodes.size() > 5 ? ", ... " + nodes.size() + " in all)" : ")");
        });
        throw new UnsupportedOperatorException(sb.toString());
    }

    private String problem(Node n, Graph g) {
        String op = n.opType();
        if (!ShapeInference.supportedOps().contains(op)) {
            return op + ": no implementation";
        }
        if (!simplified) {
            return null;
        }
        if (FOLDED_AWAY.contains(op)) {
            return op + ": left over after simplification; its value depends on run-time data "
                    + "(for example the dynamic batch size) so it could not be folded";
        }
        if (op.equals("BatchNormalization") && n.inputs().size() == 5
                && n.inputs().subList(1, 5).stream().allMatch(g.initializers()::containsKey)) {
            return op + ": has constant parameters but was not folded (training-mode outputs?)";
        }
        return null;
    }
}
