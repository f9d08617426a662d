package io.jdeepface.engine.ops.layout;

import static io.jdeepface.engine.ops.KernelHarness.PARALLELS;
import static io.jdeepface.engine.ops.KernelHarness.assertBitsEqual;
import static io.jdeepface.engine.ops.KernelHarness.randomFloats;
import static io.jdeepface.engine.ops.KernelHarness.run;
import static io.jdeepface.engine.ops.KernelHarness.spec;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.graph.InvalidGraphException;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.KernelHarness;
import io.jdeepface.engine.tensor.DataType;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class ReshapeTest {

    @Test
    void reshapeLikeOpsCopyTheElementsInOrder() {
        float[] x = randomFloats(2 * 3 * 17, 1);
        Kernel[] kernels = {
                Reshape.create(spec("Reshape").input(2, 3, 17).input(DataType.INT64, 2).output(6, 17).build(true)),
                Reshape.create(spec("Flatten").input(2, 3, 17).output(2, 51).attr("axis", 1L).build(true)),
                Reshape.create(spec("Squeeze").input(2, 3, 1, 17).output(2, 3, 17).build(true)),
                Reshape.create(spec("Unsqueeze").input(2, 3, 17).output(1, 2, 3, 17).build(true)),
                Reshape.create(spec("Identity").input(2, 3, 17).output(2, 3, 17).build(true)),
        };
        for (Kernel k : kernels) {
            for (Parallel p : PARALLELS) {
                assertBitsEqual(x, run(k, p, x.length, x, null), "reshape copy");
            }
        }
    }

    @Test
    void largeCopiesSplitAndAliasedBuffersAreLeftAlone() {
        int splitsBefore = KernelHarness.splits();
        float[] x = randomFloats(1 << 19, 2);
        Kernel k = Reshape.create(spec("Reshape").input(1, 512, 1024).output(512, 1024).build(true));
        for (Parallel p : PARALLELS) {
            assertBitsEqual(x, run(k, p, x.length, x), "2 MB copy");
        }
        MemorySegment buf = KernelHarness.segment(x);
        k.run(new MemorySegment[] {buf}, new MemorySegment[] {buf}, Parallel.SEQUENTIAL);
        assertBitsEqual(x, KernelHarness.floats(buf, x.length), "aliased");
        KernelHarness.assertSplitSince(splitsBefore);
    }

    @Test
    void rejectsMismatchedCounts() {
        assertThrows(InvalidGraphException.class, () ->
                Reshape.create(spec("Reshape").input(2, 3).output(7).build(true)));
        assertThrows(InvalidGraphException.class, () ->
                Reshape.create(spec("Reshape").input(2, 3).output(DataType.INT64, 6).build(true)));
        assertThrows(InvalidGraphException.class, () ->
                Reshape.create(spec("Transpose").input(2, 3).output(6).build(true)));
    }
}
