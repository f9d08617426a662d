package io.jdeepface.face.api;

import io.jdeepface.face.image.Image;
import io.jdeepface.face.image.ImageDecoder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An image handed to {@link DeepFace}, in any of the forms DeepFace's {@code img_path} accepts
 * (except URLs: fetching is the caller's business). Decoding happens inside the facade, so errors
 * are the decoder's {@link io.jdeepface.face.errors.ImageInputException}s naming the input.
 */
public sealed interface ImageInput {
    /** Decodes the input (EXIF orientation applied, size limits checked). */
    Image decode(ImageDecoder decoder) throws IOException;

    static ImageInput of(Path file) {
        return new FileInput(file);
    }

    /** Encoded image bytes (JPEG, PNG, BMP, GIF, PNM); not copied, do not modify them meanwhile. */
    static ImageInput of(byte[] encoded) {
        return new BytesInput(encoded);
    }

    /** A {@code data:image/...;base64,} URI or bare base64 text. */
    static ImageInput ofBase64(String text) {
        return new Base64Input(text);
    }

    static ImageInput of(BufferedImage image) {
        return new BufferedImageInput(image);
    }

    static ImageInput of(Image image) {
        return new DecodedInput(image);
    }

    record FileInput(Path path) implements ImageInput {
        public FileInput {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public Image decode(ImageDecoder decoder) throws IOException {
            return decoder.decode(path);
        }
    }

    record BytesInput(byte[] data) implements ImageInput {
        public BytesInput {
            Objects.requireNonNull(data, "data");
        }

        @Override
        public Image decode(ImageDecoder decoder) throws IOException {
            return decoder.decode(data);
        }
    }

    record Base64Input(String text) implements ImageInput {
        public Base64Input {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public Image decode(ImageDecoder decoder) throws IOException {
            return decoder.decodeBase64(text);
        }
    }

    record BufferedImageInput(BufferedImage image) implements ImageInput {
        public BufferedImageInput {
            Objects.requireNonNull(image, "image");
        }

        @Override
        public Image decode(ImageDecoder decoder) {
            return ImageDecoder.fromBufferedImage(image, "BufferedImage");
        }
    }

    record DecodedInput(Image image) implements ImageInput {
        public DecodedInput {
            Objects.requireNonNull(image, "image");
        }

        @Override
        public Image decode(ImageDecoder decoder) {
            return image;
        }
    }
}
