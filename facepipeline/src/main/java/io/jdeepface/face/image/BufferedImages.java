package io.jdeepface.face.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;

/**
 * Conversion between {@link BufferedImage} and our interleaved RGB bytes.
 *
 * <p>We read raster samples rather than {@code getRGB}, because {@code getRGB} converts through
 * the image's colour space: a linear-gray PNG pixel of 128 would come back as 188. OpenCV hands
 * DeepFace the stored samples unconverted, and so do we: gray is replicated, 16-bit samples keep
 * their high byte (libpng's {@code strip_16}, as OpenCV), other depths are scaled to 0..255, and
 * alpha is ignored. Only unusual colour spaces (CMYK, YCC) go through {@code getRGB}.
 */
final class BufferedImages {
    private BufferedImages() {
    }

    static byte[] toRgb(BufferedImage image) {
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        int type = cm.getColorSpace().getType();
        int[] bands;
        if (cm instanceof IndexColorModel icm) {
            return fromPalette(icm, raster);
        } else if (type == ColorSpace.TYPE_GRAY && cm.getNumColorComponents() == 1) {
            bands = new int[] {0, 0, 0};
        } else if (type == ColorSpace.TYPE_RGB && cm.getNumColorComponents() == 3) {
            bands = new int[] {0, 1, 2};
        } else {
            return viaGetRgb(image);
        }
        if (!hasIntegerSamplesUpTo16Bits(raster.getSampleModel())) {
            return viaGetRgb(image);
        }
        byte[] fast = interleavedBytes(raster, bands);
        return fast != null ? fast : fromSamples(raster, bands);
    }

    private static boolean hasIntegerSamplesUpTo16Bits(SampleModel sm) {
        int t = sm.getDataType();
        if (t != DataBuffer.TYPE_BYTE && t != DataBuffer.TYPE_USHORT && t != DataBuffer.TYPE_INT) {
            return false;
        }
        for (int size : sm.getSampleSize()) {
            if (size > 16) {
                return false;
            }
        }
        return true;
    }

    /** The common case (JPEG, 8-bit PNG): 8-bit samples interleaved in one byte array. Null otherwise. */
    private static byte[] interleavedBytes(Raster raster, int[] bands) {
        if (!(raster.getDataBuffer() instanceof DataBufferByte db) || db.getNumBanks() != 1
                || !(raster.getSampleModel() instanceof ComponentSampleModel sm)) {
            return null;
        }
        for (int size : sm.getSampleSize()) {
            if (size != 8) {
                return null;
            }
        }
        for (int bank : sm.getBankIndices()) {
            if (bank != 0) {
                return null;
            }
        }
        int w = raster.getWidth();
        int h = raster.getHeight();
        byte[] data = db.getData();
        int pixelStride = sm.getPixelStride();
        int scanline = sm.getScanlineStride();
        int o0 = sm.getBandOffsets()[bands[0]];
        int o1 = sm.getBandOffsets()[bands[1]];
        int o2 = sm.getBandOffsets()[bands[2]];
        int origin = db.getOffset() - raster.getSampleModelTranslateY() * scanline
                - raster.getSampleModelTranslateX() * pixelStride;
        byte[] out = new byte[w * h * 3];
        int o = 0;
        for (int y = 0; y < h; y++) {
            int i = origin + (y + raster.getMinY()) * scanline + raster.getMinX() * pixelStride;
            for (int x = 0; x < w; x++, i += pixelStride) {
                out[o++] = data[i + o0];
                out[o++] = data[i + o1];
                out[o++] = data[i + o2];
            }
        }
        return out;
    }

    private static byte[] fromSamples(Raster raster, int[] bands) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int nb = raster.getNumBands();
        int[][] scale = new int[3][];
        for (int c = 0; c < 3; c++) {
            scale[c] = to8Bit(raster.getSampleModel().getSampleSize(bands[c]));
        }
        byte[] out = new byte[w * h * 3];
        int[] row = new int[w * nb];
        int o = 0;
        for (int y = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    out[o++] = (byte) scale[c][row[x * nb + bands[c]]];
                }
            }
        }
        return out;
    }

    /** Lookup from a {@code bits}-bit sample to 0..255. */
    private static int[] to8Bit(int bits) {
        if (bits == 0) {
            return new int[] {0}; // a BMP bit mask of 0: the channel is absent
        }
        int n = 1 << bits;
        int[] table = new int[n];
        for (int v = 0; v < n; v++) {
            table[v] = bits == 16 ? v >> 8 : (int) ((v * 255L + (n - 1) / 2) / (n - 1));
        }
        return table;
    }

    private static byte[] fromPalette(IndexColorModel icm, Raster raster) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bits = Math.min(raster.getSampleModel().getSampleSize(0), 16);
        int[] lut = new int[1 << bits];
        for (int i = 0; i < lut.length && i < icm.getMapSize(); i++) {
            lut[i] = icm.getRGB(i); // the palette is plain sRGB: getRGB converts nothing
        }
        byte[] out = new byte[w * h * 3];
        int[] row = new int[w];
        int o = 0;
        for (int y = 0; y < h; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                int argb = lut[row[x] & (lut.length - 1)];
                out[o++] = (byte) (argb >> 16);
                out[o++] = (byte) (argb >> 8);
                out[o++] = (byte) argb;
            }
        }
        return out;
    }

    private static byte[] viaGetRgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[w * h * 3];
        int[] row = new int[w];
        int o = 0;
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                out[o++] = (byte) (row[x] >> 16);
                out[o++] = (byte) (row[x] >> 8);
                out[o++] = (byte) row[x];
            }
        }
        return out;
    }

    static BufferedImage toBufferedImage(Image image) {
        int w = image.width();
        int h = image.height();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        byte[] rgb = image.rgb;
        for (int i = 0; i < rgb.length; i += 3) {
            bgr[i] = rgb[i + 2];
            bgr[i + 1] = rgb[i + 1];
            bgr[i + 2] = rgb[i];
        }
        return out;
    }
}
