package io.jdeepface.converter.install;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One installable model: where it comes from and what its files must hash to.
 *
 * @param name        logical name, also the converted file's base name ({@code arcface-512})
 * @param description what the model computes, one short phrase
 * @param npmPackage  the package that holds it
 * @param format      how it is published
 * @param source      the file handed to the converter: the {@code .onnx} file or the TF.js {@code model.json}
 * @param weights     TF.js weight shards next to {@code model.json}; empty for ONNX
 */
public record CatalogModel(String name, String description, NpmPackage npmPackage, SourceFormat format,
                           PinnedFile source, List<PinnedFile> weights) {
    public CatalogModel {
        Objects.requireNonNull(name);
        Objects.requireNonNull(description);
        Objects.requireNonNull(npmPackage);
        Objects.requireNonNull(format);
        Objects.requireNonNull(source);
        weights = List.copyOf(weights);
        if (format == SourceFormat.ONNX && !weights.isEmpty()) {
            throw new IllegalArgumentException(name + ": an ONNX model has no separate weight files");
        }
    }

    /** Every file the conversion reads: the source first, then the shards. */
    public List<PinnedFile> files() {
        List<PinnedFile> all = new ArrayList<>(1 + weights.size());
        all.add(source);
        all.addAll(weights);
        return List.copyOf(all);
    }

    /** The SHA-256 of each file in {@link #files()} order; the manifest compares these. */
    public List<String> sourceDigests() {
        return files().stream().map(PinnedFile::sha256).toList();
    }

    public String license() {
        return npmPackage.license();
    }
}
