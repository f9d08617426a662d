package io.jdeepface.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Exit code, stdout and stderr of one {@code jdeepface} command line run in-process. */
public record CliRun(int code, String out, String err) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Runs {@code args} with the default command factory. */
    public static CliRun of(String... args) {
        return of(CommandLine.defaultFactory(), args);
    }

    /** Runs {@code args}; {@code factory} creates the subcommands (tests swap some). */
    public static CliRun of(CommandLine.IFactory factory, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine(factory);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Stdout parsed as JSON. */
    public JsonNode json() throws Exception {
        return JSON.readTree(out);
    }
}
