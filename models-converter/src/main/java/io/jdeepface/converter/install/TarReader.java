package io.jdeepface.converter.install;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a tar archive (ustar, pax and GNU long names; what {@code npm pack} writes) one entry at a
 * time, without ever writing anything itself. It refuses what could escape or abuse an extraction
 * folder: absolute paths, {@code ..} segments, links, devices, and anything beyond {@link TarLimits}.
 * Every error is an {@link InstallException} naming the archive and the byte offset.
 *
 * <p>Format: a sequence of 512-byte header blocks, each followed by the entry's data padded to a
 * multiple of 512; two zero blocks end the archive. Pax ({@code x}) and GNU ({@code L}) headers
 * carry the path or size of the entry that follows them.
 */
public final class TarReader implements Closeable {
    private static final int BLOCK = 512;

    private final InputStream in;
    private final String label;
    private final TarLimits limits;
    private final byte[] header = new byte[BLOCK];

    private long offset;          // bytes consumed from the tar stream
    private long remaining;       // unread data bytes of the current entry
    private long padding;         // padding after the current entry's data
    private String currentPath;
    private int entries;
    private long totalData;
    private boolean finished;

    /**
     * @param tar    the uncompressed tar stream; closed by {@link #close()}
     * @param label  how to name the archive in error messages (usually its file name)
     */
    public TarReader(InputStream tar, String label, TarLimits limits) {
        this.in = tar;
        this.label = label;
        this.limits = limits;
    }

    /** Opens a gzip-compressed tar file ({@code .tgz}). */
    public static TarReader openGzip(Path tgz, TarLimits limits) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(tgz), 1 << 16);
        try {
            return new TarReader(new GZIPInputStream(raw, 1 << 16), tgz.getFileName().toString(), limits);
        } catch (ZipException | EOFException e) {
            raw.close();
            throw new InstallException(InstallException.Category.BAD_INPUT,
                    tgz + " is not a gzip-compressed tar archive (" + e.getMessage() + ")", e);
        }
    }

    /** The next file or directory, or null at the end of the archive. Skips unread data of the previous one. */
    public TarEntry next() throws IOException {
        if (finished) {
            return null;
        }
        skipData();
        String pendingPath = null;
        long pendingSize = -1;
        while (true) {
            long headerOffset = offset;
            int n = readFully(header, BLOCK);
            if (n == 0) {
                finished = true; // archive without end blocks; tolerated like GNU tar does
                return null;
            }
            if (n < BLOCK) {
                throw corrupt(headerOffset, "truncated header");
            }
            if (isZero(header)) {
                finished = true;
                return null;
            }
            verifyChecksum(headerOffset);
            char type = (char) (header[156] & 0xff);
            long size = parseOctal(header, 124, 12, headerOffset, "size");
            switch (type) {
                case 'x' -> {
                    for (String[] kv : parsePax(readHeaderData(size, headerOffset), headerOffset)) {
                        switch (kv[0]) {
                            case "path" -> pendingPath = kv[1];
                            case "size" -> pendingSize = parseDecimal(kv[1], headerOffset);
                            default -> { } // mtime, uid, charset...: nothing we use
                        }
                    }
                    continue;
                }
                case 'g' -> {
                    readHeaderData(size, headerOffset); // global defaults: nothing we use
                    continue;
                }
                case 'L' -> {
                    pendingPath = cString(readHeaderData(size, headerOffset), 0, (int) size);
                    continue;
                }
                case 'K' -> {
                    readHeaderData(size, headerOffset); // long link target; the link itself is refused next
                    continue;
                }
                default -> { }
            }
            String rawPath = pendingPath != null ? pendingPath : ustarPath();
            if (pendingSize >= 0) {
                size = pendingSize;
            }
            return accept(type, rawPath, size, headerOffset);
        }
    }

    /** The data of the entry {@link #next()} returned; reads at most its size. Do not close the archive through it. */
    public InputStream content() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (remaining == 0) {
                    return -1;
                }
                int n;
                try {
                    n = in.read(b, off, (int) Math.min(len, remaining));
                } catch (EOFException | ZipException e) {
                    throw corrupt(offset, "compressed data is truncated or corrupt inside " + currentPath
                            + " (" + e.getMessage() + ")");
                }
                if (n < 0) {
                    throw corrupt(offset, "archive ends inside the data of " + currentPath);
                }
                remaining -= n;
                offset += n;
                return n;
            }
        };
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * Whether {@code path} is a plain relative path that stays inside the folder it is resolved
     * against: not empty, not absolute, no {@code ..}, {@code .} or empty segments, no backslash,
     * NUL or drive letter.
     */
    public static boolean isSafeRelativePath(String path) {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.indexOf('\\') >= 0
                || path.indexOf('\0') >= 0 || path.matches("^[A-Za-z]:.*")) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private TarEntry accept(char type, String rawPath, long size, long headerOffset) throws IOException {
        if (++entries > limits.maxEntries()) {
            throw refused(headerOffset, "more than " + limits.maxEntries() + " entries");
        }
        boolean directory = switch (type) {
            case '0', '\0', '7' -> false;
            case '5' -> true;
            case '1', '2' -> throw refused(headerOffset, "link entry '" + rawPath + "' (links are not extracted)");
            case '3', '4', '6' -> throw refused(headerOffset, "device or fifo entry '" + rawPath + "'");
            default -> throw refused(headerOffset, "entry '" + rawPath + "' of unsupported type '" + type + "'");
        };
        String path = normalize(rawPath);
        if (path == null) {
            throw refused(headerOffset, "unsafe path '" + rawPath.replace("\0", "\\0")
                    + "' (absolute, '..' or otherwise escaping the extraction folder)");
        }
        if (size > limits.maxEntrySize()) {
            throw refused(headerOffset, "entry '" + path + "' is " + size + " bytes, over the limit of "
                    + limits.maxEntrySize());
        }
        totalData += size;
        if (totalData > limits.maxTotalSize()) {
            throw refused(headerOffset, "archive data exceeds the limit of " + limits.maxTotalSize() + " bytes");
        }
        currentPath = path;
        remaining = size;
        padding = (BLOCK - size % BLOCK) % BLOCK;
        return new TarEntry(path, directory ? 0 : size, directory);
    }

    /** Drops a leading {@code ./} and the trailing {@code /} of directories; null if unsafe. */
    private static String normalize(String raw) {
        String p = raw;
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.endsWith("/") && p.length() > 1) {
            p = p.substring(0, p.length() - 1);
        }
        return isSafeRelativePath(p) ? p : null;
    }

    private String ustarPath() {
        String name = cString(header, 0, 100);
        boolean ustar = header[257] == 'u' && header[258] == 's' && header[259] == 't'
                && header[260] == 'a' && header[261] == 'r';
        // POSIX ustar splits long paths into prefix (345..500) + "/" + name; GNU tar uses that area otherwise.
        if (ustar && header[262] == 0) {
            String prefix = cString(header, 345, 155);
            if (!prefix.isEmpty()) {
                return prefix + "/" + name;
            }
        }
        return name;
    }

    private void skipData() throws IOException {
        long skip = remaining + padding;
        remaining = 0;
        padding = 0;
        if (skip > 0) {
            try {
                in.skipNBytes(skip);
            } catch (EOFException e) {
                throw corrupt(offset, "archive ends inside the data of " + currentPath);
            }
            offset += skip;
        }
    }

    private byte[] readHeaderData(long size, long headerOffset) throws IOException {
        if (size > limits.maxHeaderSize()) {
            throw refused(headerOffset, "extended header of " + size + " bytes, over the limit of "
                    + limits.maxHeaderSize());
        }
        int padded = (int) ((size + BLOCK - 1) / BLOCK * BLOCK);
        byte[] data = new byte[padded];
        if (readFully(data, padded) < padded) {
            throw corrupt(headerOffset, "truncated extended header");
        }
        return java.util.Arrays.copyOf(data, (int) size);
    }

    /** Pax records: {@code "<length> <key>=<value>\n"}, length counting the whole record. */
    private List<String[]> parsePax(byte[] data, long headerOffset) throws IOException {
        List<String[]> records = new ArrayList<>();
        int pos = 0;
        while (pos < data.length) {
            int space = pos;
            while (space < data.length && data[space] >= '0' && data[space] <= '9' && space - pos < 9) {
                space++;
            }
            if (space == pos || space >= data.length || data[space] != ' ') {
                throw corrupt(headerOffset, "malformed pax record at byte " + pos);
            }
            int length = Integer.parseInt(new String(data, pos, space - pos, StandardCharsets.US_ASCII));
            int end = pos + length;
            if (length <= space - pos + 1 || end > data.length || data[end - 1] != '\n') {
                throw corrupt(headerOffset, "malformed pax record at byte " + pos);
            }
            String record = new String(data, space + 1, end - space - 2, StandardCharsets.UTF_8);
            int eq = record.indexOf('=');
            if (eq <= 0) {
                throw corrupt(headerOffset, "pax record without key=value at byte " + pos);
            }
            records.add(new String[] {record.substring(0, eq), record.substring(eq + 1)});
            pos = end;
        }
        return records;
    }

    private void verifyChecksum(long headerOffset) throws IOException {
        long stored = parseOctal(header, 148, 8, headerOffset, "checksum");
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            byte b = (i >= 148 && i < 156) ? (byte) ' ' : header[i];
            unsigned += b & 0xff;
            signed += b;
        }
        if (stored != unsigned && stored != signed) {
            throw corrupt(headerOffset, "header checksum mismatch (not a tar archive, or corrupt)");
        }
    }

    /** An octal number field: optional leading spaces, digits, then NUL or space. */
    private long parseOctal(byte[] b, int start, int length, long headerOffset, String field) throws IOException {
        if ((b[start] & 0x80) != 0) {
            throw refused(headerOffset, "base-256 " + field + " field (entries over 8 GiB are not supported)");
        }
        int i = start;
        int end = start + length;
        while (i < end && b[i] == ' ') {
            i++;
        }
        long value = 0;
        for (; i < end && b[i] != 0 && b[i] != ' '; i++) {
            if (b[i] < '0' || b[i] > '7') {
                throw corrupt(headerOffset, "invalid " + field + " field");
            }
            value = value * 8 + (b[i] - '0');
        }
        return value;
    }

    private long parseDecimal(String s, long headerOffset) throws IOException {
        if (!s.matches("[0-9]{1,18}")) {
            throw corrupt(headerOffset, "invalid pax size '" + s + "'");
        }
        return Long.parseLong(s);
    }

    private static String cString(byte[] b, int start, int length) {
        int end = start;
        while (end < start + length && b[end] != 0) {
            end++;
        }
        return new String(b, start, end - start, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private int readFully(byte[] b, int length) throws IOException {
        int n;
        try {
            n = in.readNBytes(b, 0, length);
        } catch (EOFException | ZipException e) {
            throw corrupt(offset, "compressed data is truncated or corrupt (" + e.getMessage() + ")");
        }
        offset += n;
        return n;
    }

    private InstallException corrupt(long at, String what) {
        return new InstallException(InstallException.Category.BAD_INPUT,
                "corrupt tar archive " + label + " at byte " + at + ": " + what);
    }

    private InstallException refused(long at, String what) {
        return new InstallException(InstallException.Category.BAD_INPUT,
                "refusing tar archive " + label + " at byte " + at + ": " + what);
    }
}
