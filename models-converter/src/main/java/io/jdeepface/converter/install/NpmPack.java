package io.jdeepface.converter.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Downloads a package tarball by running {@code npm pack <name>@<version>} in an empty folder.
 * npm chooses the registry (its own configuration, proxies, mirrors); this code names no host.
 * Errors are {@link InstallException}s of category ENVIRONMENT: npm missing, npm failing.
 */
public final class NpmPack {
    private static final System.Logger LOG = System.getLogger(NpmPack.class.getName());
    private static final long TIMEOUT_MINUTES = 15;

    private final String npmCommand;

    /** @param npmCommand the npm executable, usually just {@code npm} (found on the PATH) */
    public NpmPack(String npmCommand) {
        this.npmCommand = npmCommand;
    }

    /** Runs {@code npm pack} for {@code pkg} in the empty folder {@code workDir}; returns the tarball it wrote. */
    public Path pack(NpmPackage pkg, Path workDir) throws IOException {
        List<String> cmd = List.of(npmCommand, "pack", "--silent", "--ignore-scripts", pkg.spec());
        LOG.log(System.Logger.Level.DEBUG, "running {0} in {1}", String.join(" ", cmd), workDir);
        Process process;
        try {
            process = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new InstallException(InstallException.Category.ENVIRONMENT, "cannot run '" + npmCommand
                    + "' to download " + pkg.spec() + " (is npm installed and on the PATH?): " + e.getMessage()
                    + "; install Node.js and npm, or pass --from with the package tarball or folder", e);
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit;
        try {
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new InstallException(InstallException.Category.ENVIRONMENT,
                        "npm pack " + pkg.spec() + " did not finish within " + TIMEOUT_MINUTES + " minutes");
            }
            exit = process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InstallException(InstallException.Category.ENVIRONMENT, "interrupted while running npm pack", e);
        }
        if (exit != 0) {
            throw new InstallException(InstallException.Category.ENVIRONMENT, "npm pack " + pkg.spec()
                    + " failed (exit " + exit + "): " + lastLines(output)
                    + "; check the network and npm configuration, or pass --from with the package tarball or folder");
        }
        try (Stream<Path> files = Files.list(workDir)) {
            List<Path> tarballs = files.filter(p -> p.getFileName().toString().endsWith(".tgz")).toList();
            if (tarballs.size() != 1) {
                throw new InstallException(InstallException.Category.ENVIRONMENT, "npm pack " + pkg.spec()
                        + " wrote " + tarballs.size() + " tarballs instead of one: " + lastLines(output));
            }
            return tarballs.getFirst();
        }
    }

    /** npm's error output can be long; keep the end, joined into one line. */
    private static String lastLines(String output) {
        List<String> lines = output.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
        String tail = String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        return tail.isEmpty() ? "(no output)" : tail;
    }
}
