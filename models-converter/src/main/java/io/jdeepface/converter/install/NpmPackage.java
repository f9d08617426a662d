package io.jdeepface.converter.install;

import java.util.Objects;

/**
 * One pinned npm package: the installer fetches exactly this version and accepts the tarball only
 * if its SHA-256 matches.
 *
 * @param name          npm name, possibly scoped ({@code @vladmandic/human})
 * @param version       exact version
 * @param tarballSha256 lower-case hex SHA-256 of the {@code .tgz} that {@code npm pack} produces
 * @param license       SPDX identifier of the package license
 */
public record NpmPackage(String name, String version, String tarballSha256, String license) {
    public NpmPackage {
        Objects.requireNonNull(name);
        Objects.requireNonNull(version);
        Sha256.requireHex(tarballSha256);
        Objects.requireNonNull(license);
    }

    /** {@code name@version}, what {@code npm pack} takes. */
    public String spec() {
        return name + "@" + version;
    }

    /**
     * File name the tarball is cached under: {@code @vladmandic/human@3.3.6} becomes
     * {@code vladmandic_human-3.3.6.tgz} (the same naming as the test cache, so either cache can
     * feed the other).
     */
    public String cacheFileName() {
        String n = name.startsWith("@") ? name.substring(1) : name;
        return n.replace('/', '_') + "-" + version + ".tgz";
    }

    /** File name {@code npm pack} gives the tarball: {@code vladmandic-human-3.3.6.tgz}. */
    public String npmFileName() {
        String n = name.startsWith("@") ? name.substring(1) : name;
        return n.replace('/', '-') + "-" + version + ".tgz";
    }

    @Override
    public String toString() {
        return spec();
    }
}
