package io.jdeepface.converter.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A stand-in converter for installer tests: the "converted" model is a copy of the source file. */
final class CopyConversion implements ModelConversion {
    final List<String> converted = new ArrayList<>();

    @Override
    public void convert(Path source, String sourceSha256, Path target) throws IOException {
        if (!Sha256.of(source).equals(sourceSha256)) {
            throw new AssertionError("installer passed a wrong digest for " + source);
        }
        converted.add(source.getFileName().toString());
        Files.copy(source, target);
    }
}
