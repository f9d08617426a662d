package io.jdeepface.app.cli;

import io.jdeepface.engine.format.ModelHome;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The {@code --home DIR} option shared by commands that read or write installed models. */
public final class HomeOption {
    @Option(names = "--home", paramLabel = "DIR",
            description = "Model home (default: $JDEEPFACE_HOME, else ~/.jdeepface).")
    Path home;

    public ModelHome modelHome() {
        return ModelHome.resolve(home);
    }
}
