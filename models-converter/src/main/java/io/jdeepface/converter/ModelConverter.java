package io.jdeepface.converter;

import io.jdeepface.converter.install.Sha256;
import io.jdeepface.converter.onnx.OnnxImporter;
import io.jdeepface.converter.onnx.OnnxModel;
import io.jdeepface.converter.passes.Simplifier;
import io.jdeepface.converter.tfjs.TfjsImporter;
import io.jdeepface.converter.tfjs.TfjsModel;
import io.jdeepface.engine.format.FormatVersion;
import io.jdeepface.engine.format.ModelFormatException;
import io.jdeepface.engine.format.ModelWriter;
import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.InvalidGraphException;
import io.jdeepface.engine.graph.ModelMetadata;
import io.jdeepface.engine.graph.ValueInfo;
import io.jdeepface.engine.ops.UnsupportedOperatorException;
import io.jdeepface.engine.tensor.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Source model (ONNX file or TF.js model.json) → simplified graph → our model file. The one entry
 * point the CLI and the installer use. Conversion tries a dynamic batch dimension first, so that
 * the engine can run several faces in one call, and falls back to the exported static batch when
 * the graph bakes the batch size into its structure (recorded in the metadata).
 */
public final class ModelConverter {
    private static final System.Logger LOG = System.getLogger(ModelConverter.class.getName());

    /** Version of the conversion passes; recorded per model; a change makes the installer re-convert. */
    public static final String VERSION = "1.0.0";
    /** Major version of the model file format written. */
    public static final int FORMAT_VERSION = FormatVersion.CURRENT.major();

    /** TF.js graphs are mapped onto the opset-13 forms of the IR by the importer. */
    private static final int TFJS_OPSET = 13;

    /** Which reader a source needs. */
    public enum SourceFormat { ONNX, TFJS }

    /** The imported graph, the simplified graph and the metadata written with it. */
    public record Result(Graph original, Graph simplified, ModelMetadata metadata) {}

    private ModelConverter() {}

    public static Result convert(Path source) throws IOException {
        return convert(source, Sha256.of(source));
    }

    public static Result convert(Path source, String sourceSha256) throws IOException {
        SourceFormat format = detect(source);
        Imported imported = switch (format) {
            case ONNX -> importOnnx(source);
            case TFJS -> importTfjs(source);
        };
        Map<String, String> props = new LinkedHashMap<>(imported.properties());
        Graph simplified;
        Graph dynamic = withDynamicBatch(imported.graph());
        try {
            simplified = new Simplifier(imported.opset()).apply(dynamic);
            props.put("batch", dynamic == imported.graph() ? "as exported" : "dynamic");
        } catch (InvalidGraphException | UnsupportedOperatorException | IllegalStateException e) {
            if (dynamic == imported.graph()) {
                throw asFormatError(source, e);
            }
            LOG.log(System.Logger.Level.INFO, "{0}: keeping the exported batch size ({1})",
                    source.getFileName(), e.getMessage());
            try {
                simplified = new Simplifier(imported.opset()).apply(imported.graph());
            } catch (InvalidGraphException | UnsupportedOperatorException | IllegalStateException e2) {
                throw asFormatError(source, e2);
            }
            props.put("batch", "static");
        }
        ModelMetadata metadata = new ModelMetadata(source.getFileName().toString(), sourceSha256,
                format.name().toLowerCase(java.util.Locale.ROOT), VERSION, props);
        return new Result(imported.graph(), simplified, metadata);
    }

    /** Writes the simplified graph crash-safely (temp file, fsync, atomic rename). */
    public static void write(Result result, Path target) throws IOException {
        ModelWriter.write(result.simplified(), result.metadata(), target);
    }

    /** ONNX is protobuf; TF.js graph models are JSON: tell them apart by content, not by name. */
    public static SourceFormat detect(Path source) throws IOException {
        try (InputStream in = Files.newInputStream(source)) {
            byte[] head = in.readNBytes(64);
            for (byte b : head) {
                if (b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == (byte) 0xEF || b == (byte) 0xBB || b == (byte) 0xBF) {
                    continue;
                }
                return b == '{' ? SourceFormat.TFJS : SourceFormat.ONNX;
            }
        }
        throw new ModelFormatException(source + ": empty file, neither an ONNX model nor a TF.js model.json");
    }

    private record Imported(Graph graph, int opset, Map<String, String> properties) {}

    private static Imported importOnnx(Path source) throws IOException {
        OnnxModel m = OnnxImporter.read(source);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("onnx.ir_version", Long.toString(m.irVersion()));
        props.put("onnx.opset", Long.toString(m.defaultOpset()));
        if (!m.producer().isBlank()) {
            props.put("onnx.producer", m.producer());
        }
        return new Imported(m.graph(), Math.toIntExact(m.defaultOpset()), props);
    }

    private static Imported importTfjs(Path source) throws IOException {
        TfjsModel m = TfjsImporter.read(source);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("tfjs.format", m.format());
        if (!m.generatedBy().isBlank()) {
            props.put("tfjs.generated_by", m.generatedBy());
        }
        if (!m.nhwcInterface().isEmpty()) {
            props.put("layout.nhwc", String.join(",", new java.util.TreeSet<>(m.nhwcInterface())));
        }
        m.signatureKeys().forEach((output, key) -> props.put("tfjs.signature." + output, key));
        return new Imported(m.graph(), TFJS_OPSET, props);
    }

    /** The graph with the first dimension of each image-like input made dynamic, if it is 1. */
    static Graph withDynamicBatch(Graph g) {
        List<ValueInfo> inputs = new ArrayList<>();
        boolean changed = false;
        for (ValueInfo in : g.inputs()) {
            Shape s = in.shape();
            if (s.rank() >= 2 && s.dim(0) == 1) {
                inputs.add(new ValueInfo(in.name(), in.type(), s.withDim(0, Shape.DYNAMIC)));
                changed = true;
            } else {
                inputs.add(in);
            }
        }
        if (!changed) {
            return g;
        }
        // Output shapes recorded by the exporter carry batch 1: let shape inference recompute them.
        List<ValueInfo> outputs = new ArrayList<>();
        for (ValueInfo out : g.outputs()) {
            Shape s = out.shape();
            outputs.add(s.rank() >= 1 && s.dim(0) == 1
                    ? new ValueInfo(out.name(), out.type(), s.withDim(0, Shape.DYNAMIC)) : out);
        }
        return g.withInputs(inputs).withOutputs(outputs).withValueInfos(Map.of());
    }

    private static ModelFormatException asFormatError(Path source, RuntimeException e) {
        return new ModelFormatException(source.getFileName() + ": cannot convert: " + e.getMessage(), e);
    }
}
