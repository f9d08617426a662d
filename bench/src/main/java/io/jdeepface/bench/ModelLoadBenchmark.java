package io.jdeepface.bench;

import io.jdeepface.engine.exec.Model;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Time to get a model ready to run: {@link Model#load} maps the file, verifies its checksums and
 * structure, validates the graph and builds the default execution plan (kernels, packed weights).
 * The file is in the page cache after the first iteration, as it is for a server that restarts.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ModelLoadBenchmark {
    @Param({"fr_feature"})
    public String model;

    private Path file;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        file = BenchModels.jdm(model);
    }

    @Benchmark
    public int load() throws Exception {
        try (Model m = Model.load(file)) {
            return m.graph().nodes().size();
        }
    }
}
