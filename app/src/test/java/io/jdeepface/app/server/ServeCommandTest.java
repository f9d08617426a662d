package io.jdeepface.app.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.app.CliRun;
import io.jdeepface.app.Main;
import io.jdeepface.app.cli.ExitCodes;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code jdeepface serve}: its help, its option checks, and SIGTERM on a real process. */
class ServeCommandTest {
    @Test
    void helpDocumentsRoutesFlagsAndErrors() {
        CliRun help = CliRun.of("serve", "--help");
        assertEquals(ExitCodes.OK, help.code(), help.err());
        for (String s : List.of("POST /represent", "POST /verify", "POST /analyze", "POST /find", "GET  /health",
                "--port", "--max-body", "--max-pixels", "--max-images", "--timeout", "--max-concurrent",
                "--drain-timeout", "--allow-paths", "--db", "--token-env", "JDEEPFACE_API_TOKEN", "--warm",
                "Retry-After", "413", "422", "503", "504", "SIGTERM", "multipart/form-data")) {
            assertTrue(help.out().contains(s), s + " in:\n" + help.out());
        }
    }

    @Test
    void badOptionValuesAreUsageOrInputErrors() {
        CliRun size = CliRun.of("serve", "--max-body", "lots");
        assertEquals(ExitCodes.USAGE, size.code(), size.err());
        assertTrue(size.err().contains("--max-body"), size.err());
        CliRun images = CliRun.of("serve", "--port", "0", "--max-images", "0");
        assertEquals(ExitCodes.BAD_INPUT, images.code(), images.err());
        assertTrue(images.err().contains("max images per request must be positive"), images.err());
    }

    @Test
    void sigtermDrainsAndExits() throws Exception {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(javaBin.toString(), "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "serve", "--port", "0", "--home", ServerFixture.home().root().toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<URI> uri = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                Pattern serving = Pattern.compile("serving on (http://\\S+)");
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                    Matcher m = serving.matcher(line);
                    if (m.find()) {
                        uri.complete(URI.create(m.group(1)));
                    }
                }
            } catch (java.io.IOException e) {
                uri.completeExceptionally(e);
            }
            uri.completeExceptionally(new IllegalStateException("the server exited: " + lines));
        });
        reader.start();
        try {
            URI base = uri.get(60, TimeUnit.SECONDS);
            ServerFixture.Reply health = ServerFixture.send(HttpRequest.newBuilder(base.resolve("/health")).GET());
            assertEquals(200, health.status(), health.toString());
            assertEquals("ok", health.json().get("status").asText());
            // SIGTERM through the handle: Process.destroy() would also close our end of its output.
            assertTrue(p.toHandle().destroy(), "SIGTERM sent");
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "exited after SIGTERM");
            reader.join(10_000);
            String log = String.join("\n", lines);
            assertTrue(log.contains("shutting down") && log.contains("server stopped"), log);
            assertTrue(p.exitValue() == 143 || p.exitValue() == 0, "exit " + p.exitValue() + "\n" + log);
        } finally {
            p.destroyForcibly();
        }
    }
}
