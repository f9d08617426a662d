package io.jdeepface.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jdeepface.app.json.ResultJson;
import io.jdeepface.face.api.Action;
import io.jdeepface.face.api.DeepFace;
import io.jdeepface.face.api.FaceOptions;
import io.jdeepface.face.api.ImageInput;
import io.jdeepface.face.verify.DistanceMetric;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The face routes: DeepFace's request fields turned into facade calls, the results into
 * DeepFace's JSON through {@link ResultJson}. Runs on the worker threads; thread-safe.
 */
final class FaceService {
    /** DeepFace's analyze default, less race (which jdeepface has no model for). */
    private static final List<String> DEFAULT_ACTIONS = List.of("age", "gender", "emotion");

    private final DeepFace deepFace;
    private final ImageResolver images;
    private final int maxImages;
    private final Path database;

    FaceService(DeepFace deepFace, ImageResolver images, int maxImages, Path database) {
        this.deepFace = deepFace;
        this.images = images;
        this.maxImages = maxImages;
        this.database = database;
    }

    // ---- routes ----

    /** {@code POST /represent}: {@code {"results": [faces]}}, or one list per image when {@code img} is an array. */
    JsonNode represent(ApiRequest r) throws IOException {
        List<ImageInput> inputs = inputs(r, List.of("img", "img_path"), "img", "img_path", true);
        FaceOptions o = options(r);
        List<ArrayNode> perImage = new ArrayList<>();
        for (ImageInput in : inputs) {
            perImage.add(ResultJson.represent(deepFace.represent(in, o)));
        }
        return results(perImage, r.isArray("img") || r.isArray("img_path"));
    }

    /** {@code POST /verify}: DeepFace's verify dictionary. */
    JsonNode verify(ApiRequest r) throws IOException {
        List<String> fields = List.of("img1", "img1_path", "img2", "img2_path");
        checkCount(r, fields);
        ImageInput a = images.resolve(r.images("img1", "img1_path", false).getFirst());
        ImageInput b = images.resolve(r.images("img2", "img2_path", false).getFirst());
        FaceOptions o = options(r);
        ObjectNode out = ResultJson.verify(deepFace.verify(a, b, o));
        return out;
    }

    /** {@code POST /analyze}: {@code {"results": [faces]}}, or one list per image when {@code img} is an array. */
    JsonNode analyze(ApiRequest r) throws IOException {
        List<ImageInput> inputs = inputs(r, List.of("img", "img_path"), "img", "img_path", true);
        FaceOptions o = options(r);
        Set<Action> actions = actions(r.names("actions"));
        List<ArrayNode> perImage = new ArrayList<>();
        for (ImageInput in : inputs) {
            perImage.add(ResultJson.analyze(deepFace.analyze(in, actions, o)));
        }
        return results(perImage, r.isArray("img") || r.isArray("img_path"));
    }

    /** {@code POST /find}: {@code {"results": [[matches of face 1], ...]}}, nearest first. */
    JsonNode find(ApiRequest r) throws IOException {
        if (database == null) {
            throw new ApiException(404, "find is not enabled on this server: its operator can start it with"
                    + " --db DIR to search a folder of face images");
        }
        ImageInput in = inputs(r, List.of("img", "img_path"), "img", "img_path", false).getFirst();
        FaceOptions o = options(r);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("results", ResultJson.find(deepFace.find(in, database, o)));
        return out;
    }

    // ---- request fields ----

    private List<ImageInput> inputs(ApiRequest r, List<String> countFields, String name, String alias, boolean many) {
        checkCount(r, countFields);
        List<ImageInput> out = new ArrayList<>();
        for (ImageSource s : r.images(name, alias, many)) {
            out.add(images.resolve(s));
        }
        return out;
    }

    private void checkCount(ApiRequest r, List<String> imageFields) {
        int n = r.imageCount(imageFields);
        if (n > maxImages) {
            throw new ApiException(413, "the request carries " + n + " images, more than this server's limit of "
                    + maxImages + " per request (--max-images)");
        }
    }

    /** One image: {@code {"results": faces}}; an array of images: {@code {"results": [faces, ...]}}. */
    private static ObjectNode results(List<ArrayNode> perImage, boolean batch) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (!batch) {
            out.set("results", perImage.getFirst());
        } else {
            ArrayNode all = out.putArray("results");
            perImage.forEach(all::add);
        }
        return out;
    }

    /** DeepFace's option fields as {@link FaceOptions}; bad values are 400s naming the field. */
    static FaceOptions options(ApiRequest r) {
        FaceOptions o = FaceOptions.defaults();
        try {
            String model = r.text("model_name", null);
            if (model != null) {
                o = o.withModel(model.strip().toLowerCase(Locale.ROOT));
            }
            String detector = r.text("detector_backend", null);
            if (detector != null) {
                o = o.withDetector(detector.strip().toLowerCase(Locale.ROOT));
            }
            String metric = r.text("distance_metric", null);
            if (metric != null) {
                o = o.withMetric(DistanceMetric.fromName(metric));
            }
            o = o.withEnforceDetection(r.bool("enforce_detection", o.enforceDetection()))
                    .withAlign(r.bool("align", o.align()))
                    .withAntiSpoofing(r.bool("anti_spoofing", o.antiSpoofing()));
            Integer expand = r.integer("expand_percentage");
            if (expand != null) {
                o = o.withExpandPercentage(expand);
            }
            Integer maxFaces = r.integer("max_faces");
            if (maxFaces != null) {
                o = o.withMaxFaces(maxFaces);
            }
            Double threshold = r.number("threshold");
            if (threshold != null) {
                o = o.withThreshold(threshold);
            }
            Integer k = r.integer("k");
            if (k != null) {
                o = o.withK(k);
            }
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        return o;
    }

    static Set<Action> actions(List<String> names) {
        List<String> given = names == null ? DEFAULT_ACTIONS : names;
        if (given.isEmpty()) {
            throw ApiException.badRequest("'actions' is empty; choose from " + actionNames());
        }
        Set<Action> out = EnumSet.noneOf(Action.class);
        for (String n : given) {
            String name = n.strip().toUpperCase(Locale.ROOT);
            try {
                out.add(Action.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("unsupported action '" + n + "'" + (name.equals("RACE")
                        ? " (jdeepface has no race model)" : "") + "; supported: " + actionNames());
            }
        }
        return out;
    }

    private static List<String> actionNames() {
        return EnumSet.allOf(Action.class).stream().map(a -> a.name().toLowerCase(Locale.ROOT)).toList();
    }
}
