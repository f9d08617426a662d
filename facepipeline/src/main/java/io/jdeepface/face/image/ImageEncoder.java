package io.jdeepface.face.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Writes images as PNG (lossless) or JPEG, e.g. extracted faces for {@code extract --out DIR}. */
public final class ImageEncoder {
    /** OpenCV's {@code imwrite} default JPEG quality, 95 of 100. */
    public static final float DEFAULT_JPEG_QUALITY = 0.95f;

    private ImageEncoder() {
    }

    public static byte[] png(Image image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image.toBufferedImage(), "png", out)) {
            throw new IOException("no PNG writer in this JDK");
        }
        return out.toByteArray();
    }

    /** JPEG at {@code quality} in 0..1. */
    public static byte[] jpeg(Image image, float quality) throws IOException {
        if (!(quality >= 0 && quality <= 1)) {
            throw new IllegalArgumentException("JPEG quality must be in 0..1, got " + quality);
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var stream = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image.toBufferedImage(), null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** Writes PNG or JPEG, chosen by the file name's extension ({@code .png}, {@code .jpg}, {@code .jpeg}). */
    public static void write(Image image, Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        byte[] encoded;
        if (name.endsWith(".png")) {
            encoded = png(image);
        } else if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            encoded = jpeg(image, DEFAULT_JPEG_QUALITY);
        } else {
            throw new IllegalArgumentException("cannot tell the format from " + file + "; use a .png, .jpg or .jpeg name");
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(encoded);
        }
    }
}
