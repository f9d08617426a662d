package io.jdeepface.converter.install;

import io.jdeepface.testdata.TestPackages;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TarReaderTest {
    private static final TarLimits SMALL = new TarLimits(1000, 3000, 10, 4096);

    private static TarReader reader(byte[] tar, TarLimits limits) {
        return new TarReader(new ByteArrayInputStream(tar), "test.tar", limits);
    }

    private static List<String> paths(byte[] tar) throws IOException {
        List<String> names = new ArrayList<>();
        try (TarReader r = reader(tar, TarLimits.DEFAULT)) {
            for (TarEntry e; (e = r.next()) != null; ) {
                names.add(e.path() + (e.directory() ? "/" : ""));
            }
        }
        return names;
    }

    private static InstallException refusal(byte[] tar, TarLimits limits) {
        return assertThrows(InstallException.class, () -> {
            try (TarReader r = reader(tar, limits)) {
                for (TarEntry e; (e = r.next()) != null; ) {
                    r.content().readAllBytes();
                }
            }
        });
    }

    @Test
    void readsFilesDirectoriesAndTheirData() throws IOException {
        byte[] tar = new TarBuilder().directory("package/").file("package/a.txt", "hello")
                .file("package/b/c.bin", new byte[700]).tar();
        try (TarReader r = reader(tar, TarLimits.DEFAULT)) {
            assertEquals(new TarEntry("package", 0, true), r.next());
            TarEntry a = r.next();
            assertEquals(new TarEntry("package/a.txt", 5, false), a);
            assertEquals("hello", new String(r.content().readAllBytes(), StandardCharsets.UTF_8));
            TarEntry c = r.next(); // data of c is skipped unread by the next call
            assertEquals("package/b/c.bin", c.path());
            assertNull(r.next());
            assertNull(r.next());
        }
    }

    @Test
    void joinsUstarPrefixAndReadsPaxAndGnuLongNames() throws IOException {
        String longPath = "package/" + "d".repeat(120) + "/file.txt";
        byte[] tar = new TarBuilder()
                .prefixed("package/deep/folder", "x.onnx", new byte[] {1})
                .paxFile(longPath, new byte[] {2, 3})
                .gnuLongName("package/" + "g".repeat(150), new byte[] {4})
                .tar();
        assertEquals(List.of("package/deep/folder/x.onnx", longPath, "package/" + "g".repeat(150)), paths(tar));
        try (TarReader r = reader(tar, TarLimits.DEFAULT)) {
            r.next();
            r.next();
            assertArrayEquals(new byte[] {2, 3}, r.content().readAllBytes());
        }
    }

    @Test
    void dropsLeadingDotSlash() throws IOException {
        assertEquals(List.of("package/x"), paths(new TarBuilder().file("./package/x", "1").tar()));
    }

    @Test
    void refusesPathTraversalAndAbsolutePaths() {
        for (String bad : List.of("../evil", "package/../../evil", "/etc/passwd", "package/..", "a/./../b",
                "package\\..\\evil", "C:/windows/x")) {
            InstallException e = refusal(new TarBuilder().file(bad, "x").tar(), TarLimits.DEFAULT);
            assertEquals(InstallException.Category.BAD_INPUT, e.category());
            assertTrue(e.getMessage().contains("unsafe path"), e.getMessage());
        }
        // A pax path is checked like any other.
        InstallException pax = refusal(new TarBuilder().paxFile("package/../../../x", new byte[1]).tar(),
                TarLimits.DEFAULT);
        assertTrue(pax.getMessage().contains("unsafe path"), pax.getMessage());
    }

    @Test
    void refusesLinksAndDevices() {
        assertTrue(refusal(new TarBuilder().symlink("package/x", "/etc/passwd").tar(), TarLimits.DEFAULT)
                .getMessage().contains("link entry 'package/x'"));
        assertTrue(refusal(new TarBuilder().hardlink("package/y", "package/x").tar(), TarLimits.DEFAULT)
                .getMessage().contains("link entry"));
        assertTrue(refusal(new TarBuilder().entry("package/dev", '3', new byte[0], "", "").tar(),
                TarLimits.DEFAULT).getMessage().contains("device"));
    }

    @Test
    void enforcesLimits() {
        assertTrue(refusal(new TarBuilder().file("big", new byte[1001]).tar(), SMALL).getMessage()
                .contains("over the limit of 1000"));
        TarBuilder many = new TarBuilder();
        for (int i = 0; i < 11; i++) {
            many.file("f" + i, "x");
        }
        assertTrue(refusal(many.tar(), SMALL).getMessage().contains("more than 10 entries"));
        TarBuilder total = new TarBuilder();
        for (int i = 0; i < 4; i++) {
            total.file("f" + i, new byte[900]);
        }
        assertTrue(refusal(total.tar(), SMALL).getMessage().contains("exceeds the limit of 3000"));
        byte[] bigPax = new TarBuilder().paxFile("p/" + "x".repeat(5000), new byte[1]).tar();
        assertTrue(refusal(bigPax, SMALL).getMessage().contains("extended header"));
    }

    @Test
    void reportsTruncationAndCorruption() {
        byte[] tar = new TarBuilder().file("package/a", new byte[2000]).tar();
        byte[] cut = java.util.Arrays.copyOf(tar, 1024);
        assertTrue(refusal(cut, TarLimits.DEFAULT).getMessage().contains("archive ends inside the data of package/a"));
        byte[] halfHeader = java.util.Arrays.copyOf(tar, 300);
        assertTrue(refusal(halfHeader, TarLimits.DEFAULT).getMessage().contains("truncated header"));
        byte[] badSum = tar.clone();
        badSum[10] ^= 0x55;
        assertTrue(refusal(badSum, TarLimits.DEFAULT).getMessage().contains("checksum"));
        // A size field that promises more than the archive holds.
        byte[] lying = new TarBuilder().rawEntry("package/z", '0', 999_999, new byte[10], "", "").tar();
        assertTrue(refusal(lying, TarLimits.DEFAULT).getMessage().contains("archive ends inside"));
    }

    @Test
    void readsARealNpmTarball() throws IOException {
        List<String> names = new ArrayList<>();
        try (TarReader r = TarReader.openGzip(TestPackages.BLAZEFACE.tarball(), TarLimits.DEFAULT)) {
            for (TarEntry e; (e = r.next()) != null; ) {
                names.add(e.path());
                if (e.path().equals("package/ONNX/face_detection_front_128x128_barracuda.onnx")) {
                    assertEquals("d388b1cf8a5f6f1af2b3f4c14f6d0f138bab970cd618cccd12dddb7484e82e51",
                            Sha256.copy(r.content(), java.io.OutputStream.nullOutputStream()));
                }
            }
        }
        assertEquals(34, names.size());
        assertTrue(names.contains("package/package.json"));
    }

    @Test
    void rejectsNonGzipInput(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        java.nio.file.Path f = dir.resolve("x.tgz");
        java.nio.file.Files.writeString(f, "not gzip at all");
        InstallException e = assertThrows(InstallException.class, () -> TarReader.openGzip(f, TarLimits.DEFAULT));
        assertTrue(e.getMessage().contains("not a gzip-compressed tar archive"), e.getMessage());
    }

    /** Damage anywhere gives an InstallException, never a runtime exception or a huge allocation. */
    @Property(tries = 300)
    void damagedArchivesFailCleanly(@ForAll @IntRange(min = 0, max = 3071) int at, @ForAll byte value,
                                    @ForAll @IntRange(min = 0, max = 3072) int cut) {
        byte[] tar = new TarBuilder().paxFile("package/p", new byte[30]).file("package/a", new byte[600]).tar();
        tar[at] = value;
        byte[] damaged = java.util.Arrays.copyOf(tar, Math.min(cut, tar.length));
        try (TarReader r = reader(damaged, SMALL)) {
            for (TarEntry e; (e = r.next()) != null; ) {
                assertFalse(e.path().contains(".."));
                r.content().readAllBytes();
            }
        } catch (InstallException expected) {
            // fine: a clean, specific error
        } catch (IOException e) {
            throw new AssertionError("unexpected exception type " + e, e);
        }
    }

    @Test
    void safeRelativePaths() {
        assertTrue(TarReader.isSafeRelativePath("model/fr_detect.onnx"));
        assertTrue(TarReader.isSafeRelativePath("a..b/c"));
        for (String bad : new String[] {"", "/a", "a//b", "a/./b", "a/../b", "..", "a\\b", "a\0b", "c:x", "a/"}) {
            assertFalse(TarReader.isSafeRelativePath(bad), bad);
        }
    }
}
