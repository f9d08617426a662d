package io.jdeepface.face.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An LFW-style pairs file ({@code pairs.txt}, {@code pairsDevTrain.txt}, ...).
 *
 * <p>Format: the first line is either {@code N} (one set) or {@code S N} ({@code S} sets, e.g. the
 * 10 folds of View 2). Each set has {@code N} same-person lines {@code name i j} followed by
 * {@code N} different-person lines {@code name1 i name2 j}; fields are separated by whitespace and
 * image numbers start at 1. The image of {@code name} number {@code i} is
 * {@code <images>/<name>/<name>_<iiii>.jpg}.
 *
 * @param pairs        in file order
 * @param sets         number of sets (folds)
 * @param pairsPerSet  {@code 2 N}
 */
public record PairsFile(List<Pair> pairs, int sets, int pairsPerSet) {
    /** One labelled pair; {@link #same()} when both images show the same person. */
    public record Pair(String name1, int number1, String name2, int number2) {
        public boolean same() {
            return name1.equals(name2);
        }

        public Path image1(Path images) {
            return imagePath(images, name1, number1);
        }

        public Path image2(Path images) {
            return imagePath(images, name2, number2);
        }
    }

    public PairsFile {
        pairs = List.copyOf(pairs);
    }

    /** {@code <images>/<name>/<name>_<number:04d>.jpg}. */
    public static Path imagePath(Path images, String name, int number) {
        return images.resolve(name).resolve(String.format("%s_%04d.jpg", name, number));
    }

    /** The fold (set) of pair {@code i}. */
    public int fold(int i) {
        return i / pairsPerSet;
    }

    /** Fold numbers of all pairs, for {@code ThresholdCalibration.crossValidate}. */
    public int[] folds() {
        int[] f = new int[pairs.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = fold(i);
        }
        return f;
    }

    /** Every image the pairs use, each once, in first-use order. */
    public Set<Path> images(Path imagesDir) {
        Set<Path> all = new LinkedHashSet<>();
        for (Pair p : pairs) {
            all.add(p.image1(imagesDir));
            all.add(p.image2(imagesDir));
        }
        return all;
    }

    /** The first {@code n} same and the first {@code n} different pairs of the first set, as a one-set file. */
    public PairsFile sample(int n) {
        int half = pairsPerSet / 2;
        if (n < 1 || n > half) {
            throw new IllegalArgumentException("a sample needs 1.." + half + " pairs of each kind, got " + n);
        }
        List<Pair> out = new ArrayList<>(pairs.subList(0, n));
        out.addAll(pairs.subList(half, half + n));
        return new PairsFile(out, 1, 2 * n);
    }

    public static PairsFile read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r, file.toString());
        }
    }

    public static PairsFile parse(String text) {
        try {
            return parse(new StringReader(text), "text");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * @throws PairsFileException naming the source and line, for a malformed header or pair line, or a
     *                            pair in the wrong half of its set
     */
    public static PairsFile parse(Reader reader, String source) throws IOException {
        BufferedReader in = new BufferedReader(reader);
        String header = nextLine(in);
        int lineNumber = 1;
        if (header == null) {
            throw new PairsFileException(source + " is empty; expected a header line 'N' or 'sets N'");
        }
        String[] h = header.trim().split("\\s+");
        int sets;
        int perKind;
        if (h.length == 1) {
            sets = 1;
            perKind = number(h[0], source, lineNumber, "pair count");
        } else if (h.length == 2) {
            sets = number(h[0], source, lineNumber, "set count");
            perKind = number(h[1], source, lineNumber, "pairs per set");
        } else {
            throw new PairsFileException(source + " line 1: expected 'N' or 'sets N', got '" + header + "'");
        }
        long total = 2L * sets * perKind;
        if (total > 10_000_000) {
            throw new PairsFileException(source + " line 1: " + total + " pairs is implausibly many");
        }
        List<Pair> pairs = new ArrayList<>((int) total);
        String line;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            Pair p;
            if (f.length == 3) {
                p = new Pair(f[0], number(f[1], source, lineNumber, "image number"), f[0],
                        number(f[2], source, lineNumber, "image number"));
            } else if (f.length == 4) {
                p = new Pair(f[0], number(f[1], source, lineNumber, "image number"), f[2],
                        number(f[3], source, lineNumber, "image number"));
            } else {
                throw new PairsFileException(source + " line " + lineNumber
                        + ": expected 'name i j' or 'name1 i name2 j', got '" + line + "'");
            }
            if (pairs.size() >= total) {
                throw new PairsFileException(source + " line " + lineNumber + ": more pairs than the "
                        + total + " the header announces");
            }
            boolean sameExpected = pairs.size() % (2 * perKind) < perKind;
            if (p.same() != sameExpected) {
                throw new PairsFileException(source + " line " + lineNumber + ": expected a "
                        + (sameExpected ? "same-person 'name i j'" : "different-person 'name1 i name2 j'")
                        + " pair here, got '" + line + "'");
            }
            pairs.add(p);
        }
        if (pairs.size() != total) {
            throw new PairsFileException(source + ": the header announces " + total + " pairs but the file has "
                    + pairs.size());
        }
        return new PairsFile(pairs, sets, 2 * perKind);
    }

    private static String nextLine(BufferedReader in) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            if (!line.isBlank()) {
                return line;
            }
        }
        return null;
    }

    private static int number(String s, String source, int line, String what) {
        try {
            int v = Integer.parseInt(s);
            if (v < 1) {
                throw new PairsFileException(source + " line " + line + ": " + what + " must be at least 1, got " + s);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new PairsFileException(source + " line " + line + ": " + what + " is not a number: '" + s + "'");
        }
    }
}
