package io.jdeepface.engine.format;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Files written by hand with absurd counts, lengths and offsets but correct checksums: the reader
 * must refuse each with a specific message, without allocating what the file claims.
 */
class HostileFileTest {
    private static final int FLOAT32 = 1;
    private static final int INT = 1;
    private static final int INTS = 4;
    private static final int TENSOR = 6;

    /** Structure bytes, written field by field. */
    static final class Structure {
        final LittleEndianBuffer out = new LittleEndianBuffer();

        Structure str(String s) {
            return raw(s.getBytes(StandardCharsets.UTF_8));
        }

        Structure raw(byte[] utf8) {
            out.i32(utf8.length);
            out.bytes(utf8);
            return this;
        }

        Structure u32(long v) {
            out.i32((int) v);
            return this;
        }

        Structure u8(int v) {
            out.u8(v);
            return this;
        }

        /** Zero bytes, so that counts before them pass the remaining-bytes check. */
        Structure pad(int n) {
            out.bytes(new byte[n]);
            return this;
        }

        Structure i64(long v) {
            out.i64(v);
            return this;
        }

        /** Metadata with empty strings and no properties. */
        Structure metadata() {
            return str("").str("").str("").str("").u32(0);
        }

        Structure valueInfo(String name, long... dims) {
            str(name).u8(FLOAT32).u8(dims.length);
            for (long d : dims) {
                i64(d);
            }
            return this;
        }

        Structure tensor(String name, long offset, long length, long... dims) {
            return valueInfo(name, dims).i64(offset).i64(length);
        }

        /** A node with no attributes. */
        Structure node(String name, String op, String[] inputs, String... outputs) {
            str(name).str(op).u32(inputs.length);
            for (String i : inputs) {
                str(i);
            }
            u32(outputs.length);
            for (String o : outputs) {
                str(o);
            }
            return u32(0);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** Metadata, graph name, one input {@code x[1,4]}, one output {@code y[1,4]}. */
    private static Structure graphStart() {
        return new Structure().metadata().str("g").u32(1).valueInfo("x", 1, 4).u32(1).valueInfo("y", 1, 4);
    }

    private static void expect(byte[] structure, byte[] weights, String... fragments) {
        byte[] file = CraftedFile.assemble(structure, weights);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(file));
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' not in: " + e.getMessage());
        }
    }

    private static void expect(byte[] structure, String... fragments) {
        expect(structure, new byte[0], fragments);
    }

    @Test
    void aValidHandWrittenFileIsAccepted() throws Exception {
        // The baseline the hostile variants below deviate from.
        byte[] s = graphStart().u32(1).tensor("w", 0, 16, 4)
                .u32(1).node("add", "Add", new String[] {"x", "w"}, "y").u32(0).bytes();
        try (ModelFile f = ModelFile.read(CraftedFile.assemble(s, new byte[16]))) {
            assertTrue(f.graph().initializers().containsKey("w"));
        }
    }

    @Test
    void absurdCountsAreRejectedWithoutAllocating() {
        expect(graphStart().u32(0).u32(Integer.MAX_VALUE).bytes(), "node count 2147483647 exceeds the limit of 100000");
        expect(graphStart().u32(0xFFFF_FFFFL).bytes(), "initializer count 4294967295 exceeds");
        expect(graphStart().u32(0).u32(90_000).bytes(), "node count 90000 needs at least 1800000 bytes");
        expect(new Structure().metadata().str("g").u32(2_000_000_000).bytes(), "graph input count 2000000000");
        expect(new Structure().str("").str("").str("").str("").u32(Integer.MAX_VALUE).bytes(), "property count");
        expect(graphStart().u32(0).u32(1).str("n").str("Op").u32(9_999).pad(100).bytes(),
                "input count 9999 needs at least 39996 bytes but only 100 remain");
        expect(graphStart().u32(0).u32(1).str("n").str("Op").u32(0).u32(0).u32(0x7FFF_FFFF).bytes(),
                "attribute count 2147483647 exceeds");
        expect(graphStart().u32(0).u32(1).str("n").str("Op").u32(0).u32(0).u32(1).str("a").u8(INTS)
                .u32(Integer.MAX_VALUE).bytes(), "ints count 2147483647 exceeds the limit of 1000000");
        expect(graphStart().u32(0).u32(1).str("n").str("Op").u32(0).u32(0).u32(1).str("a").u8(INTS)
                .u32(999_999).bytes(), "ints count 999999 needs at least 7999992 bytes");
    }

    @Test
    void absurdStringLengthsAreRejected() {
        expect(new Structure().u32(0x8000_0000L).bytes(), "source name is 2147483648 bytes long, over the limit");
        expect(new Structure().metadata().u32(0xFFFF_FFFFL).bytes(), "graph name is 4294967295 bytes long");
        expect(new Structure().metadata().u32(60_000).bytes(), "graph name needs 60000 bytes but only 0 remain");
        expect(new Structure().metadata().raw(new byte[] {'a', (byte) 0xC3, '('}).bytes(),
                "graph name is not valid UTF-8");
        expect(new Structure().metadata().raw(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}).bytes(),
                "not valid UTF-8"); // an encoded lone surrogate
    }

    @Test
    void tensorOffsetsAndLengthsAreBoundsChecked() {
        byte[] weights = new byte[128];
        expect(graphStart().u32(1).tensor("w", 1L << 40, 16, 4).bytes(), weights,
                "tensor 'w': data offset 1099511627776 lies outside the weights section (0..128)");
        expect(graphStart().u32(1).tensor("w", -64, 16, 4).bytes(), weights, "data offset -64 lies outside");
        expect(graphStart().u32(1).tensor("w", 8, 16, 4).bytes(), weights, "data offset 8 is not a multiple of 64");
        expect(graphStart().u32(1).tensor("w", 64, Long.MAX_VALUE, 4).bytes(), weights,
                "runs past the end of the weights section");
        expect(graphStart().u32(1).tensor("w", 64, 65, 4).bytes(), weights, "data length 65 at offset 64 runs past");
        expect(graphStart().u32(1).tensor("w", 0, 12, 4).bytes(), weights,
                "data length 12 does not match FLOAT32[4] (16 bytes)");
        expect(graphStart().u32(1).tensor("w", 0, 0, 1L << 40, 1L << 40, 0).bytes(), weights, "overflows");
        expect(graphStart().u32(1).tensor("w", 0, 16, 1L << 62).bytes(), weights, "overflows");
    }

    @Test
    void overlappingTensorsAreRejected() {
        byte[] s = graphStart().u32(2).tensor("a", 0, 128, 32).tensor("b", 64, 16, 4).u32(0).u32(0).bytes();
        expect(s, new byte[256], "the data of tensor 'a' (bytes 0..128) overlaps the data of tensor 'b'");
    }

    @Test
    void shapesAndTypesAreChecked() {
        expect(new Structure().metadata().str("g").u32(1).str("x").u8(FLOAT32).u8(200).bytes(),
                "rank 200 exceeds the limit of 8");
        expect(new Structure().metadata().str("g").u32(1).str("x").u8(99).bytes(), "unknown data type code 99");
        expect(new Structure().metadata().str("g").u32(1).valueInfo("x", 1, -5).bytes(),
                "graph input #0 'x'", "dimension 1 is -5");
        expect(graphStart().u32(1).tensor("w", 0, 16, -1, 4).bytes(), new byte[64],
                "a tensor's dimensions must be >= 0");
        expect(graphStart().u32(0).u32(1).str("n").str("Op").u32(0).u32(0).u32(1).str("a").u8(77).pad(20).bytes(),
                "node #0 'n', attribute 'a'", "unknown attribute kind 77");
    }

    @Test
    void duplicateNamesAreRejected() {
        expect(graphStart().u32(2).tensor("w", 0, 16, 4).tensor("w", 64, 16, 4).bytes(), new byte[128],
                "initializer 'w' appears twice");
        expect(new Structure().str("").str("").str("").str("").u32(2).str("k").str("1").str("k").str("2").bytes(),
                "property 'k' appears twice");
        byte[] twoAttrs = graphStart().u32(0).u32(1).str("n").str("Op").u32(1).str("x").u32(1).str("y")
                .u32(2).str("a").u8(INT).i64(1).str("a").u8(INT).i64(2).u32(0).bytes();
        expect(twoAttrs, "attribute 'a' appears twice");
        byte[] twoInfos = graphStart().u32(0).u32(1).node("n", "Relu", new String[] {"x"}, "y")
                .u32(2).valueInfo("v", 1).valueInfo("v", 2).bytes();
        expect(twoInfos, "value info 'v' appears twice");
        byte[] twoOutputs = new Structure().metadata().str("g").u32(1).valueInfo("x", 1)
                .u32(2).valueInfo("y", 1).valueInfo("y", 1).u32(0)
                .u32(1).node("n", "Relu", new String[] {"x"}, "y").u32(0).bytes();
        expect(twoOutputs, "graph output 'y' is listed twice");
        byte[] twoInputs = new Structure().metadata().str("g").u32(2).valueInfo("x", 1).valueInfo("x", 1)
                .u32(0).u32(0).u32(0).u32(0).bytes();
        expect(twoInputs, "the graph in the file is invalid", "'x' is defined twice");
    }

    @Test
    void danglingReferencesAreRejected() {
        byte[] s = graphStart().u32(0).u32(1).node("n", "Add", new String[] {"x", "nowhere"}, "y").u32(0).bytes();
        expect(s, "the graph in the file is invalid", "reads 'nowhere'");
        byte[] neverComputed = graphStart().u32(0).u32(0).u32(0).bytes();
        expect(neverComputed, "graph output 'y' is never computed");
        byte[] tensorAttr = graphStart().u32(0).u32(1).str("c").str("Constant").u32(0).u32(1).str("y")
                .u32(1).str("value").u8(TENSOR).tensor("", 128, 16, 4).u32(0).bytes();
        expect(tensorAttr, new byte[64], "tensor '': data offset 128 lies outside", "node #0 'c', attribute 'value'");
    }

    @Test
    void trailingBytesInTheStructureAreRejected() {
        byte[] s = graphStart().u32(0).u32(1).node("n", "Relu", new String[] {"x"}, "y").u32(0).u8(0).bytes();
        expect(s, "1 unexpected bytes after the graph");
    }

    @Test
    void absurdHeaderFieldsAreRejected() {
        byte[] valid = CraftedFile.assemble(graphStart().u32(0).u32(1).node("n", "Relu", new String[] {"x"}, "y")
                .u32(0).bytes(), new byte[64]);
        expectHeader(CraftedFile.putLong(valid.clone(), ModelFormat.STRUCTURE_LENGTH_AT, 1L << 62),
                "structure section length 4611686018427387904 is outside");
        expectHeader(CraftedFile.putLong(valid.clone(), ModelFormat.STRUCTURE_LENGTH_AT, -1), "is outside");
        expectHeader(CraftedFile.putLong(valid.clone(), ModelFormat.WEIGHTS_OFFSET_AT, 1L << 50),
                "weights section offset 1125899906842624 must lie between");
        expectHeader(CraftedFile.putLong(valid.clone(), ModelFormat.WEIGHTS_OFFSET_AT, 64),
                "must lie between the end of the structure section");
        long weightsOffset = CraftedFile.getLong(valid, ModelFormat.WEIGHTS_OFFSET_AT);
        expectHeader(CraftedFile.putLong(valid.clone(), ModelFormat.WEIGHTS_OFFSET_AT, weightsOffset + 8),
                "is not a multiple of 64");
        expectHeader(CraftedFile.putLong(valid.clone(), ModelFormat.WEIGHTS_LENGTH_AT, 1L << 40),
                "does not reach the end of the file");
        expectHeader(CraftedFile.putLong(valid.clone(), ModelFormat.FILE_LENGTH_AT, Long.MAX_VALUE),
                "the header says the file has 9223372036854775807 bytes", "(truncated)");
        expectHeader(CraftedFile.putLong(valid.clone(), ModelFormat.FILE_LENGTH_AT, 64), "(trailing data)");
        expectHeader(CraftedFile.putInt(valid.clone(), ModelFormat.HEADER_LENGTH_AT, Integer.MAX_VALUE),
                "header length 2147483647 is not valid");
        expectHeader(CraftedFile.putInt(valid.clone(), ModelFormat.FLAGS_AT, 1), "reserved flags are 0x00000001");
    }

    @Test
    void checksumMismatchesNameTheSection() {
        byte[] valid = CraftedFile.assemble(graphStart().u32(0).u32(1).node("n", "Relu", new String[] {"x"}, "y")
                .u32(0).bytes(), new byte[64]);
        byte[] header = valid.clone();
        header[20] ^= 1;
        expectHeader(header, "header checksum mismatch");
        byte[] structure = valid.clone();
        structure[70] ^= 1;
        expectHeader(structure, "structure section checksum mismatch");
        byte[] weights = valid.clone();
        weights[weights.length - 1] ^= 1;
        expectHeader(weights, "weights section checksum mismatch");
    }

    private static void expectHeader(byte[] file, String... fragments) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(file));
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' not in: " + e.getMessage());
        }
    }
}
