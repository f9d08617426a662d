package io.jdeepface.face.image;

/** Where each channel of each pixel goes in a model input array (one image of a batch). */
public enum TensorLayout {
    /** Channels first: {@code [c][y][x]}, the ONNX and PyTorch convention. */
    NCHW,
    /** Channels last: {@code [y][x][c]}, the TensorFlow and Keras convention. */
    NHWC
}
