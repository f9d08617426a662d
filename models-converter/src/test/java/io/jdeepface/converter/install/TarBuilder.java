package io.jdeepface.converter.install;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small tar archives in tests, including the hostile kinds a real tar tool would not make. */
final class TarBuilder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    TarBuilder file(String name, byte[] data) {
        return entry(name, '0', data, "", "");
    }

    TarBuilder file(String name, String text) {
        return file(name, text.getBytes(StandardCharsets.UTF_8));
    }

    TarBuilder directory(String name) {
        return entry(name, '5', new byte[0], "", "");
    }

    TarBuilder symlink(String name, String target) {
        return entry(name, '2', new byte[0], target, "");
    }

    TarBuilder hardlink(String name, String target) {
        return entry(name, '1', new byte[0], target, "");
    }

    /** A ustar entry whose path is split into the prefix and name fields. */
    TarBuilder prefixed(String prefix, String name, byte[] data) {
        return entry(name, '0', data, "", prefix);
    }

    /** A pax header carrying the path, then the entry with a dummy short name. */
    TarBuilder paxFile(String path, byte[] data) {
        byte[] pax = paxRecord("path", path);
        entry("PaxHeader", 'x', pax, "", "");
        return entry("short-name", '0', data, "", "");
    }

    /** A GNU long-name header, then the entry. */
    TarBuilder gnuLongName(String path, byte[] data) {
        byte[] name = (path + "\0").getBytes(StandardCharsets.UTF_8);
        entry("././@LongLink", 'L', name, "", "");
        return entry(path.substring(0, Math.min(99, path.length())), '0', data, "", "");
    }

    /** Raw header with any type and a size field that may lie about the data that follows. */
    TarBuilder entry(String name, char type, byte[] data, String link, String prefix) {
        return rawEntry(name, type, data.length, data, link, prefix);
    }

    TarBuilder rawEntry(String name, char type, long declaredSize, byte[] data, String link, String prefix) {
        byte[] h = new byte[512];
        put(h, 0, 100, name);
        put(h, 100, 8, "0000644");
        put(h, 108, 8, "0000000");
        put(h, 116, 8, "0000000");
        put(h, 124, 12, String.format("%011o", declaredSize));
        put(h, 136, 12, "00000000000");
        h[156] = (byte) type;
        put(h, 157, 100, link);
        put(h, 257, 6, "ustar");
        put(h, 263, 2, "00");
        put(h, 345, 155, prefix);
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, 7, String.format("%06o", sum));
        out.writeBytes(h);
        out.writeBytes(data);
        out.writeBytes(new byte[(512 - data.length % 512) % 512]);
        return this;
    }

    byte[] tar() {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        copy.writeBytes(out.toByteArray());
        copy.writeBytes(new byte[1024]);
        return copy.toByteArray();
    }

    byte[] tgz() {
        try {
            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
                z.write(tar());
            }
            return gz.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path writeTgz(Path file) throws IOException {
        Files.write(file, tgz());
        return file;
    }

    private static byte[] paxRecord(String key, String value) {
        String body = " " + key + "=" + value + "\n";
        int len = body.getBytes(StandardCharsets.UTF_8).length;
        int total = len + String.valueOf(len).length();
        if (String.valueOf(total).length() != String.valueOf(len).length()) {
            total++;
        }
        return (total + body).getBytes(StandardCharsets.UTF_8);
    }

    private static void put(byte[] h, int at, int max, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, at, Math.min(b.length, max));
    }
}
