package io.jdeepface.engine.tensor;

import io.jdeepface.engine.format.ModelFormatException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} files (format 1.0–3.0): reads float32 and float64 arrays (little or big
 * endian, C order) into float32 tensors, writes float32 little-endian C order. The header is a
 * Python dict literal; only the three keys NumPy writes are accepted.
 */
public final class NpyFile {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])(f4|f8)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final long MAX_ELEMENTS = 1L << 31;

    private NpyFile() {}

    public static Tensor read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return parse(bytes);
        } catch (ModelFormatException e) {
            throw new ModelFormatException(file + ": " + e.getMessage());
        }
    }

    static Tensor parse(byte[] b) throws ModelFormatException {
        if (b.length < 10 || !java.util.Arrays.equals(b, 0, 6, MAGIC, 0, 6)) {
            throw new ModelFormatException("not a .npy file (bad magic)");
        }
        int major = b[6];
        int headerLen;
        int headerStart;
        if (major == 1) {
            headerLen = (b[8] & 0xFF) | (b[9] & 0xFF) << 8;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (b.length < 12) {
                throw new ModelFormatException("truncated .npy header");
            }
            headerLen = (b[8] & 0xFF) | (b[9] & 0xFF) << 8 | (b[10] & 0xFF) << 16 | (b[11] & 0xFF) << 24;
            headerStart = 12;
        } else {
            throw new ModelFormatException("unsupported .npy version " + major);
        }
        if (headerLen < 0 || headerStart + (long) headerLen > b.length) {
            throw new ModelFormatException("truncated .npy header");
        }
        String header = new String(b, headerStart, headerLen, StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        if (!descr.find()) {
            throw new ModelFormatException("only float32/float64 .npy arrays are supported, header: " + header.strip());
        }
        Matcher order = ORDER.matcher(header);
        if (order.find() && order.group(1).equals("True")) {
            throw new ModelFormatException("Fortran-order .npy arrays are not supported");
        }
        Matcher shapeM = SHAPE.matcher(header);
        if (!shapeM.find()) {
            throw new ModelFormatException("no shape in .npy header");
        }
        List<Long> dims = new ArrayList<>();
        for (String part : shapeM.group(1).split(",")) {
            if (!part.isBlank()) {
                try {
                    dims.add(Long.parseLong(part.strip()));
                } catch (NumberFormatException e) {
                    throw new ModelFormatException("bad dimension '" + part.strip() + "' in .npy shape");
                }
            }
        }
        long[] d = dims.stream().mapToLong(Long::longValue).toArray();
        long count = 1;
        for (long x : d) {
            if (x < 0 || x > MAX_ELEMENTS) {
                throw new ModelFormatException("bad dimension " + x + " in .npy shape");
            }
            count = Math.multiplyExact(count, x);
        }
        if (d.length > Shape.MAX_RANK || count > MAX_ELEMENTS) {
            throw new ModelFormatException(".npy array too large: shape " + dims);
        }
        boolean f64 = descr.group(2).equals("f8");
        ByteOrder bo = descr.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        int dataStart = headerStart + headerLen;
        long need = count * (f64 ? 8 : 4);
        if (b.length - dataStart != need) {
            throw new ModelFormatException(".npy data is " + (b.length - dataStart) + " bytes, shape " + dims
                    + " needs " + need);
        }
        MemorySegment src = MemorySegment.ofArray(b);
        float[] out = new float[(int) count];
        for (int i = 0; i < out.length; i++) {
            out[i] = f64
                    ? (float) src.get(ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(bo), dataStart + 8L * i)
                    : src.get(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(bo), dataStart + 4L * i);
        }
        return Tensor.ofFloats(new Shape(d), out);
    }

    /** Writes a float32 tensor as a version 1.0 .npy file (atomically: temp file, then rename). */
    public static void write(Tensor t, Path file) throws IOException {
        if (t.type() != DataType.FLOAT32) {
            throw new IllegalArgumentException("only float32 tensors are written, got " + t.type());
        }
        String dims = java.util.Arrays.stream(t.shape().dims()).mapToObj(Long::toString)
                .collect(java.util.stream.Collectors.joining(", "));
        String shape = "(" + dims + (t.shape().rank() == 1 ? ",)" : ")"); // NumPy writes (3,)
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
        int unpadded = 10 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        long n = t.elementCount();
        byte[] out = new byte[10 + header.length() + Math.toIntExact(n * 4)];
        System.arraycopy(MAGIC, 0, out, 0, 6);
        out[6] = 1;
        out[7] = 0;
        out[8] = (byte) header.length();
        out[9] = (byte) (header.length() >> 8);
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(h, 0, out, 10, h.length);
        MemorySegment dst = MemorySegment.ofArray(out);
        for (long i = 0; i < n; i++) {
            dst.set(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 10 + h.length + 4 * i, t.getFloat(i));
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, out);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
