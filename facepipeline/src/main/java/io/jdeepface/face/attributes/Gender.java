package io.jdeepface.face.attributes;

/** The two classes of the gender models, named as DeepFace names them. */
public enum Gender {
    WOMAN("Woman"),
    MAN("Man");

    private final String label;

    Gender(String label) {
        this.label = label;
    }

    /** DeepFace's label: "Woman" or "Man". */
    public String label() {
        return label;
    }
}
