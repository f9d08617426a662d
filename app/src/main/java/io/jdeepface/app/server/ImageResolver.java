package io.jdeepface.app.server;

import io.jdeepface.face.api.ImageInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Turns a request's image into a facade input. Uploads and base64 text go to the facade's
 * decoder as they are. Text is read as a server-side path only when the operator allowed a folder
 * ({@code --allow-paths DIR}), and then only for files inside it: {@code ..} segments are refused
 * outright and the real path (symbolic links followed) must stay under the folder's real path.
 */
final class ImageResolver {
    /** Longer text is always image data: no real path is this long, no real image this short. */
    private static final int MAX_PATH_CHARS = 4096;

    private final Path root; // real path of the allowed folder, or null

    ImageResolver(Path allowedDir) {
        try {
            this.root = allowedDir == null ? null : allowedDir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("the --allow-paths folder " + allowedDir + " is not readable", e);
        }
        if (root != null && !Files.isDirectory(root)) {
            throw new IllegalArgumentException("the --allow-paths folder " + allowedDir + " is not a folder");
        }
    }

    ImageInput resolve(ImageSource source) {
        return switch (source) {
            case ImageSource.Upload u -> ImageInput.of(u.data());
            case ImageSource.Text t -> fromText(t);
        };
    }

    private ImageInput fromText(ImageSource.Text t) {
        String text = t.text().strip();
        if (text.isEmpty()) {
            throw ApiException.badRequest("'" + t.field() + "' is empty");
        }
        if (text.regionMatches(true, 0, "data:", 0, 5) || text.length() > MAX_PATH_CHARS || !looksLikePath(text)) {
            return ImageInput.ofBase64(text);
        }
        if (text.regionMatches(true, 0, "http://", 0, 7) || text.regionMatches(true, 0, "https://", 0, 8)) {
            throw ApiException.badRequest("'" + t.field() + "' is a URL; this server does not fetch URLs: send the"
                    + " image as a base64 data URI or a multipart upload");
        }
        if (root == null) {
            throw ApiException.badRequest("'" + t.field() + "' looks like a file path, but this server does not read"
                    + " image paths (its operator can allow a folder with --allow-paths DIR); send the image as a"
                    + " base64 data URI or a multipart upload");
        }
        return ImageInput.of(confined(t.field(), text));
    }

    /**
     * Base64 has no '.', '\' or ':' and no file name lacks all of them in practice ("photo.jpg",
     * "C:\..."); a leading '/' is no sign, as JPEG base64 starts with "/9j/".
     */
    private static boolean looksLikePath(String text) {
        return text.indexOf('.') >= 0 || text.indexOf('\\') >= 0 || text.indexOf(':') >= 0;
    }

    /** {@code text} as a regular file under the allowed folder, or a 4xx. */
    Path confined(String field, String text) {
        Path p;
        try {
            p = Path.of(text);
        } catch (InvalidPathException e) {
            throw ApiException.badRequest("'" + field + "' is not a valid path: " + e.getReason());
        }
        for (Path part : p) {
            if (part.toString().equals("..")) {
                throw new ApiException(403, "'" + field + "': paths with '..' are not allowed");
            }
        }
        Path candidate = root.resolve(p).normalize();
        if (!candidate.startsWith(root)) {
            throw new ApiException(403, "'" + field + "': the path is outside the folder this server may read");
        }
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (IOException e) {
            throw ApiException.badRequest("'" + field + "': no such image file: " + text);
        }
        if (!real.startsWith(root)) {
            throw new ApiException(403, "'" + field + "': the path leads outside the folder this server may read");
        }
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw ApiException.badRequest("'" + field + "': not a regular file: " + text);
        }
        return real;
    }
}
