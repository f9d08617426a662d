package io.jdeepface.app.cli;

import io.jdeepface.app.json.ResultJson;
import io.jdeepface.face.api.DeepFace;
import io.jdeepface.face.api.FaceOptions;
import io.jdeepface.face.api.FacialArea;
import io.jdeepface.face.api.ImageInput;
import io.jdeepface.face.api.Match;
import io.jdeepface.face.api.Representation;
import io.jdeepface.face.store.ImageFiles;
import io.jdeepface.face.store.ProgressListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jdeepface find IMG --db DIR}: DeepFace.find. */
@Command(name = "find", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Look up the faces of a photo in a folder of known faces.",
        footer = {"", "For each face of IMG: the faces in the images under DIR within the threshold, nearest"
                + " first; 'identity' is the image's path. The folder's embeddings are kept in a"
                + " store file in DIR; only new or changed images are embedded again (progress on stderr).", "",
            "Examples:",
            "  jdeepface find visitor.jpg --db employees/",
            "  jdeepface find group.jpg --db people/ -k 3 --json"})
public final class FindCommand extends FaceCommand {
    @Parameters(index = "0", paramLabel = "IMG", description = "Query image.")
    Path image;

    @Option(names = "--db", required = true, paramLabel = "DIR", description = "Folder of known faces (searched recursively).")
    Path db;

    @Option(names = "-k", paramLabel = "N", description = "At most N matches per query face (default: all).")
    Integer k;

    public FindCommand() {
        this(DeepFaceOpener.DEFAULT);
    }

    public FindCommand(DeepFaceOpener opener) {
        super(opener);
    }

    @Override
    FaceOptions options(FaceOptions fromFlags) {
        if (k != null && k < 1) {
            throw usageError("-k must be at least 1, got " + k);
        }
        if (!Files.isDirectory(db)) {
            throw new IllegalArgumentException(Files.exists(db) ? "--db " + db + " is a file, not a folder"
                    : "database folder " + db + " does not exist");
        }
        return k == null ? fromFlags : fromFlags.withK(k);
    }

    @Override
    void run(DeepFace deepFace, FaceOptions o, PrintWriter out) throws IOException {
        boolean[] anyImage = {false};
        ProgressListener progress = progress(err());
        List<List<Match>> matches = deepFace.find(ImageInput.of(image), db, o, (done, total) -> {
            anyImage[0] = true;
            progress.progress(done, total);
        }).stream().map(list -> list.stream().map(this::asGiven).toList()).toList();
        if (!anyImage[0]) {
            err().println("jdeepface: warning: no image files (" + String.join(", ", new TreeSet<>(ImageFiles.EXTENSIONS))
                    + ") in " + db + " or its subfolders");
            err().flush();
        }
        // find reports matches per query face; their areas come from represent, which finds the
        // same faces in the same order (its embeddings are cheap next to indexing a database).
        List<FacialArea> sources = deepFace.represent(ImageInput.of(image), o).stream()
                .map(Representation::facialArea).toList();
        if (json) {
            printJson(out, ResultJson.find(matches, sources));
        } else {
            HumanOutput.find(out, sources, matches, deepFace.threshold(o));
        }
    }

    /**
     * The match with its identity under {@code --db} as the user wrote it ({@code people/ann/1.jpg}
     * for {@code --db people/}), as DeepFace joins {@code db_path} and the file name.
     */
    private Match asGiven(Match m) {
        Path relative = db.toAbsolutePath().normalize().relativize(m.file().toAbsolutePath().normalize());
        return new Match(db.resolve(relative).toString(), m.file(), m.targetArea(), m.distance(), m.threshold(),
                m.confidence());
    }

    /** One updating line on stderr while the store is checked and refreshed. */
    private ProgressListener progress(PrintWriter err) {
        return (done, total) -> {
            err.printf(Locale.ROOT, "\rchecking %s: %d/%d images", db, done, total);
            if (done == total) {
                err.println();
            }
            err.flush();
        };
    }
}
