package io.jdeepface.converter.install;

import java.nio.file.Path;

/**
 * Whether one catalog model is installed in a home.
 *
 * @param model the catalog entry
 * @param file  where its converted file is or would be
 * @param state see {@link State}
 * @param size  bytes of the converted file, or -1 when there is none
 */
public record ModelStatus(CatalogModel model, Path file, State state, long size) {
    public enum State {
        /** Converted from the pinned sources by the current converter. */
        INSTALLED,
        /** A converted file exists but came from other sources, another converter or format version, or is damaged. */
        OUTDATED,
        /** No converted file. */
        MISSING;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
