package io.jdeepface.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jdeepface models ...}: install and list the pretrained models. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Install and list the pretrained models.",
        subcommands = {ModelsInstallCommand.class, ModelsListCommand.class})
public final class ModelsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing command: 'models install' or 'models list'");
    }
}
