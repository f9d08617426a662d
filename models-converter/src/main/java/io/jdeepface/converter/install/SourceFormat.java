package io.jdeepface.converter.install;

/** The file format a model is published in. */
public enum SourceFormat {
    /** One {@code .onnx} protobuf file. */
    ONNX,
    /** A TF.js graph model: {@code model.json} plus binary weight shards. */
    TFJS;

    /** Lower-case name as shown to users: {@code onnx}, {@code tfjs}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
