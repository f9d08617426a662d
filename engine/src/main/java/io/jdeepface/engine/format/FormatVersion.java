package io.jdeepface.engine.format;

/**
 * The version of the model file format, {@code major.minor}. A reader opens every file of its own
 * major version: a newer minor version only adds things an older reader may skip (see
 * {@code docs/model-format.md}, "Versioning"). A new major version is not readable by older code.
 */
public record FormatVersion(int major, int minor) {
    /** The version this code writes and the newest it reads. */
    public static final FormatVersion CURRENT = new FormatVersion(1, 0);

    public FormatVersion {
        if (major < 0 || major > 0xFFFF || minor < 0 || minor > 0xFFFF) {
            throw new IllegalArgumentException("version parts are unsigned 16-bit: " + major + "." + minor);
        }
    }

    /** True when a file of this version can be read by code that knows {@code reader}. */
    public boolean readableBy(FormatVersion reader) {
        return major == reader.major;
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
