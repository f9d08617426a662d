package io.jdeepface.app.cli;

import io.jdeepface.converter.ModelConverter;
import io.jdeepface.converter.stats.GraphStats;
import io.jdeepface.engine.format.ModelFile;
import io.jdeepface.engine.format.ModelFormat;
import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.ModelMetadata;
import io.jdeepface.engine.graph.ValueInfo;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jdeepface inspect FILE}: what a model takes and computes. For a source model (ONNX or
 * TF.js) it converts in memory and shows the graph before and after simplification; for one of
 * our model files it shows the stored graph and where it came from.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Show a model's inputs, outputs, operators, parameters and multiply-accumulates.",
            "Operator counts are given before and after simplification for ONNX and TF.js sources.",
            "FILE is an .onnx file, a TF.js model.json or a jdeepface model file (.jdm)."})
public final class InspectCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The model to inspect.")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (isOurFormat(file)) {
            try (ModelFile mf = ModelFile.open(file)) {
                out.printf("%s: jdeepface model file, format %s%n", file, mf.formatVersion());
                printMetadata(out, mf.metadata());
                printGraph(out, mf.graph(), "operators");
            }
        } else {
            ModelConverter.Result r = ModelConverter.convert(file);
            out.printf("%s: %s source model%n", file, r.metadata().sourceFormat().toUpperCase(Locale.ROOT));
            printMetadata(out, r.metadata());
            printOps(out, "operators before simplification", r.original());
            printGraph(out, r.simplified(), "operators after simplification");
        }
        return ExitCodes.OK;
    }

    static boolean isOurFormat(Path file) throws java.io.IOException {
        byte[] magic = ModelFormat.magic();
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(magic.length), magic);
        }
    }

    private static void printMetadata(PrintWriter out, ModelMetadata m) {
        if (!m.sourceName().isEmpty()) {
            out.printf("  source: %s (%s), sha256 %s%n", m.sourceName(), m.sourceFormat(), m.sourceSha256());
        }
        if (!m.converterVersion().isEmpty()) {
            out.printf("  converter: %s%n", m.converterVersion());
        }
        new java.util.TreeMap<>(m.properties()).forEach((k, v) -> out.printf("  %s: %s%n", k, v));
    }

    private static void printGraph(PrintWriter out, Graph g, String opsTitle) {
        out.println("inputs:");
        for (ValueInfo v : g.inputs()) {
            out.printf("  %-24s %s %s%n", v.name(), v.type(), v.shape());
        }
        out.println("outputs:");
        for (ValueInfo v : g.outputs()) {
            ValueInfo known = g.valueInfo(v.name()).orElse(v);
            out.printf("  %-24s %s %s%n", v.name(), known.type(), known.shape());
        }
        printOps(out, opsTitle, g);
        GraphStats stats = GraphStats.of(g);
        out.printf("parameters: %s%n", grouped(stats.parameterCount()));
        out.printf("multiply-accumulates: %s per image (%.3f GMAC)%n", grouped(stats.totalMacs()),
                stats.totalMacs() / 1e9);
    }

    private static void printOps(PrintWriter out, String title, Graph g) {
        out.printf("%s (%d nodes):%n", title, g.nodes().size());
        for (Map.Entry<String, Integer> e : g.opCounts().entrySet()) {
            out.printf("  %-22s %5d%n", e.getKey(), e.getValue());
        }
    }

    static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
