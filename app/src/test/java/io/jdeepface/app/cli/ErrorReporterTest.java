package io.jdeepface.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.engine.format.ModelHome;
import io.jdeepface.face.errors.CorruptImageException;
import io.jdeepface.face.errors.NoFaceDetectedException;
import io.jdeepface.face.errors.NotAnImageException;
import io.jdeepface.face.errors.SpoofDetectedException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exit codes and messages of the face pipeline's errors. */
class ErrorReporterTest {
    @TempDir
    Path tmp;

    @Test
    void faceErrorsAreBadInput() {
        assertEquals(ExitCodes.BAD_INPUT, ErrorReporter.exitCode(new NotAnImageException("x.jpg", "text")));
        assertEquals(ExitCodes.BAD_INPUT, ErrorReporter.exitCode(new CorruptImageException("x.jpg", "truncated")));
        assertEquals(ExitCodes.BAD_INPUT, ErrorReporter.exitCode(new NoFaceDetectedException("x.jpg", "ultraface")));
        SpoofDetectedException spoof = new SpoofDetectedException("x.jpg", "10x10 at (0, 0)", 0.1);
        assertEquals(ExitCodes.BAD_INPUT, ErrorReporter.exitCode(spoof));
        assertTrue(ErrorReporter.message(spoof).startsWith("spoof detected in x.jpg"), ErrorReporter.message(spoof));
    }

    @Test
    void noFaceMessageNamesTheFlags() {
        String m = ErrorReporter.message(new NoFaceDetectedException("x.jpg", "ultraface"));
        assertEquals("no face detected in x.jpg by detector 'ultraface'; try --detector blazeface-back (finds smaller"
                + " faces), or --no-enforce-detection to use the whole image as the face", m);
    }

    @Test
    void aMissingModelIsTheEnvironmentAndAMissingImageBadInput() {
        NoSuchFileException missingModel = assertThrows(NoSuchFileException.class,
                () -> ModelHome.at(tmp).requireModel("arcface-512"));
        UncheckedIOException wrapped = new UncheckedIOException(missingModel);
        assertEquals(ExitCodes.ENVIRONMENT, ErrorReporter.exitCode(wrapped));
        assertTrue(ErrorReporter.message(wrapped).startsWith("model 'arcface-512' is not installed; run: bin/jdeepface"
                + " models install arcface-512"), ErrorReporter.message(wrapped));
        assertEquals(ExitCodes.BAD_INPUT, ErrorReporter.exitCode(new NoSuchFileException("photo.jpg")));
    }
}
