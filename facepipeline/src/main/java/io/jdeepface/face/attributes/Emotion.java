package io.jdeepface.face.attributes;

/** The seven FER-2013 expression classes, in FER-2013's (and DeepFace's) order. */
public enum Emotion {
    ANGRY, DISGUST, FEAR, HAPPY, SAD, SURPRISE, NEUTRAL;

    /** DeepFace's label: the lower-case name. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
