package io.jdeepface.face.image;

import io.jdeepface.face.errors.CorruptImageException;
import io.jdeepface.face.errors.ImageInputException;
import io.jdeepface.face.errors.ImageTooLargeException;
import io.jdeepface.face.errors.NotAnImageException;
import io.jdeepface.face.errors.UnsupportedImageException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Turns what a user passes (a file, bytes, a stream, base64 text, a {@link BufferedImage}) into an
 * upright RGB {@link Image}, the first stage of the face pipeline.
 *
 * <ul>
 *   <li>The format is detected from the content ({@link ImageFormat#detect}), never from the name.
 *   <li>JPEG, PNG, GIF (first frame), BMP and TIFF are decoded by the JDK's ImageIO, PGM/PPM by
 *       {@link PnmDecoder}; WebP, HEIF and AVIF are refused with {@link UnsupportedImageException}.
 *   <li>Input size, and width and height read from the header, are checked against
 *       {@link ImageLimits} before any pixel memory is allocated.
 *   <li>EXIF orientation (JPEG, TIFF) is applied, as OpenCV's {@code imread} does.
 *   <li>A JPEG that ends before its end marker is refused as truncated, where libjpeg would fill
 *       the missing part with gray and only warn.
 * </ul>
 * Thread-safe; one instance can serve many threads.
 */
public final class ImageDecoder {
    private static final System.Logger LOG = System.getLogger(ImageDecoder.class.getName());

    private final ImageLimits limits;

    public ImageDecoder() {
        this(ImageLimits.DEFAULT);
    }

    public ImageDecoder(ImageLimits limits) {
        this.limits = limits;
    }

    public ImageLimits limits() {
        return limits;
    }

    /** Decodes an image file; errors name the file. */
    public Image decode(Path file) throws IOException {
        String source = file.toString();
        long size = Files.size(file);
        if (size > limits.maxBytes()) {
            throw new ImageTooLargeException(source, "file is " + size + " bytes, more than the limit of "
                    + limits.maxBytes() + " bytes (ImageLimits.maxBytes)");
        }
        return decode(Files.readAllBytes(file), source);
    }

    /**
     * A {@code data:} URI (see {@link #decodeBase64}) or else a file path, the two string forms
     * DeepFace's {@code img_path} accepts besides URLs (which a library without network access
     * leaves to its caller).
     */
    public Image decode(String pathOrDataUri) throws IOException {
        if (pathOrDataUri.regionMatches(true, 0, "data:", 0, 5)) {
            return decodeBase64(pathOrDataUri);
        }
        Path path;
        try {
            path = Path.of(pathOrDataUri);
        } catch (InvalidPathException e) {
            throw new NotAnImageException(abbreviate(pathOrDataUri), "neither a file path nor a data: URI ("
                    + e.getReason() + ")", e);
        }
        return decode(path);
    }

    public Image decode(byte[] data) throws ImageInputException {
        return decode(data, "byte[] of " + data.length + " bytes");
    }

    /** Decodes encoded image bytes; {@code source} names them in errors and in {@link Image#source()}. */
    public Image decode(byte[] data, String source) throws ImageInputException {
        if (data.length == 0) {
            throw new NotAnImageException(source, "not an image: empty (0 bytes)");
        }
        if (data.length > limits.maxBytes()) {
            throw new ImageTooLargeException(source, "input is " + data.length + " bytes, more than the limit of "
                    + limits.maxBytes() + " bytes (ImageLimits.maxBytes)");
        }
        ImageFormat format = ImageFormat.detect(data);
        if (format == null) {
            throw new NotAnImageException(source, "not an image: " + describeUnknown(data));
        }
        if (!format.supported()) {
            throw new UnsupportedImageException(source, "unsupported format: " + format.displayName()
                    + " (convert to JPEG or PNG)");
        }
        Image image = format == ImageFormat.PNM
                ? PnmDecoder.decode(data, source, limits)
                : decodeWithImageIo(data, format, source);
        return ExifOrientation.apply(image, ExifOrientation.read(data, format));
    }

    /** Reads at most {@link ImageLimits#maxBytes()} from {@code in} (not closed) and decodes them. */
    public Image decode(InputStream in, String source) throws IOException {
        int cap = (int) Math.min(limits.maxBytes() + 1, Integer.MAX_VALUE - 16);
        byte[] data = in.readNBytes(cap);
        if (data.length > limits.maxBytes()) {
            throw new ImageTooLargeException(source, "stream holds more than the limit of " + limits.maxBytes()
                    + " bytes (ImageLimits.maxBytes)");
        }
        return decode(data, source);
    }

    /**
     * Decodes base64 image data, bare or as a {@code data:image/...;base64,} URI (whitespace and line
     * breaks are ignored; the URL-safe alphabet is accepted). The declared media type is ignored:
     * the content decides the format.
     */
    public Image decodeBase64(String text) throws ImageInputException {
        String payload = text.strip();
        String source = "base64 string of " + text.length() + " characters";
        if (payload.regionMatches(true, 0, "data:", 0, 5)) {
            int comma = payload.indexOf(',');
            if (comma < 0) {
                throw new NotAnImageException(abbreviate(text), "data: URI without a ',' before its data");
            }
            String meta = payload.substring(5, comma);
            source = "data:" + meta + " URI of " + text.length() + " characters";
            if (!meta.toLowerCase(Locale.ROOT).endsWith(";base64")) {
                throw new NotAnImageException(source, "only base64 data: URIs are supported (data:image/png;base64,...)");
            }
            payload = payload.substring(comma + 1);
        }
        StringBuilder clean = new StringBuilder(payload.length());
        payload.chars().filter(ch -> !Character.isWhitespace(ch)).forEach(ch -> clean.append((char) ch));
        if (clean.length() / 4L * 3 > limits.maxBytes() + 3) {
            throw new ImageTooLargeException(source, "base64 data decodes to more than the limit of "
                    + limits.maxBytes() + " bytes (ImageLimits.maxBytes)");
        }
        String b64 = clean.toString();
        boolean urlSafe = b64.indexOf('-') >= 0 || b64.indexOf('_') >= 0;
        byte[] bytes;
        try {
            bytes = (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(b64);
        } catch (IllegalArgumentException e) {
            throw new NotAnImageException(source, "invalid base64: " + e.getMessage(), e);
        }
        return decode(bytes, source);
    }

    /**
     * Converts an in-memory image (any type: RGB, BGR, ARGB, gray, 16-bit, indexed). No limits
     * apply: the pixels already exist.
     */
    public static Image fromBufferedImage(BufferedImage image, String source) {
        return new Image(image.getWidth(), image.getHeight(), BufferedImages.toRgb(image), source);
    }

    /** Refuses sizes beyond the limits; called with header dimensions before pixels are decoded. */
    static void checkDimensions(String source, long width, long height, ImageLimits limits)
            throws ImageTooLargeException {
        if (width > limits.maxSide() || height > limits.maxSide()) {
            throw new ImageTooLargeException(source, "image is " + width + "x" + height
                    + ", a side exceeds the limit of " + limits.maxSide() + " pixels (ImageLimits.maxSide)");
        }
        if (width * height > limits.maxPixels()) {
            throw new ImageTooLargeException(source, "image is " + width + "x" + height + " = " + width * height
                    + " pixels, more than the limit of " + limits.maxPixels() + " (ImageLimits.maxPixels)");
        }
    }

    private Image decodeWithImageIo(byte[] data, ImageFormat format, String source) throws ImageInputException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName());
        if (!readers.hasNext()) {
            throw new UnsupportedImageException(source, "no ImageIO reader for " + format.displayName()
                    + " in this JDK");
        }
        ImageReader reader = readers.next();
        List<String> warnings = new ArrayList<>();
        String what = format.displayName() + " (" + data.length + " bytes)";
        // A memory-cached stream: ImageIO's default may create temporary files.
        var stream = new MemoryCacheImageInputStream(new ByteArrayInputStream(data));
        try {
            reader.setInput(stream, true, true);
            reader.addIIOReadWarningListener((r, warning) -> warnings.add(warning));
            int width;
            int height;
            try {
                width = reader.getWidth(0);
                height = reader.getHeight(0);
            } catch (IOException | RuntimeException e) {
                throwIfUnsupportedJpegVariant(format, source, e);
                throw new CorruptImageException(source, "corrupt or truncated " + what + ": cannot read the header ("
                        + reason(e) + ")", e);
            }
            checkDimensions(source, width, height, limits);
            BufferedImage decoded;
            try {
                decoded = reader.read(0);
            } catch (IOException | RuntimeException e) {
                throwIfUnsupportedJpegVariant(format, source, e);
                throw new CorruptImageException(source, "corrupt or truncated " + what + ": " + reason(e), e);
            }
            for (String w : warnings) {
                if (w.contains("Truncated") || w.contains("premature end")) {
                    throw new CorruptImageException(source, "truncated " + what + ": the data ends before the image"
                            + " is complete (" + w + ")");
                }
                LOG.log(System.Logger.Level.DEBUG, "{0}: decoder warning: {1}", source, w);
            }
            return fromBufferedImage(decoded, source);
        } finally {
            reader.dispose();
            try {
                stream.close();
            } catch (IOException ignored) {
                // closing a stream over a byte array releases memory only
            }
        }
    }

    /** The JDK's libjpeg reads baseline and progressive Huffman JPEGs only; say so rather than "corrupt". */
    private static void throwIfUnsupportedJpegVariant(ImageFormat format, String source, Exception e)
            throws UnsupportedImageException {
        String message = String.valueOf(e.getMessage());
        if (format == ImageFormat.JPEG && (message.contains("Unsupported JPEG process")
                || message.contains("arithmetic coding") || message.contains("Unsupported Image Type"))) {
            throw new UnsupportedImageException(source, "unsupported format: lossless, hierarchical or"
                    + " arithmetic-coded JPEG (" + message + "); convert to a standard JPEG or PNG", e);
        }
    }

    private static String reason(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && sb.length() < 300; t = t.getCause()) {
            if (!sb.isEmpty()) {
                sb.append(": ");
            }
            sb.append(t instanceof java.io.EOFException ? "unexpected end of data"
                    : t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName());
        }
        return sb.toString();
    }

    /** Says what unrecognised content looks like: text (quoted) or binary (first bytes in hex). */
    private static String describeUnknown(byte[] data) {
        int n = Math.min(data.length, 512);
        int printable = 0;
        boolean control = false;
        for (int i = 0; i < n; i++) {
            int b = data[i] & 0xFF;
            if (b == '\n' || b == '\r' || b == '\t' || b >= 0x20) {
                printable++;
            }
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != 0x0C) {
                control = true;
            }
        }
        if (!control && printable == n) {
            String head = new String(data, 0, Math.min(data.length, 60), StandardCharsets.UTF_8)
                    .replaceAll("\\s+", " ").strip();
            String hint = head.startsWith("<") ? " (HTML/XML/SVG is not a supported image)" : "";
            return "the content is text, starting \"" + head + "\"" + hint;
        }
        return "no known image signature (first bytes "
                + HexFormat.ofDelimiter(" ").formatHex(data, 0, Math.min(data.length, 12)) + ")";
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
