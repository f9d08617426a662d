package io.jdeepface.face.image;

/** Which channels a model expects, in which order. */
public enum ChannelOrder {
    RGB(3),
    /** OpenCV's order; models trained on {@code cv2.imread} output without conversion want this. */
    BGR(3),
    /**
     * One luma channel, {@code 0.299 R + 0.587 G + 0.114 B} rounded to a byte exactly as OpenCV's
     * {@code cvtColor(..., COLOR_RGB2GRAY)} does (14-bit fixed point).
     */
    GRAY(1);

    private final int channels;

    ChannelOrder(int channels) {
        this.channels = channels;
    }

    public int channels() {
        return channels;
    }
}
