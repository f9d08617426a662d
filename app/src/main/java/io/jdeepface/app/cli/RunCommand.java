package io.jdeepface.app.cli;

import io.jdeepface.engine.exec.Model;
import io.jdeepface.engine.exec.Session;
import io.jdeepface.engine.exec.SessionOptions;
import io.jdeepface.engine.tensor.NpyFile;
import io.jdeepface.engine.tensor.Tensor;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jdeepface run MODEL --input NAME=FILE.npy ... --output-dir DIR}: one inference. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a converted model (.jdm) on inputs from NumPy .npy files.",
            "Inputs are float32 or float64; each output is written as DIR/<output name>.npy",
            "(float32, little-endian, C order)."})
public final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The converted model file.")
    Path modelFile;

    @Option(names = "--input", required = true, paramLabel = "NAME=FILE.npy",
            description = "An input tensor; repeat for models with several inputs.")
    Map<String, Path> inputs = new LinkedHashMap<>();

    @Option(names = "--output-dir", required = true, paramLabel = "DIR", description = "Where outputs are written.")
    Path outputDir;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : inputs.entrySet()) {
            feeds.put(e.getKey(), NpyFile.read(e.getValue()));
        }
        Files.createDirectories(outputDir);
        try (Model model = Model.load(modelFile); Session session = model.newSession(engine.sessionOptions())) {
            Map<String, Tensor> outputs = session.run(feeds);
            for (Map.Entry<String, Tensor> e : outputs.entrySet()) {
                Path file = outputDir.resolve(OutputNames.fileName(e.getKey()) + ".npy");
                NpyFile.write(e.getValue(), file);
                out.printf("%s %s -> %s%n", e.getKey(), e.getValue().shape(), file);
            }
        }
        return ExitCodes.OK;
    }
}
