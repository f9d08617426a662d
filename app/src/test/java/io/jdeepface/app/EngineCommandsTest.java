package io.jdeepface.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.app.cli.ExitCodes;
import io.jdeepface.engine.tensor.NpyFile;
import io.jdeepface.engine.tensor.Shape;
import io.jdeepface.engine.tensor.Tensor;
import io.jdeepface.testdata.TestPackages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** convert, inspect, run and bench-model on a real small model (fr_eye, 24×24 gray in, 2 classes out). */
class EngineCommandsTest {
    @TempDir
    Path tmp;

    @Test
    void convertInspectRunAndBench() throws Exception {
        Path onnx = TestPackages.FACEPLUGIN.file("model/fr_eye.onnx");
        Path jdm = tmp.resolve("eye.jdm");
        CliRun convert = CliRun.of("convert", onnx.toString(), jdm.toString());
        assertEquals(ExitCodes.OK, convert.code(), convert.err());
        assertTrue(Files.size(jdm) > 0);

        CliRun source = CliRun.of("inspect", onnx.toString());
        assertEquals(ExitCodes.OK, source.code(), source.err());
        assertTrue(source.out().contains("operators before simplification"), source.out());
        assertTrue(source.out().contains("Shape"), "the source graph still has its Shape chain: " + source.out());
        String after = source.out().substring(source.out().indexOf("operators after simplification"));
        assertTrue(!after.contains("Shape") && !after.contains("Gather"), after);

        CliRun ours = CliRun.of("inspect", jdm.toString());
        assertEquals(ExitCodes.OK, ours.code(), ours.err());
        assertTrue(ours.out().contains("jdeepface model file"), ours.out());
        assertTrue(ours.out().contains("multiply-accumulates"), ours.out());

        float[] x = new float[24 * 24];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 24) / 24f;
        }
        Path in = tmp.resolve("x.npy");
        NpyFile.write(Tensor.ofFloats(Shape.of(1, 1, 24, 24), x), in);
        Path outDir = tmp.resolve("out");
        CliRun vector = CliRun.of("run", jdm.toString(), "--input", "input=" + in, "--output-dir", outDir.toString());
        assertEquals(ExitCodes.OK, vector.code(), vector.err());
        Tensor y = NpyFile.read(outDir.resolve("output.npy"));
        assertEquals(Shape.of(1, 2), y.shape());
        CliRun scalar = CliRun.of("run", jdm.toString(), "--scalar", "--threads", "1", "--input", "input=" + in,
                "--output-dir", tmp.resolve("out2").toString());
        assertEquals(ExitCodes.OK, scalar.code(), scalar.err());
        assertArrayEquals(y.toFloatArray(), NpyFile.read(tmp.resolve("out2/output.npy")).toFloatArray(), 1e-5f);

        CliRun bench = CliRun.of("bench-model", jdm.toString(), "--threads", "1", "--warmup", "2", "--iterations", "5");
        assertEquals(ExitCodes.OK, bench.code(), bench.err());
        assertTrue(bench.out().contains("median") && bench.out().contains("p90"), bench.out());
    }

    @Test
    void badInputsGiveBadInputExitCode() throws Exception {
        Path garbage = Files.write(tmp.resolve("garbage.onnx"), new byte[] {0x0a, (byte) 0xff, 0x01});
        CliRun r = CliRun.of("convert", garbage.toString(), tmp.resolve("g.jdm").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().startsWith("jdeepface: "), r.err());

        Path notAModel = Files.write(tmp.resolve("x.jdm"), "hello".getBytes());
        CliRun r2 = CliRun.of("run", notAModel.toString(), "--input", "a=b.npy", "--output-dir", tmp.toString());
        assertEquals(ExitCodes.BAD_INPUT, r2.code(), r2.err());

        Path jdm = tmp.resolve("eye.jdm");
        assertEquals(ExitCodes.OK, CliRun.of("convert", TestPackages.FACEPLUGIN.file("model/fr_eye.onnx").toString(),
                jdm.toString()).code());
        Path in = tmp.resolve("wrong.npy");
        NpyFile.write(Tensor.ofFloats(Shape.of(1, 1, 2, 2), 1, 2, 3, 4), in);
        CliRun r3 = CliRun.of("run", jdm.toString(), "--input", "input=" + in, "--output-dir", tmp.resolve("o").toString());
        assertEquals(ExitCodes.BAD_INPUT, r3.code(), r3.err());
        assertTrue(r3.err().contains("shape"), r3.err());
    }
}
