package io.jdeepface.face.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that changes the embeddings of a folder, so a store made with other settings is
 * never reused (DeepFace encodes the same in its pickle's file name). Put anything else that
 * changes embeddings into {@code model} (e.g. {@code "fr_feature+flip"} for flip test-time
 * augmentation, or a weights version).
 *
 * @param model            recognition model name
 * @param detector         detector name ({@code "skip"} when images are already cropped faces)
 * @param alignment        how faces were aligned, e.g. {@code "arcface5-lsq"} or {@code "none"}
 * @param normalization    input normalisation name (DeepFace's {@code normalization})
 * @param expandPercentage how much detected boxes were enlarged, in percent
 */
public record StoreSettings(String model, String detector, String alignment, String normalization,
                            int expandPercentage) {
    public StoreSettings {
        for (String v : new String[] {model, detector, alignment, normalization}) {
            Objects.requireNonNull(v, "store settings must not be null");
            if (v.isBlank() || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("store setting values must be non-blank single lines, got '" + v + "'");
            }
        }
        if (expandPercentage < 0) {
            throw new IllegalArgumentException("expand percentage must not be negative, got " + expandPercentage);
        }
    }

    /** The settings as ordered {@code key → value} pairs, the way they are written into the store file. */
    Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("detector", detector);
        m.put("alignment", alignment);
        m.put("normalization", normalization);
        m.put("expandPercentage", Integer.toString(expandPercentage));
        return m;
    }

    /** The store's file name: model and detector for people browsing the folder, the rest is checked inside. */
    String fileName() {
        return "jdeepface_" + safe(model) + "_" + safe(detector) + ".jdfs";
    }

    private static String safe(String s) {
        String cleaned = s.replaceAll("[^A-Za-z0-9._-]", "-");
        return cleaned.length() <= 48 ? cleaned : cleaned.substring(0, 48);
    }
}
