package io.jdeepface.app.cli;

import io.jdeepface.app.ConverterWiring;
import io.jdeepface.converter.install.CatalogModel;
import io.jdeepface.converter.install.ModelInstaller;
import io.jdeepface.converter.install.ModelStatus;
import io.jdeepface.engine.format.ModelHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code jdeepface models list}: every known model, where it comes from and whether it is installed. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the known models, their source package and license, and whether each is installed.")
public final class ModelsListCommand implements Callable<Integer> {
    @Mixin
    HomeOption home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ModelHome modelHome = home.modelHome();
        // The converter is not run here; the wiring only supplies the version to compare with.
        ModelInstaller installer = new ModelInstaller(modelHome, ConverterWiring.conversion(), ConverterWiring.version());
        List<ModelStatus> status = installer.status();
        String row = "%-18s %-6s %-38s %-10s %-9s %9s%n";
        out.printf(row, "NAME", "FORMAT", "SOURCE PACKAGE", "LICENSE", "STATE", "SIZE");
        for (ModelStatus s : status) {
            CatalogModel m = s.model();
            out.printf(row, m.name(), m.format().label(), m.npmPackage().spec(), m.license(), s.state().label(),
                    s.size() < 0 ? "-" : humanSize(s.size()));
        }
        long installed = status.stream().filter(s -> s.state() == ModelStatus.State.INSTALLED).count();
        out.printf("%d of %d installed in %s%n", installed, status.size(), modelHome);
        return ExitCodes.OK;
    }

    static String humanSize(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double kib = bytes / 1024.0;
        return kib < 1024 ? String.format(Locale.ROOT, "%.1f KiB", kib)
                : String.format(Locale.ROOT, "%.1f MiB", kib / 1024);
    }
}
