package io.jdeepface.app;

import io.jdeepface.app.cli.AnalyzeCommand;
import io.jdeepface.app.cli.BenchModelCommand;
import io.jdeepface.app.cli.ConvertCommand;
import io.jdeepface.app.cli.DemoCommand;
import io.jdeepface.app.cli.ErrorReporter;
import io.jdeepface.app.cli.EvaluateCommand;
import io.jdeepface.app.cli.ExtractCommand;
import io.jdeepface.app.cli.FindCommand;
import io.jdeepface.app.cli.InspectCommand;
import io.jdeepface.app.cli.ModelsCommand;
import io.jdeepface.app.cli.RepresentCommand;
import io.jdeepface.app.cli.RunCommand;
import io.jdeepface.app.cli.ServeCommand;
import io.jdeepface.app.cli.VerifyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code jdeepface} command line. Each subcommand is one class in {@code io.jdeepface.app.cli}.
 * Exit codes: see {@link io.jdeepface.app.cli.ExitCodes}.
 */
@Command(name = "jdeepface", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Face recognition on the JVM: pure-Java models on a CPU tensor runtime.",
        subcommands = {VerifyCommand.class, RepresentCommand.class, AnalyzeCommand.class, ExtractCommand.class,
            FindCommand.class, ServeCommand.class, DemoCommand.class, ModelsCommand.class, ConvertCommand.class,
            InspectCommand.class, RunCommand.class, BenchModelCommand.class, EvaluateCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 internal failure, 2 usage error, 3 bad input, 4 environment."})
public final class Main implements Runnable {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        // Core modules log through System.Logger (java.util.logging by default): one line per record.
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "jdeepface: %4$s: %5$s%6$s%n");
        }
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code. */
    public static int run(String... args) {
        return commandLine(CommandLine.defaultFactory()).execute(args);
    }

    /** The configured command line; {@code factory} creates the subcommand objects (tests swap some). */
    public static CommandLine commandLine(CommandLine.IFactory factory) {
        CommandLine cl = new CommandLine(new Main(), factory);
        cl.setExecutionExceptionHandler(new ErrorReporter());
        return cl;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command; see 'jdeepface --help'");
    }

    /** The version from the jar manifest (absent when run from class folders). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"jdeepface " + (v != null ? v : "(development build)"),
                    "Java " + Runtime.version() + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
        }
    }
}
