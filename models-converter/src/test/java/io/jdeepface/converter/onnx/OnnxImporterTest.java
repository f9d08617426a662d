package io.jdeepface.converter.onnx;

import static io.jdeepface.converter.onnx.OnnxProtos.attr;
import static io.jdeepface.converter.onnx.OnnxProtos.floatTensor;
import static io.jdeepface.converter.onnx.OnnxProtos.identityGraph;
import static io.jdeepface.converter.onnx.OnnxProtos.model;
import static io.jdeepface.converter.onnx.OnnxProtos.node;
import static io.jdeepface.converter.onnx.OnnxProtos.tensor;
import static io.jdeepface.converter.onnx.OnnxProtos.valueInfo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.converter.protobuf.ProtoWriter;
import io.jdeepface.engine.format.ModelFormatException;
import io.jdeepface.engine.graph.Attribute;
import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.graph.ValueInfo;
import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnnxImporterTest {

    @Test
    void decodesAModelWithInitializerInputsAndAConstantNode() throws Exception {
        ProtoWriter constant = tensor("", OnnxProtos.INT64).bytes(9, new byte[] {5, 0, 0, 0, 0, 0, 0, 0});
        ProtoWriter graph = new ProtoWriter()
                .message(1, node("Mul", List.of("X", "W"), List.of("Y")))
                .message(1, node("Constant", List.of(), List.of("C"), attr("value", 4).message(5, constant)))
                .message(1, node("Add", List.of("Y", "C"), List.of("Z")))
                .string(2, "tiny")
                .message(5, floatTensor("W", new long[] {3}, 1.5f, -2f, 0.25f))
                .message(11, valueInfo("X", OnnxProtos.FLOAT, -1, 3))
                .message(11, valueInfo("W", OnnxProtos.FLOAT, 3)) // an initializer listed as input
                .message(12, valueInfo("Z", OnnxProtos.FLOAT, -1, 3))
                .message(13, valueInfo("Y", OnnxProtos.FLOAT, -1, 3));
        byte[] bytes = new ProtoWriter()
                .varint(1, 6)
                .string(2, "pytorch").string(3, "1.7")
                .message(8, new ProtoWriter().string(1, "ai.onnx").varint(2, 9))
                .message(14, new ProtoWriter().string(1, "author").string(2, "me"))
                .message(7, graph)
                .toByteArray();

        OnnxModel m = OnnxImporter.read(bytes, "tiny.onnx");
        assertEquals(6, m.irVersion());
        assertEquals(Map.of("", 9L), m.opsets());
        assertEquals(9, m.defaultOpset());
        assertEquals("pytorch 1.7", m.producer());
        assertEquals(Map.of("author", "me"), m.metadata());

        Graph g = m.graph();
        assertEquals("tiny", g.name());
        assertEquals(List.of(new ValueInfo("X", DataType.FLOAT32, Shape.of(Shape.DYNAMIC, 3))), g.inputs());
        assertEquals(List.of(new ValueInfo("Z", DataType.FLOAT32, Shape.of(Shape.DYNAMIC, 3))), g.outputs());
        assertEquals(Shape.of(Shape.DYNAMIC, 3), g.valueInfos().get("Y").shape());
        assertArrayEquals(new float[] {1.5f, -2f, 0.25f}, g.initializers().get("W").toFloatArray());

        assertEquals(List.of("Mul", "Constant", "Add"), g.nodes().stream().map(Node::opType).toList());
        Node c = g.nodes().get(1);
        assertEquals("Constant_1", c.name()); // unnamed nodes get <op>_<index>
        Initializer value = assertInstanceOf(Attribute.TensorValue.class, c.attributes().get("value")).value();
        assertEquals(DataType.INT64, value.type());
        assertEquals(Shape.scalar(), value.shape());
        assertArrayEquals(new long[] {5}, value.toLongArray());
    }

    @Test
    void typedDataFieldsBecomeLittleEndianBytes() throws Exception {
        Graph g = OnnxImporter.read(model(identityGraph(
                tensor("i8", OnnxProtos.INT8, 3).packedVarints(5, -1, 5, -128),
                tensor("u8", OnnxProtos.UINT8, 2).packedVarints(5, 255, 7),
                tensor("b", OnnxProtos.BOOL, 2).varint(5, 1).varint(5, 0), // unpacked int32_data
                tensor("h", OnnxProtos.FLOAT16, 1).packedVarints(5, 0x3C00),
                tensor("i32", OnnxProtos.INT32, 2).packedVarints(5, -7, Integer.MAX_VALUE),
                tensor("i64", OnnxProtos.INT64, 2, 1).packedVarints(7, Long.MIN_VALUE).varint(7, -2),
                floatTensor("f", new long[] {2}, Float.NaN, -0f),
                tensor("raw", OnnxProtos.FLOAT, 1).bytes(9, new byte[] {0, 0, (byte) 0x80, 0x3F}),
                tensor("empty", OnnxProtos.FLOAT, 0, 4))), "typed.onnx").graph();
        Map<String, Initializer> init = g.initializers();
        assertArrayEquals(new long[] {-1, 5, -128}, init.get("i8").toLongArray());
        assertArrayEquals(new long[] {255, 7}, init.get("u8").toLongArray());
        assertArrayEquals(new long[] {1, 0}, init.get("b").toLongArray());
        assertEquals((short) 0x3C00, init.get("h").data().get(ValueLayout.JAVA_SHORT_UNALIGNED, 0));
        assertEquals(0x00, init.get("h").data().get(ValueLayout.JAVA_BYTE, 0)); // little-endian
        assertArrayEquals(new long[] {-7, Integer.MAX_VALUE}, init.get("i32").toLongArray());
        assertArrayEquals(new long[] {Long.MIN_VALUE, -2}, init.get("i64").toLongArray());
        assertEquals(Shape.of(2, 1), init.get("i64").shape());
        float[] f = init.get("f").toFloatArray();
        assertTrue(Float.isNaN(f[0]));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(f[1]));
        assertArrayEquals(new float[] {1f}, init.get("raw").toFloatArray());
        assertEquals(0, init.get("empty").data().byteSize());
    }

    @Test
    void attributesOfEveryKindWeSupport() throws Exception {
        ProtoWriter n = node("Custom", List.of("X"), List.of("Y"),
                attr("alpha", 1).floatField(2, 0.5f),
                attr("axis", 2).varint(3, -1),
                attr("mode", 3).string(4, "constant"),
                attr("scales", 6).packedFloats(7, 1f, 2f),
                attr("pads", 7).varint(8, 1).varint(8, 2), // ints written unpacked, as exporters do
                attr("zero", 2), // absent value field: protobuf default
                new ProtoWriter().string(1, "legacy").varint(3, 4)); // IR 1: no type field
        ProtoWriter graph = new ProtoWriter().message(1, n)
                .message(11, valueInfo("X", OnnxProtos.FLOAT, 1)).message(12, valueInfo("Y", OnnxProtos.FLOAT, 1));
        Node node = OnnxImporter.read(model(graph), "attrs.onnx").graph().nodes().get(0);
        assertEquals(0.5f, node.floatAttr("alpha", 0));
        assertEquals(-1, node.intAttr("axis", 0));
        assertEquals("constant", node.stringAttr("mode", ""));
        assertArrayEquals(new float[] {1f, 2f}, node.floatsAttr("scales", null));
        assertArrayEquals(new long[] {1, 2}, node.intsAttr("pads", null));
        assertEquals(0, node.intAttr("zero", 9));
        assertEquals(4, node.intAttr("legacy", 0));
    }

    @Test
    void tensorErrorsNameTheTensor() {
        assertFails("raw_data", identityGraph(tensor("w", OnnxProtos.FLOAT, 2).bytes(9, new byte[4])),
                "tensor 'w'", "needs 8 bytes of raw_data but has 4");
        assertFails("count", identityGraph(floatTensor("w", new long[] {3}, 1f, 2f)),
                "tensor 'w'", "needs 3 elements but its float_data holds 2");
        assertFails("double", identityGraph(tensor("d", OnnxProtos.DOUBLE, 1).packedFixed64(10, 1L)),
                "tensor 'd'", "DOUBLE (11)");
        assertFails("external", identityGraph(tensor("e", OnnxProtos.FLOAT, 1).varint(14, 1)
                .message(13, new ProtoWriter().string(1, "location").string(2, "w.bin"))), "tensor 'e'", "external");
        assertFails("wrong typed field", identityGraph(tensor("t", OnnxProtos.INT64, 1).packedFloats(4, 1f)),
                "tensor 't'", "float_data");
        assertFails("no data", identityGraph(tensor("t", OnnxProtos.FLOAT, 2)), "tensor 't'", "has no data");
        assertFails("both", identityGraph(floatTensor("t", new long[] {1}, 1f).bytes(9, new byte[4])),
                "tensor 't'", "both raw_data");
        assertFails("negative dim", identityGraph(tensor("t", OnnxProtos.FLOAT, 2, -3).bytes(9, new byte[0])),
                "tensor 't'", "negative dimension");
    }

    @Test
    void hostileSizesGiveSpecificErrorsNotOutOfMemory() {
        long[] nine = new long[Shape.MAX_RANK + 1];
        java.util.Arrays.fill(nine, 1);
        assertFails("rank", identityGraph(tensor("t", OnnxProtos.FLOAT, nine).bytes(9, new byte[4])),
                "tensor 't' has 9 dims, more than 8");
        assertFails("overflow", identityGraph(tensor("t", OnnxProtos.FLOAT, 1L << 40, 1L << 40).bytes(9, new byte[4])),
                "tensor 't'", "overflows");
        // a terabyte claimed, four bytes present: rejected before anything is allocated
        assertFails("absurd", identityGraph(tensor("t", OnnxProtos.FLOAT, 1L << 20, 1L << 18).bytes(9, new byte[4])),
                "tensor 't'", "needs 1099511627776 bytes of raw_data but has 4");
        assertFails("absurd typed", identityGraph(tensor("t", OnnxProtos.INT64, 1L << 40).packedVarints(7, 1)),
                "tensor 't'", "needs 1099511627776 elements");
        ProtoWriter hugeShape = new ProtoWriter();
        for (int i = 0; i < 9; i++) {
            hugeShape.message(1, new ProtoWriter().varint(1, 1));
        }
        ProtoWriter vi = new ProtoWriter().string(1, "X").message(2, new ProtoWriter()
                .message(1, new ProtoWriter().varint(1, 1).message(2, hugeShape)));
        assertFails("value rank", new ProtoWriter().message(11, vi), "more than 8 dimensions");
    }

    @Test
    void graphLevelErrors() {
        assertFails("vendor domain", new ProtoWriter()
                .message(1, node("FusedConv", List.of("X"), List.of("Y")).string(7, "com.microsoft"))
                .message(11, valueInfo("X", OnnxProtos.FLOAT, 1)), "FusedConv", "com.microsoft");
        assertFails("undefined input", new ProtoWriter()
                .message(1, node("Relu", List.of("nowhere"), List.of("Y")))
                .message(12, valueInfo("Y", OnnxProtos.FLOAT, 1)), "undef.onnx: invalid graph", "nowhere");
        assertFails("graph attribute", new ProtoWriter()
                .message(1, node("If", List.of("X"), List.of("Y"), attr("then_branch", 5).message(6, new ProtoWriter())))
                .message(11, valueInfo("X", OnnxProtos.BOOL)), "then_branch", "GRAPH");
        assertFails("strings attribute", new ProtoWriter()
                .message(1, node("X", List.of(), List.of("Y"), attr("names", 8).string(9, "a")))
                .message(12, valueInfo("Y", OnnxProtos.FLOAT, 1)), "names", "STRINGS");
        assertFails("duplicate initializer", identityGraph(floatTensor("w", new long[] {1}, 1f),
                floatTensor("w", new long[] {1}, 2f)), "initializer 'w' is defined twice");
        assertFails("unsupported input type", new ProtoWriter()
                .message(11, valueInfo("X", OnnxProtos.DOUBLE, 1)), "graph input 'X'", "DOUBLE");
        assertFails("sparse", new ProtoWriter().message(15, new ProtoWriter()), "sparse");
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> OnnxImporter.read(new byte[0], "empty.onnx"));
        assertTrue(e.getMessage().startsWith("empty.onnx: ") && e.getMessage().contains("no graph"), e.getMessage());
    }

    private static void assertFails(String source, ProtoWriter graph, String... fragments) {
        String name = source.equals("undefined input") ? "undef.onnx" : source + ".onnx";
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> OnnxImporter.read(model(graph), name));
        assertTrue(e.getMessage().startsWith(name + ": "), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "expected '" + f + "' in: " + e.getMessage());
        }
    }
}
