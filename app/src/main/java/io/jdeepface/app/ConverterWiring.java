package io.jdeepface.app;

import io.jdeepface.converter.ModelConverter;
import io.jdeepface.converter.install.ConverterVersion;
import io.jdeepface.converter.install.ModelConversion;

/**
 * Connects the installer to the real converter. The one place that knows both: the installer
 * takes a {@link ModelConversion}, the converter offers {@code convert} and {@code write}.
 */
public final class ConverterWiring {
    private ConverterWiring() {
    }

    /** Converts with {@link ModelConverter}; the verified source digest goes into the model metadata. */
    public static ModelConversion conversion() {
        return (source, sourceSha256, target) -> {
            var converted = ModelConverter.convert(source, sourceSha256);
            ModelConverter.write(converted, target);
        };
    }

    /** What the installer records per model; a change of either part makes it convert again. */
    public static ConverterVersion version() {
        return new ConverterVersion(ModelConverter.VERSION, ModelConverter.FORMAT_VERSION);
    }
}
