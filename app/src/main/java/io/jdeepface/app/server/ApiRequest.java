package io.jdeepface.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parameters of one API call under DeepFace's names, from a JSON object or a multipart form.
 * Typed getters turn wrong types into 400s naming the field; as in DeepFace's API, booleans may
 * also be the strings {@code "true"}/{@code "false"} (form fields are always text) and unknown
 * fields are ignored.
 */
final class ApiRequest {
    private final ObjectNode json;
    private final Map<String, List<String>> fields;
    private final Map<String, List<ImageSource.Upload>> uploads;

    private ApiRequest(ObjectNode json, Map<String, List<String>> fields, Map<String, List<ImageSource.Upload>> uploads) {
        this.json = json;
        this.fields = fields;
        this.uploads = uploads;
    }

    static ApiRequest ofJson(ObjectNode json) {
        return new ApiRequest(json, Map.of(), Map.of());
    }

    static ApiRequest ofForm(Map<String, List<String>> fields, Map<String, List<ImageSource.Upload>> uploads) {
        return new ApiRequest(null, new LinkedHashMap<>(fields), new LinkedHashMap<>(uploads));
    }

    /** How many images the request carries in total: uploads plus text values of image fields. */
    int imageCount(List<String> imageFields) {
        int n = 0;
        for (List<ImageSource.Upload> u : uploads.values()) {
            n += u.size();
        }
        for (String name : imageFields) {
            if (json != null) {
                JsonNode v = json.get(name);
                n += v == null || v.isNull() ? 0 : v.isArray() ? v.size() : 1;
            } else {
                n += fields.getOrDefault(name, List.of()).size();
            }
        }
        return n;
    }

    /**
     * The images of field {@code name} (or its DeepFace alias {@code alias}, e.g. {@code img_path}):
     * an upload, a string, or (when {@code many}) a JSON array of strings or repeated uploads.
     */
    List<ImageSource> images(String name, String alias, boolean many) {
        String key = present(name) ? name : alias != null && present(alias) ? alias : null;
        if (key == null) {
            throw ApiException.badRequest("missing '" + name + "': send the image as a base64 data URI in JSON, "
                    + "or as a multipart/form-data file part named '" + name + "'");
        }
        List<ImageSource> out = new ArrayList<>();
        for (ImageSource.Upload u : uploads.getOrDefault(key, List.of())) {
            out.add(u);
        }
        if (json != null) {
            JsonNode v = json.get(key);
            if (v.isTextual()) {
                out.add(new ImageSource.Text(key, v.textValue()));
            } else if (many && v.isArray() && !v.isEmpty()) {
                for (JsonNode e : v) {
                    if (!e.isTextual()) {
                        throw ApiException.badRequest("'" + key + "' must hold strings (base64 data URIs), found "
                                + describe(e));
                    }
                    out.add(new ImageSource.Text(key, e.textValue()));
                }
            } else {
                throw ApiException.badRequest("'" + key + "' must be a string (a base64 data URI"
                        + (many ? ") or a non-empty array of them" : ")") + ", found " + describe(v));
            }
        } else {
            for (String s : fields.getOrDefault(key, List.of())) {
                out.add(new ImageSource.Text(key, s));
            }
        }
        if (!many && out.size() > 1) {
            throw ApiException.badRequest("'" + key + "' must be one image, found " + out.size());
        }
        return out;
    }

    /** Whether field {@code name} holds several images: a JSON array, or repeated form parts. */
    boolean isArray(String name) {
        if (json != null) {
            JsonNode v = json.get(name);
            return v != null && v.isArray();
        }
        return uploads.getOrDefault(name, List.of()).size() + fields.getOrDefault(name, List.of()).size() > 1;
    }

    private boolean present(String name) {
        if (uploads.containsKey(name)) {
            return true;
        }
        if (json != null) {
            JsonNode v = json.get(name);
            return v != null && !v.isNull();
        }
        return fields.containsKey(name);
    }

    /** A text option, or {@code fallback} when absent. */
    String text(String name, String fallback) {
        if (json != null) {
            JsonNode v = json.get(name);
            if (v == null || v.isNull()) {
                return fallback;
            }
            if (!v.isTextual()) {
                throw ApiException.badRequest("'" + name + "' must be a string, found " + describe(v));
            }
            return v.textValue();
        }
        return single(name, fallback);
    }

    boolean bool(String name, boolean fallback) {
        if (json != null) {
            JsonNode v = json.get(name);
            if (v == null || v.isNull()) {
                return fallback;
            }
            if (v.isBoolean()) {
                return v.booleanValue();
            }
            if (v.isTextual()) {
                return parseBool(name, v.textValue());
            }
            throw ApiException.badRequest("'" + name + "' must be true or false, found " + describe(v));
        }
        String s = single(name, null);
        return s == null ? fallback : parseBool(name, s);
    }

    private static boolean parseBool(String name, String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ApiException.badRequest("'" + name + "' must be true or false, found \"" + clip(s) + "\"");
        };
    }

    /** An integer option, or null when absent. */
    Integer integer(String name) {
        if (json != null) {
            JsonNode v = json.get(name);
            if (v == null || v.isNull()) {
                return null;
            }
            if (v.isIntegralNumber() && v.canConvertToInt()) {
                return v.intValue();
            }
            if (!v.isTextual()) {
                throw ApiException.badRequest("'" + name + "' must be an integer, found " + describe(v));
            }
            return parseInt(name, v.textValue());
        }
        String s = single(name, null);
        return s == null ? null : parseInt(name, s);
    }

    private static int parseInt(String name, String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("'" + name + "' must be an integer, found \"" + clip(s) + "\"");
        }
    }

    /** A number option, or null when absent. */
    Double number(String name) {
        if (json != null) {
            JsonNode v = json.get(name);
            if (v == null || v.isNull()) {
                return null;
            }
            if (v.isNumber()) {
                return v.doubleValue();
            }
            if (!v.isTextual()) {
                throw ApiException.badRequest("'" + name + "' must be a number, found " + describe(v));
            }
            return parseDouble(name, v.textValue());
        }
        String s = single(name, null);
        return s == null ? null : parseDouble(name, s);
    }

    private static double parseDouble(String name, String s) {
        try {
            double d = Double.parseDouble(s.strip());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("'" + name + "' must be a finite number, found \"" + clip(s) + "\"");
    }

    /**
     * A list of names: a JSON array of strings, or text such as {@code "age,gender"} or
     * {@code "['age', 'gender']"} (DeepFace's API accepts both in form data); null when absent.
     */
    List<String> names(String name) {
        if (json != null) {
            JsonNode v = json.get(name);
            if (v == null || v.isNull()) {
                return null;
            }
            if (v.isArray()) {
                List<String> out = new ArrayList<>();
                for (JsonNode e : v) {
                    if (!e.isTextual()) {
                        throw ApiException.badRequest("'" + name + "' must hold strings, found " + describe(e));
                    }
                    out.add(e.textValue());
                }
                return out;
            }
            if (!v.isTextual()) {
                throw ApiException.badRequest("'" + name + "' must be an array of strings, found " + describe(v));
            }
            return splitNames(v.textValue());
        }
        String s = single(name, null);
        return s == null ? null : splitNames(s);
    }

    private static List<String> splitNames(String s) {
        String cleaned = s.replaceAll("[\\[\\]()\"' ]", "");
        return cleaned.isEmpty() ? List.of() : List.of(cleaned.split(","));
    }

    private String single(String name, String fallback) {
        List<String> values = fields.get(name);
        if (values == null || values.isEmpty()) {
            return fallback;
        }
        if (values.size() > 1) {
            throw ApiException.badRequest("'" + name + "' was given " + values.size() + " times");
        }
        return values.getFirst();
    }

    private static String describe(JsonNode v) {
        String type = switch (v.getNodeType()) {
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> v.isEmpty() ? "an empty array" : "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NULL -> "null";
            default -> "a " + v.getNodeType().name().toLowerCase(Locale.ROOT);
        };
        return type;
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
