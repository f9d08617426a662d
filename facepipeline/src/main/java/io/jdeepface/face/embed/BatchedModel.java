package io.jdeepface.face.embed;

import io.jdeepface.face.image.Image;
import io.jdeepface.face.image.TensorFormat;
import io.jdeepface.face.image.TensorLayout;
import io.jdeepface.face.models.ModelRunner;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Runs a recognition model over square face crops in batches: the crops of one batch go into one
 * input tensor, the output is split back into one vector per crop.
 *
 * @param runner   the model
 * @param input    its input name
 * @param format   the tensor layout and normalisation of its input
 * @param size     the crops' side in pixels
 * @param output   the output that holds the vectors
 * @param maxBatch crops per run (1 when the model's batch is static)
 */
record BatchedModel(ModelRunner runner, String input, TensorFormat format, int size, String output, int maxBatch) {

    /** One output vector per crop, in order. */
    float[][] run(List<Image> crops) {
        for (Image crop : crops) {
            if (crop.width() != size || crop.height() != size) {
                throw new IllegalArgumentException("model input '" + input + "' needs " + size + "x" + size
                        + " face crops, got " + crop.width() + "x" + crop.height());
            }
        }
        float[][] out = new float[crops.size()][];
        int plane = format.size(size, size);
        for (int start = 0; start < crops.size(); start += maxBatch) {
            int n = Math.min(maxBatch, crops.size() - start);
            float[] tensor = new float[n * plane];
            for (int i = 0; i < n; i++) {
                crops.get(start + i).toTensor(format, tensor, i * plane);
            }
            long[] shape = format.layout() == TensorLayout.NCHW ? new long[] {n, 3, size, size}
                    : new long[] {n, size, size, 3};
            Map<String, float[]> result = runner.run(input, shape, tensor);
            float[] values = result.get(output);
            if (values == null || values.length % n != 0 || values.length / n == 0) {
                throw new IllegalStateException("model output '" + output + "' has "
                        + (values == null ? "no" : values.length) + " values for a batch of " + n);
            }
            int dim = values.length / n;
            for (int i = 0; i < n; i++) {
                out[start + i] = Arrays.copyOfRange(values, i * dim, (i + 1) * dim);
            }
        }
        return out;
    }
}
