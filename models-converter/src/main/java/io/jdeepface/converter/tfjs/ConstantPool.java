package io.jdeepface.converter.tfjs;

import io.jdeepface.engine.format.ModelFormatException;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The IR initializers made from TF constants. A TF constant is stored in TF layout; each consumer
 * asks for the form it needs (conv filter as OIHW, a per-channel operand as NCHW broadcast, ...).
 * Each form is made once; the first form takes the TF name, further forms get a suffix.
 */
final class ConstantPool {
    private static final ValueLayout.OfLong I64 =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** How a consumer needs a constant. */
    enum Form {
        /** Unchanged. */
        AS_IS("tf"),
        /** A conv filter HWIO as OIHW. */
        CONV_FILTER("oihw"),
        /** A depthwise filter [H, W, C, M] as a grouped conv filter [C*M, 1, H, W]. */
        DEPTHWISE_FILTER("oihw"),
        /**
         * An operand of an op on NHWC images, made to broadcast the same way against NCHW: padded
         * to rank 4, transposed, leading 1s dropped ([C] becomes [C, 1, 1]).
         */
        NCHW_BROADCAST("nchw"),
        /** Flattened to one dimension (bias, per-channel slope). */
        VECTOR("vector"),
        /** An int32 tensor widened to int64, as ONNX wants shapes and pads. */
        INT64("int64");

        final String suffix;

        Form(String suffix) {
            this.suffix = suffix;
        }
    }

    private final Map<String, Initializer> initializers = new LinkedHashMap<>();
    private final Map<String, String> byKey = new HashMap<>();
    private final Map<String, Integer> formsOf = new HashMap<>();
    private final ValueNames names;

    ConstantPool(ValueNames names) {
        this.names = names;
    }

    Map<String, Initializer> initializers() {
        return initializers;
    }

    /** The IR name of TF constant {@code tf} in the given form, creating it on first use. */
    String get(Initializer tf, Form form) throws ModelFormatException {
        String key = tf.name() + "\u0000" + form;
        String existing = byKey.get(key);
        if (existing != null) {
            return existing;
        }
        Initializer converted = convert(tf, form);
        // The first form of a constant keeps its TF name (reserved for it); others get a suffix.
        boolean first = formsOf.merge(tf.name(), 1, Integer::sum) == 1;
        String name = first ? tf.name() : names.fresh(tf.name() + "/" + form.suffix);
        initializers.put(name, converted.withName(name));
        byKey.put(key, name);
        return name;
    }

    /** A new initializer made by the converter (ONNX pads, shapes); its name is made unique. */
    String add(Initializer init) {
        String name = names.fresh(init.name());
        initializers.put(name, init.withName(name));
        return name;
    }

    /** A shared float scalar, e.g. the 6 of Relu6. */
    String scalar(float value) {
        String key = "scalar\u0000" + Float.floatToRawIntBits(value);
        String existing = byKey.get(key);
        if (existing != null) {
            return existing;
        }
        String name = add(Initializer.ofFloats("const_" + value, Shape.scalar(), new float[] {value}));
        byKey.put(key, name);
        return name;
    }

    private static Initializer convert(Initializer tf, Form form) throws ModelFormatException {
        long[] shape = tf.shape().dims();
        int size = tf.type().byteSize();
        return switch (form) {
            case AS_IS -> tf;
            case CONV_FILTER -> {
                requireRank(tf, 4, "a conv filter [H, W, in, out]");
                yield new Initializer(tf.name(), tf.type(), Shape.of(Nhwc.permute(shape, Nhwc.HWIO_TO_OIHW)),
                        Nhwc.permute(tf.data(), shape, Nhwc.HWIO_TO_OIHW, size));
            }
            case DEPTHWISE_FILTER -> {
                requireRank(tf, 4, "a depthwise filter [H, W, channels, multiplier]");
                MemorySegment data = Nhwc.permute(tf.data(), shape, Nhwc.HWCM_TO_CMHW, size);
                yield new Initializer(tf.name(), tf.type(),
                        Shape.of(shape[2] * shape[3], 1, shape[0], shape[1]), data);
            }
            case NCHW_BROADCAST -> {
                if (shape.length > 4) {
                    throw new ModelFormatException("constant '" + tf.name() + "' of shape " + tf.shape()
                            + " cannot broadcast against a 4-D image");
                }
                long[] four = new long[4];
                java.util.Arrays.fill(four, 1);
                System.arraycopy(shape, 0, four, 4 - shape.length, shape.length);
                long[] nchw = Nhwc.permute(four, Nhwc.TO_NCHW);
                int lead = 0;
                while (lead < 4 && nchw[lead] == 1) {
                    lead++;
                }
                long[] trimmed = java.util.Arrays.copyOfRange(nchw, lead, 4);
                yield new Initializer(tf.name(), tf.type(), Shape.of(trimmed),
                        Nhwc.permute(tf.data(), four, Nhwc.TO_NCHW, size));
            }
            case VECTOR -> tf.withShape(Shape.of(tf.elementCount()));
            case INT64 -> {
                long[] values = tf.toLongArray();
                MemorySegment data = MemorySegment.ofArray(new byte[values.length * 8]);
                for (int i = 0; i < values.length; i++) {
                    data.setAtIndex(I64, i, values[i]);
                }
                yield new Initializer(tf.name(), DataType.INT64, tf.shape(), data);
            }
        };
    }

    private static void requireRank(Initializer tf, int rank, String what) throws ModelFormatException {
        if (tf.shape().rank() != rank) {
            throw new ModelFormatException("constant '" + tf.name() + "' of shape " + tf.shape()
                    + " should be " + what);
        }
    }
}
