package io.jdeepface.face.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PairsFileTest {
    @Test
    void readsOneSet() {
        PairsFile f = PairsFile.parse("2\nAaron_Peirsol\t1\t2\nAaron_Peirsol 3 4\nA_B 4 C_D 1\nE 1 F 12\n");
        assertEquals(4, f.pairs().size());
        assertEquals(1, f.sets());
        assertTrue(f.pairs().get(0).same());
        assertFalse(f.pairs().get(2).same());
        assertEquals(Path.of("/lfw/Aaron_Peirsol/Aaron_Peirsol_0003.jpg"), f.pairs().get(1).image1(Path.of("/lfw")));
        assertEquals(Path.of("/lfw/F/F_0012.jpg"), f.pairs().get(3).image2(Path.of("/lfw")));
        assertEquals(8, f.images(Path.of("/lfw")).size());
    }

    @Test
    void readsFolds() {
        PairsFile f = PairsFile.parse("2 1\nA 1 2\nB 1 C 1\nD 1 2\nE 1 F 1\n");
        assertEquals(2, f.sets());
        assertArrayEquals(new int[] {0, 0, 1, 1}, f.folds());
        PairsFile s = f.sample(1);
        assertEquals(2, s.pairs().size());
    }

    @Test
    void rejectsMalformedFiles() {
        assertThrows(PairsFileException.class, () -> PairsFile.parse(""));
        assertThrows(PairsFileException.class, () -> PairsFile.parse("x\n"));
        assertThrows(PairsFileException.class, () -> PairsFile.parse("1 2 3\n"));
        assertThrows(PairsFileException.class, () -> PairsFile.parse("1\nA 1 2\n"), "too few pairs");
        assertThrows(PairsFileException.class, () -> PairsFile.parse("1\nA 1 2\nB 1 C 1\nD 1 2\n"), "too many");
        assertThrows(PairsFileException.class, () -> PairsFile.parse("1\nB 1 C 1\nA 1 2\n"), "wrong half");
        assertThrows(PairsFileException.class, () -> PairsFile.parse("1\nA 1\nB 1 C 1\n"), "two fields");
        assertThrows(PairsFileException.class, () -> PairsFile.parse("1\nA 1 x\nB 1 C 1\n"), "not a number");
        assertThrows(PairsFileException.class, () -> PairsFile.parse("1\nA 0 2\nB 1 C 1\n"), "numbers start at 1");
        assertThrows(PairsFileException.class, () -> PairsFile.parse("100000 100000\n"), "implausible header");
        PairsFileException e = assertThrows(PairsFileException.class, () -> PairsFile.parse("1\nA 1 2\nB 1 C x\n"));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }
}
