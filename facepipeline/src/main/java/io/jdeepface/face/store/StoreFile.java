package io.jdeepface.face.store;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The store's file format, version {@value #FORMAT_VERSION}. Big-endian throughout:
 *
 * <pre>
 *   8 bytes   magic "JDFSTORE"
 *   int       format version
 *   int n,    n bytes UTF-8 settings, "key=value" lines (see {@link StoreSettings})
 *   int       embedding dimension D (0 when there are no faces)
 *   int       file count F
 *   int       face count N
 *   int m,    m bytes of F file records, sorted by path:
 *               u16 length + UTF-8 relative path ('/'-separated), 32 bytes SHA-256,
 *               long size, long modified (ns since epoch), byte status (FileStatus ordinal),
 *               u16 length + UTF-8 message, int number of faces
 *   N × 9     floats per face, in file order: box x, y, w, h, left eye x, y, right eye x, y
 *             (NaN when absent), detector confidence
 *   N × D     floats: the embeddings, same order
 *   int       CRC32C of every byte before it
 * </pre>
 *
 * <p>Every count is checked against the file size before anything is allocated, so a damaged or
 * hostile file is a {@link StoreFormatException}, never an OutOfMemoryError.
 */
final class StoreFile {
    static final int FORMAT_VERSION = 1;
    private static final byte[] MAGIC = "JDFSTORE".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_DIMENSION = 1 << 16;
    private static final int MAX_SETTINGS_BYTES = 1 << 16;
    /** Smallest file record: two empty strings' lengths, hash, size, time, status, face count. */
    private static final int MIN_FILE_RECORD = 2 + 32 + 8 + 8 + 1 + 2 + 4;
    private static final int CHUNK_FLOATS = 1 << 16;

    private StoreFile() {
    }

    /** The file exists but cannot be used; the message says why, for the log line about the rebuild. */
    static final class StoreFormatException extends Exception {
        private static final long serialVersionUID = 1L;

        StoreFormatException(String reason) {
            super(reason);
        }
    }

    static void write(OutputStream target, StoreSettings settings, StoreData data) throws IOException {
        CheckedOutputStream checked = new CheckedOutputStream(target, new CRC32C());
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(checked, 1 << 16));
        out.write(MAGIC);
        out.writeInt(FORMAT_VERSION);
        byte[] settingsText = settingsText(settings.toMap()).getBytes(StandardCharsets.UTF_8);
        out.writeInt(settingsText.length);
        out.write(settingsText);
        out.writeInt(data.dimension);
        out.writeInt(data.files.size());
        out.writeInt(data.faceCount());
        byte[] records = fileRecords(data.files);
        out.writeInt(records.length);
        out.write(records);
        writeFloats(out, data.faceData);
        writeFloats(out, data.embeddings);
        out.flush(); // the checksum sees bytes only once the buffer hands them on
        out.writeInt((int) checked.getChecksum().getValue());
        out.flush();
    }

    static StoreData read(Path file, StoreSettings expected) throws IOException, StoreFormatException {
        long fileSize = Files.size(file);
        try (InputStream raw = Files.newInputStream(file)) {
            // The checksum sits above the buffer so that it sees exactly the bytes parsed, not read-ahead.
            CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(raw, 1 << 16), new CRC32C());
            DataInputStream in = new DataInputStream(checked);
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new StoreFormatException("it is not a jdeepface embedding store (bad magic bytes)");
            }
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new StoreFormatException("it has store format version " + version + ", this jdeepface uses "
                        + FORMAT_VERSION);
            }
            Map<String, String> stored = parseSettings(readBlock(in, in.readInt(), MAX_SETTINGS_BYTES, "settings"));
            Map<String, String> wanted = expected.toMap();
            if (!stored.equals(wanted)) {
                throw new StoreFormatException("it was made with other settings: " + difference(stored, wanted));
            }
            int dimension = in.readInt();
            int fileCount = in.readInt();
            int faceCount = in.readInt();
            if (dimension < 0 || dimension > MAX_DIMENSION || fileCount < 0 || faceCount < 0
                    || (faceCount > 0 && dimension == 0)
                    || (long) fileCount * MIN_FILE_RECORD > fileSize
                    || (long) faceCount * (StoreData.FACE_FLOATS + dimension) * Float.BYTES > fileSize
                    || (long) faceCount * dimension > StoreData.MAX_ARRAY
                    || (long) faceCount * StoreData.FACE_FLOATS > StoreData.MAX_ARRAY) {
                throw new StoreFormatException("its header is corrupt (dimension " + dimension + ", " + fileCount
                        + " files, " + faceCount + " faces in a file of " + fileSize + " bytes)");
            }
            int recordBytes = in.readInt();
            if (recordBytes < 0 || recordBytes > fileSize) {
                throw new StoreFormatException("its file table length " + recordBytes + " is corrupt");
            }
            List<FileRecord> files = parseFileRecords(readBlock(in, recordBytes, recordBytes, "file table"),
                    fileCount, faceCount);
            float[] faceData = readFloats(in, faceCount * StoreData.FACE_FLOATS);
            float[] embeddings = readFloats(in, faceCount * dimension);
            int computed = (int) checked.getChecksum().getValue();
            int storedChecksum = in.readInt();
            if (in.read() != -1) {
                throw new StoreFormatException("it has bytes after its checksum");
            }
            if (computed != storedChecksum) {
                throw new StoreFormatException("its checksum does not match (the file is damaged)");
            }
            for (float v : embeddings) {
                if (!Float.isFinite(v)) {
                    throw new StoreFormatException("it holds a NaN or infinite embedding value");
                }
            }
            StoreData data;
            try {
                data = new StoreData(files, dimension, faceData, embeddings);
            } catch (IllegalStateException e) {
                throw new StoreFormatException(e.getMessage());
            }
            for (double norm : data.squaredNorms) {
                if (!(norm > 0)) {
                    throw new StoreFormatException("it holds an all-zero embedding");
                }
            }
            return data;
        } catch (EOFException e) {
            throw new StoreFormatException("it is truncated (an interrupted write or a damaged disk)");
        }
    }

    private static String settingsText(Map<String, String> settings) {
        StringBuilder sb = new StringBuilder();
        settings.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }

    private static Map<String, String> parseSettings(byte[] bytes) throws StoreFormatException {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : utf8(bytes, "settings").split("\n")) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new StoreFormatException("its settings are corrupt");
            }
            m.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return m;
    }

    private static String difference(Map<String, String> stored, Map<String, String> wanted) {
        List<String> diffs = new ArrayList<>();
        for (var e : wanted.entrySet()) {
            String was = stored.get(e.getKey());
            if (!e.getValue().equals(was)) {
                diffs.add(e.getKey() + " " + (was == null ? "missing" : "'" + was + "'") + ", now '" + e.getValue() + "'");
            }
        }
        for (String key : stored.keySet()) {
            if (!wanted.containsKey(key)) {
                diffs.add("unknown setting " + key);
            }
        }
        return String.join("; ", diffs);
    }

    private static byte[] fileRecords(List<FileRecord> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (FileRecord f : files) {
            writeString(out, f.path());
            out.write(f.sha256().isEmpty() ? new byte[32] : HexFormat.of().parseHex(f.sha256()));
            out.writeLong(f.size());
            out.writeLong(f.modifiedNanos());
            out.writeByte(f.status().ordinal());
            writeString(out, f.message());
            out.writeInt(f.faceCount());
        }
        return bytes.toByteArray();
    }

    private static List<FileRecord> parseFileRecords(byte[] block, int fileCount, int faceCount)
            throws StoreFormatException {
        ByteBuffer b = ByteBuffer.wrap(block);
        List<FileRecord> files = new ArrayList<>(fileCount);
        long faces = 0;
        String previous = null;
        try {
            for (int i = 0; i < fileCount; i++) {
                String path = readString(b, "path");
                if (!isSafeRelativePath(path) || (previous != null && previous.compareTo(path) >= 0)) {
                    throw new StoreFormatException("its file table is corrupt (path '" + path + "')");
                }
                previous = path;
                byte[] hash = new byte[32];
                b.get(hash);
                long size = b.getLong();
                long modified = b.getLong();
                int status = b.get();
                String message = readString(b, "message");
                int n = b.getInt();
                if (status < 0 || status >= FileStatus.values().length || n < 0
                        || (n > 0) != (status == FileStatus.FACES.ordinal())) {
                    throw new StoreFormatException("its file table is corrupt (record of '" + path + "')");
                }
                faces += n;
                String hex = HexFormat.of().formatHex(hash);
                files.add(new FileRecord(path, hex.equals("0".repeat(64)) ? "" : hex, size, modified,
                        FileStatus.values()[status], message, n));
            }
        } catch (BufferUnderflowException e) {
            throw new StoreFormatException("its file table is truncated");
        }
        if (b.hasRemaining() || faces != faceCount) {
            throw new StoreFormatException("its file table is corrupt (" + faces + " faces listed, " + faceCount
                    + " stored)");
        }
        return files;
    }

    /** Relative, '/'-separated, no empty, "." or ".." segments: a store cannot point outside its folder. */
    static boolean isSafeRelativePath(String path) {
        if (path.isEmpty() || path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** Whether the store can hold this relative path and read it back unchanged. */
    static boolean isStorablePath(String path) {
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        return isSafeRelativePath(path) && bytes.length <= 0xFFFF
                && new String(bytes, StandardCharsets.UTF_8).equals(path);
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0xFFFF) {
            throw new IOException("cannot store a string of " + bytes.length + " bytes: " + s.substring(0, 80) + "...");
        }
        out.writeShort(bytes.length);
        out.write(bytes);
    }

    private static String readString(ByteBuffer b, String what) throws StoreFormatException {
        byte[] bytes = new byte[Short.toUnsignedInt(b.getShort())];
        b.get(bytes);
        return utf8(bytes, what);
    }

    private static String utf8(byte[] bytes, String what) throws StoreFormatException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new StoreFormatException("its " + what + " are not valid UTF-8");
        }
    }

    private static byte[] readBlock(DataInputStream in, int length, long max, String what)
            throws IOException, StoreFormatException {
        if (length < 0 || length > max) {
            throw new StoreFormatException("its " + what + " length " + length + " is corrupt");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_FLOATS * Float.BYTES);
        for (int off = 0; off < values.length; off += CHUNK_FLOATS) {
            int n = Math.min(CHUNK_FLOATS, values.length - off);
            chunk.clear();
            chunk.asFloatBuffer().put(values, off, n);
            out.write(chunk.array(), 0, n * Float.BYTES);
        }
    }

    private static float[] readFloats(DataInputStream in, int count) throws IOException {
        float[] values = new float[count];
        byte[] chunk = new byte[Math.min(count, CHUNK_FLOATS) * Float.BYTES];
        for (int off = 0; off < count; off += CHUNK_FLOATS) {
            int n = Math.min(CHUNK_FLOATS, count - off);
            in.readFully(chunk, 0, n * Float.BYTES);
            ByteBuffer.wrap(chunk, 0, n * Float.BYTES).asFloatBuffer().get(values, off, n);
        }
        return values;
    }
}
