package io.jdeepface.app.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.face.errors.CorruptImageException;
import io.jdeepface.face.errors.ImageTooLargeException;
import io.jdeepface.face.errors.NoFaceDetectedException;
import io.jdeepface.face.errors.NotAnImageException;
import io.jdeepface.face.errors.SpoofDetectedException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** Which status each facade failure gets, and that the client-facing text stays free of server details. */
class ErrorMappingTest {
    @Test
    void clientFaultsAre4xxWithTheFacadesMessage() {
        assertEquals(413, ErrorMapping.toApi(new ImageTooLargeException("upload", "30000x30000 pixels")).status());
        assertEquals(400, ErrorMapping.toApi(new NotAnImageException("upload", "not an image")).status());
        assertEquals(400, ErrorMapping.toApi(new CorruptImageException("upload", "truncated JPEG")).status());
        ApiException noFace = ErrorMapping.toApi(new NoFaceDetectedException("upload", "ultraface"));
        assertEquals(422, noFace.status());
        assertTrue(noFace.getMessage().contains("enforce_detection"), noFace.getMessage());
        ApiException spoof = ErrorMapping.toApi(new SpoofDetectedException("upload", "80x80 at (1, 2)", 0.1));
        assertEquals(422, spoof.status());
        assertTrue(spoof.getMessage().startsWith("Spoof detected"), spoof.getMessage());
        assertEquals(400, ErrorMapping.toApi(new IllegalArgumentException("unsupported detector")).status());
    }

    @Test
    void aMissingModelIs503WithoutTheServersPaths() {
        ApiException e = ErrorMapping.toApi(new UncheckedIOException(new NoSuchFileException("/srv/models/x.jdm",
                null, "model 'minifasnet' is not installed; run: bin/jdeepface models install minifasnet --home /srv")));
        assertEquals(503, e.status());
        assertTrue(e.getMessage().contains("minifasnet"), e.getMessage());
        assertFalse(e.getMessage().contains("/srv"), e.getMessage());
    }

    @Test
    void anythingElseIsOurs() {
        assertNull(ErrorMapping.toApi(new IllegalStateException("bug")));
        assertNull(ErrorMapping.toApi(new NullPointerException()));
    }
}
