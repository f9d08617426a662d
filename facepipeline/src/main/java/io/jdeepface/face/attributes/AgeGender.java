package io.jdeepface.face.attributes;

import java.util.Objects;

/** What FaceRes says about one face: apparent age and gender. */
public record AgeGender(AgeEstimate age, GenderEstimate gender) {
    public AgeGender {
        Objects.requireNonNull(age, "age");
        Objects.requireNonNull(gender, "gender");
    }
}
