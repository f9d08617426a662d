package io.jdeepface.converter.install;

import java.util.List;

/**
 * What an install run did.
 *
 * @param converted      models converted and written in this run
 * @param upToDate       models already installed from the same sources by the same converter
 * @param samplesCopied  sample photos written in this run
 * @param samplesUpToDate sample photos already in place
 */
public record InstallReport(List<String> converted, List<String> upToDate, List<String> samplesCopied,
                            List<String> samplesUpToDate) {
    public InstallReport {
        converted = List.copyOf(converted);
        upToDate = List.copyOf(upToDate);
        samplesCopied = List.copyOf(samplesCopied);
        samplesUpToDate = List.copyOf(samplesUpToDate);
    }

    /** Whether the run changed nothing in the home. */
    public boolean nothingChanged() {
        return converted.isEmpty() && samplesCopied.isEmpty();
    }
}
