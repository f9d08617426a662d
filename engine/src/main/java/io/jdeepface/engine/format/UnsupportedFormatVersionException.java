package io.jdeepface.engine.format;

/**
 * The model file was written in a format version this code cannot read, typically by a newer
 * jdeepface. The fix is to upgrade jdeepface or to convert the source model again with this one.
 */
public class UnsupportedFormatVersionException extends ModelFormatException {
    private final FormatVersion fileVersion;
    private final FormatVersion supportedVersion;

    public UnsupportedFormatVersionException(String source, FormatVersion fileVersion,
                                             FormatVersion supportedVersion) {
        super(source + ": model file format version " + fileVersion + " is not supported; this jdeepface"
                + " reads format " + supportedVersion.major() + ".x (up to " + supportedVersion + ")."
                + (fileVersion.major() > supportedVersion.major()
                        ? " The file was written by a newer jdeepface: upgrade, or convert the source model again."
                        : " Convert the source model again."));
        this.fileVersion = fileVersion;
        this.supportedVersion = supportedVersion;
    }

    public FormatVersion fileVersion() {
        return fileVersion;
    }

    public FormatVersion supportedVersion() {
        return supportedVersion;
    }
}
