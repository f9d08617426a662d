package io.jdeepface.face.api;

import io.jdeepface.face.TestModels;
import io.jdeepface.face.image.Image;
import io.jdeepface.face.image.ImageDecoder;
import io.jdeepface.testdata.TestPackages;
import java.io.IOException;

/** The facade over the shared test models, and the demo photos. */
final class Api {
    private static DeepFace deepFace;

    private Api() {}

    static synchronized DeepFace deepFace() {
        if (deepFace == null) {
            deepFace = DeepFace.using(TestModels.models("ultraface-rfb-320", "landmark68", "arcface-512"));
        }
        return deepFace;
    }

    static Image demo(String name) throws IOException {
        return new ImageDecoder().decode(TestPackages.FACE_API.file("demo/" + name + ".jpg"));
    }

    /** The region around {@code area} enlarged by half its size on each side: a photo of just that face. */
    static Image around(Image image, FacialArea area) {
        return image.crop(area.x() - area.w() / 2, area.y() - area.h() / 2, area.w() * 2, area.h() * 2);
    }
}
