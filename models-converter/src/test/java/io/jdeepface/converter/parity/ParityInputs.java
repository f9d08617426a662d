package io.jdeepface.converter.parity;

import io.jdeepface.testdata.TestPackages;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Inputs for parity tests: seeded random tensors, and real photos (the face-api demo photos)
 * resized to a model's input and scaled to a typical normalised range.
 */
final class ParityInputs {
    private ParityInputs() {}

    static float[] random(long[] shape, long seed) {
        Random rnd = new Random(seed);
        float[] v = new float[Math.toIntExact(count(shape))];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextFloat() * 2 - 1;
        }
        return v;
    }

    /**
     * Photo {@code sampleN.jpg} resized to the spatial size of {@code shape} (NCHW or NHWC, 1 or 3
     * channels), values (pixel - 127.5) / 128 like most of our models expect.
     */
    static float[] photo(int sample, long[] shape, boolean nhwc) throws IOException {
        int c = (int) (nhwc ? shape[3] : shape[1]);
        int h = (int) (nhwc ? shape[1] : shape[2]);
        int w = (int) (nhwc ? shape[2] : shape[3]);
        BufferedImage src = ImageIO.read(TestPackages.FACE_API.file("demo/sample" + sample + ".jpg").toFile());
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        float[] v = new float[c * h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                int[] ch = {(rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF};
                for (int k = 0; k < c; k++) {
                    float value = c == 1 ? (ch[0] * 0.299f + ch[1] * 0.587f + ch[2] * 0.114f) : ch[k];
                    int idx = nhwc ? (y * w + x) * c + k : (k * h + y) * w + x;
                    v[idx] = (value - 127.5f) / 128f;
                }
            }
        }
        return v;
    }

    static long count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
