package io.jdeepface.face.store;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The image files of a database folder, as DeepFace's {@code find} lists them: every file in the
 * folder and its subfolders whose extension is an image extension (any case).
 *
 * <p>Unlike DeepFace, names starting with a dot are skipped, files and folders alike: they are
 * hidden by convention and, on shared drives, are often macOS "._photo.jpg" resource forks that
 * are not images. Symbolic links to folders are not followed. Unreadable subfolders are logged and
 * skipped.
 */
public final class ImageFiles {
    /** The extensions looked for; decoding is the {@link FaceIndexer}'s job. */
    public static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif", "webp", "pgm", "ppm");
    private static final System.Logger LOG = System.getLogger(ImageFiles.class.getName());

    private ImageFiles() {
    }

    /** The image files under {@code folder}, sorted. */
    public static List<Path> list(Path folder) throws IOException {
        List<Path> images = new ArrayList<>();
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(folder) && isHidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && !isHidden(file) && isImageName(file.getFileName().toString())) {
                    images.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (file.equals(folder)) {
                    throw e;
                }
                LOG.log(System.Logger.Level.WARNING, "skipping " + file + ": " + e);
                return FileVisitResult.CONTINUE;
            }
        });
        images.sort(null);
        return images;
    }

    /** Whether {@code fileName} has one of the {@link #EXTENSIONS}. */
    public static boolean isImageName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static boolean isHidden(Path p) {
        return p.getFileName() != null && p.getFileName().toString().startsWith(".");
    }
}
