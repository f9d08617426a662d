package io.jdeepface.face.image;

/**
 * {@link Image#warpAffine}: every output pixel is looked up in the source through the inverse
 * matrix ("inverse mapping", so there are no holes) and sampled bilinearly. Source pixels outside
 * the image count as black, so output pixels near or beyond the source's edge blend towards black
 * (OpenCV's {@code BORDER_CONSTANT} with value 0).
 *
 * <p>OpenCV quantises the source coordinate to 1/32 pixel and uses fixed-point weights; this
 * computes in floating point, so a sample may differ from OpenCV's by a level or two.
 */
final class AffineWarp {
    private AffineWarp() {
    }

    static Image warp(Image src, AffineMatrix sourceToOutput, int outWidth, int outHeight) {
        if (outWidth <= 0 || outHeight <= 0 || (long) outWidth * outHeight > Integer.MAX_VALUE / 3) {
            throw new IllegalArgumentException("warp output size must be positive and not huge, got "
                    + outWidth + "x" + outHeight);
        }
        AffineMatrix inv = sourceToOutput.inverse();
        int sw = src.width();
        int sh = src.height();
        byte[] in = src.rgb;
        byte[] out = new byte[outWidth * outHeight * 3];
        int o = 0;
        for (int y = 0; y < outHeight; y++) {
            for (int x = 0; x < outWidth; x++, o += 3) {
                double sx = inv.mapX(x, y);
                double sy = inv.mapY(x, y);
                // Far outside (or NaN-free but huge): all four neighbours are border, output stays 0.
                if (!(sx > -1 && sy > -1 && sx < sw && sy < sh)) {
                    continue;
                }
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                float fx = (float) (sx - x0);
                float fy = (float) (sy - y0);
                float w00 = (1 - fx) * (1 - fy);
                float w01 = fx * (1 - fy);
                float w10 = (1 - fx) * fy;
                float w11 = fx * fy;
                boolean left = x0 >= 0;
                boolean right = x0 + 1 < sw;
                boolean top = y0 >= 0;
                boolean bottom = y0 + 1 < sh;
                int i00 = (y0 * sw + x0) * 3;
                int i10 = i00 + sw * 3;
                for (int c = 0; c < 3; c++) {
                    float v = 0;
                    if (top && left) {
                        v += (in[i00 + c] & 0xFF) * w00;
                    }
                    if (top && right) {
                        v += (in[i00 + 3 + c] & 0xFF) * w01;
                    }
                    if (bottom && left) {
                        v += (in[i10 + c] & 0xFF) * w10;
                    }
                    if (bottom && right) {
                        v += (in[i10 + 3 + c] & 0xFF) * w11;
                    }
                    out[o + c] = Resize.toByte(v);
                }
            }
        }
        return new Image(outWidth, outHeight, out, src.source());
    }
}
