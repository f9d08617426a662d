package io.jdeepface.converter.install;

import java.util.Objects;

/**
 * What produced a converted model. When either part changes, installed models are converted again.
 *
 * @param converter version of the converter (its passes change the output)
 * @param format    version of the model file format it writes
 */
public record ConverterVersion(String converter, int format) {
    public ConverterVersion {
        Objects.requireNonNull(converter);
        if (converter.isBlank() || converter.chars().anyMatch(c -> c <= ' ' || c == '=' || c == ',')) {
            throw new IllegalArgumentException("converter version must be a plain token: '" + converter + "'");
        }
    }
}
