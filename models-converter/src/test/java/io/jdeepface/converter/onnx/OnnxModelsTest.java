package io.jdeepface.converter.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.engine.graph.Attribute;
import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.graph.ValueInfo;
import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.testdata.TestPackages;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Imports the eleven ONNX face models the project uses and checks their interface and operator
 * inventory. The fr_detect and fr_feature inventories were given independently of this importer;
 * the others record what it reads, so any change in decoding shows up here.
 */
class OnnxModelsTest {

    record Expected(String file, String inputs, String outputs, String ops) {}

    static Stream<Arguments> models() {
        return Stream.of(
            new Expected("fr_detect", "input:FLOAT32[1x3x240x320]",
                    "scores:FLOAT32[1x4420x2] boxes:FLOAT32[1x4420x4]",
                    "Add=3 Concat=13 Constant=14 Conv=52 Div=2 Exp=1 Gather=8 Mul=5 Relu=37 Reshape=8 Shape=8 "
                    + "Slice=6 Softmax=1 Sub=1 Transpose=8 Unsqueeze=8"),
            new Expected("fr_landmark", "input:FLOAT32[1x1x64x64]", "output:FLOAT32[1x136]",
                    "Add=9 BatchNormalization=1 Conv=40 Flatten=1 Gemm=1 Relu=27"),
            new Expected("fr_feature", "input:FLOAT32[1x3x112x112]", "output:FLOAT32[1x512]",
                    "Add=12 Conv=50 PRelu=33 Reshape=1"),
            new Expected("fr_liveness", "input:FLOAT32[1x3x128x128]", "output:FLOAT32[1x3]",
                    "Add=12 BatchNormalization=1 Concat=1 Constant=1 Conv=55 Gather=1 GlobalAveragePool=3 "
                    + "MatMul=2 Mul=3 PRelu=33 Relu=3 Reshape=1 Shape=1 Sigmoid=3 Unsqueeze=1"),
            new Expected("fr_age", "input:FLOAT32[1x3x64x64]", AGE_GENDER_OUTPUTS,
                    "AveragePool=5 BatchNormalization=8 Concat=6 Constant=12 Conv=14 Gather=6 Gemm=18 MaxPool=5 "
                    + "Mul=6 Pad=5 Relu=22 Reshape=6 Shape=6 Tanh=10 Unsqueeze=12"),
            new Expected("fr_gender", "input:FLOAT32[1x3x64x64]", AGE_GENDER_OUTPUTS,
                    "AveragePool=5 Conv=14 Gemm=18 MaxPool=5 Mul=6 Pad=5 Relu=22 Reshape=6 Tanh=10"),
            new Expected("fr_expression", "input:FLOAT32[1x3x224x224]", "output:FLOAT32[1x7]",
                    "AveragePool=3 BatchNormalization=62 Concat=62 Conv=120 Flatten=1 Gemm=1 "
                    + "GlobalAveragePool=1 MaxPool=1 Pad=3 Relu=121"),
            new Expected("fr_pose", "input:FLOAT32[1x3x224x224]",
                    "output:FLOAT32[1x66] 617:FLOAT32[1x66] 618:FLOAT32[1x66]",
                    "Concat=16 Constant=32 Conv=56 Gemm=3 MaxPool=1 ReduceMean=1 Relu=37 Reshape=32 Split=13 "
                    + "Transpose=16"),
            new Expected("fr_eye", "input:FLOAT32[1x1x24x24]", "output:FLOAT32[1x2]",
                    "Add=4 Concat=1 Constant=1 Conv=23 Gather=1 GlobalAveragePool=1 MaxPool=4 Relu=6 Reshape=1 "
                    + "Shape=1 Unsqueeze=1"),
            new Expected("face_detection_front_128x128_barracuda", "input:0:FLOAT32[1x128x128x3]", BLAZE_OUTPUTS,
                    "Add=16 Concat=11 ConstantOfShape=11 Conv=37 MaxPool=3 Relu=17 Reshape=4 Transpose=5"),
            new Expected("face_detection_back_256x256_barracuda", "input:0:FLOAT32[1x256x256x3]", BLAZE_OUTPUTS,
                    "Add=31 Concat=2 ConstantOfShape=2 Conv=69 MaxPool=3 Relu=33 Reshape=4 Transpose=5")
        ).map(e -> Arguments.of(e.file(), e));
    }

    private static final String AGE_GENDER_OUTPUTS = "prob_stage_1:FLOAT32[1x3] prob_stage_2:FLOAT32[1x3] "
            + "prob_stage_3:FLOAT32[1x3] stage1_delta_k:FLOAT32[1x1] stage2_delta_k:FLOAT32[1x1] "
            + "stage3_delta_k:FLOAT32[1x1] index_offset_stage1:FLOAT32[1x3] index_offset_stage2:FLOAT32[1x3] "
            + "index_offset_stage3:FLOAT32[1x3]";
    private static final String BLAZE_OUTPUTS = "Identity:0:FLOAT32[1x512x1] Identity_1:0:FLOAT32[1x384x1] "
            + "Identity_2:0:FLOAT32[1x512x16] Identity_3:0:FLOAT32[1x384x16]";

    static Path file(String name) {
        return name.startsWith("fr_") ? TestPackages.FACEPLUGIN.file("model/" + name + ".onnx")
                : TestPackages.BLAZEFACE.file("ONNX/" + name + ".onnx");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void importsWithTheKnownInterfaceAndOperators(String name, Expected expected) throws Exception {
        OnnxModel model = OnnxImporter.read(file(name));
        Graph g = model.graph();
        System.out.println(name + ": IR " + model.irVersion() + ", opsets " + model.opsets() + ", producer "
                + model.producer() + "\n  in  " + describe(g.inputs()) + "\n  out " + describe(g.outputs()));
        assertEquals(expected.inputs(), describe(g.inputs()));
        assertEquals(expected.outputs(), describe(g.outputs()));
        String ops = new TreeMap<>(g.opCounts()).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        assertEquals(expected.ops(), ops);
        assertTrue(model.defaultOpset() == 9 || model.defaultOpset() == 12, "opset " + model.opsets());
        for (Initializer init : g.initializers().values()) {
            assertTrue(init.type() == DataType.FLOAT32 || init.type() == DataType.INT64, init.name());
        }
    }

    private static String describe(List<ValueInfo> values) {
        return values.stream().map(v -> v.name() + ":" + v.type() + v.shape()).collect(Collectors.joining(" "));
    }

    @Test
    void initializersListedAsInputsAreNotInputs() throws Exception {
        // fr_age lists all 104 initializers among its 105 graph inputs; fr_gender lists none
        for (String name : List.of("fr_age", "fr_gender")) {
            Graph g = OnnxImporter.read(file(name)).graph();
            assertEquals(List.of("input"), g.inputs().stream().map(ValueInfo::name).toList(), name);
            assertFalse(g.initializers().containsKey("input"));
        }
        assertEquals(104, OnnxImporter.read(file("fr_age")).graph().initializers().size());
        assertFalse(OnnxImporter.read(file("fr_gender")).graph().opCounts().containsKey("Shape"));
    }

    @Test
    void weightsAndConstantsHaveTheirShapes() throws Exception {
        Graph detect = OnnxImporter.read(file("fr_detect")).graph();
        Node conv = detect.nodes().get(0);
        assertEquals("Conv", conv.opType());
        Initializer w = detect.initializer(conv.input(1)).orElseThrow();
        assertEquals(4, w.shape().rank());
        assertEquals(3, w.shape().dim(1)); // RGB input channels
        // the anchor priors are Constant nodes holding [1x4420x2] float tensors
        long priors = detect.nodes().stream().filter(n -> n.opType().equals("Constant"))
                .map(n -> assertInstanceOf(Attribute.TensorValue.class, n.attributes().get("value")).value())
                .filter(t -> t.shape().equals(io.jdeepface.engine.tensor.Shape.of(1, 4420, 2))).count();
        assertEquals(3, priors);

        // BlazeFace stores its shape constants as int64_data (typed), not raw_data
        Graph blaze = OnnxImporter.read(file("face_detection_front_128x128_barracuda")).graph();
        assertArrayEquals(new long[] {1, 4, 64, 64}, blaze.initializer("shape_1x4x64x64").orElseThrow().toLongArray());
        assertArrayEquals(new long[] {1, 512, 16}, blaze.initializer("const_fold_opt__265").orElseThrow().toLongArray());
        Map<String, Integer> ops = blaze.opCounts();
        assertEquals(11, ops.get("ConstantOfShape"));
        assertTrue(blaze.nodes().stream().filter(n -> n.opType().equals("ConstantOfShape"))
                .allMatch(n -> n.attributes().isEmpty()), "ConstantOfShape relies on the default value 0.0f");
    }
}
