package io.jdeepface.app.cli;

import io.jdeepface.converter.ModelConverter;
import io.jdeepface.converter.stats.GraphStats;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jdeepface convert IN OUT}: an ONNX file or TF.js model.json into our model format. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Convert an ONNX or TF.js graph model into a jdeepface model file (.jdm).",
            "IN is an .onnx file or a TF.js model.json with its .bin shards beside it; the output has a",
            "simplified graph, static shapes and 64-byte aligned weights."})
public final class ConvertCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "The .onnx file or the TF.js model.json.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "The model file to write (replaced atomically).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        ModelConverter.Result r = ModelConverter.convert(in);
        ModelConverter.write(r, out);
        GraphStats before = GraphStats.of(r.original());
        GraphStats after = GraphStats.of(r.simplified());
        w.printf("converted %s -> %s: %d -> %d nodes, %s parameters, %s MACs%n", in, out,
                r.original().nodes().size(), r.simplified().nodes().size(),
                InspectCommand.grouped(after.parameterCount()), InspectCommand.grouped(after.totalMacs()));
        if (before.parameterCount() != after.parameterCount()) {
            w.printf("  (parameters before simplification: %s)%n", InspectCommand.grouped(before.parameterCount()));
        }
        return ExitCodes.OK;
    }
}
