package io.jdeepface.converter.install;

/** A tarball or file does not hash to its pinned SHA-256: it is corrupt, truncated or not the pinned version. */
public final class DigestMismatchException extends InstallException {
    private final String what;
    private final String expected;
    private final String actual;

    /**
     * @param what     which package or file, as the user knows it
     * @param where    the file that was hashed
     */
    public DigestMismatchException(String what, String where, String expected, String actual) {
        super(Category.BAD_INPUT, "SHA-256 mismatch for " + what + " (" + where + "): expected " + expected
                + ", actual " + actual + "; the file is corrupt or not the pinned version");
        this.what = what;
        this.expected = expected;
        this.actual = actual;
    }

    public String what() {
        return what;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
