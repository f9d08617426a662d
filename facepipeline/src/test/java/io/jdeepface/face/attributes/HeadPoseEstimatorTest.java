package io.jdeepface.face.attributes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jdeepface.face.detect.FaceBox;
import io.jdeepface.face.image.Image;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadPoseEstimatorTest {
    @Test
    void anglesAreTheExpectedBinTimesThreeMinus99() {
        float[] oneHot = new float[66];
        oneHot[33] = 100;
        assertEquals(0, HeadPoseEstimator.angle(oneHot), 1e-6);
        oneHot[33] = 0;
        oneHot[0] = 100;
        assertEquals(-99, HeadPoseEstimator.angle(oneHot), 1e-6);
        assertEquals(32.5 * 3 - 99, HeadPoseEstimator.angle(new float[66]), 1e-9); // uniform
    }

    private static FaceBox mirrored(FaceBox b, int imageWidth) {
        return FaceBox.ofCorners(imageWidth - b.right(), b.y(), imageWidth - b.x(), b.bottom(), b.score(), null);
    }

    @Test
    void aFrontalFaceHasSmallYaw() throws Exception {
        Image img = Faces.deepfaceUnit("img1.jpg");
        assumeTrue(img != null, "shared dataset deepface-unit absent");
        HeadPose p = new HeadPoseEstimator(Faces.models().runner("headpose")).estimate(img, Faces.ultraFace(img).get(0));
        assertTrue(Math.abs(p.yaw()) < 10 && Math.abs(p.roll()) < 10, p.toString());
    }

    /** Mirroring a photo negates yaw (up to the model's own asymmetry of a few degrees). */
    @Test
    void mirroringThePhotoFlipsTheYaw() throws Exception {
        List<Faces.Photo> photos = Faces.deepfaceUnitPhotos();
        assumeTrue(!photos.isEmpty(), "shared dataset deepface-unit absent");
        var est = new HeadPoseEstimator(Faces.models().runner("headpose"));
        int turned = 0;
        double worst = 0;
        for (Faces.Photo p : photos.subList(0, Math.min(20, photos.size()))) {
            HeadPose pose = est.estimate(p.image(), p.box());
            HeadPose flipped = est.estimate(p.image().flipHorizontal(), mirrored(p.box(), p.image().width()));
            worst = Math.max(worst, Math.abs(pose.yaw() + flipped.yaw()));
            assertTrue(Math.abs(pose.yaw() + flipped.yaw()) < 10, p.file() + ": " + pose + " vs mirrored " + flipped);
            if (Math.abs(pose.yaw()) >= 6) {
                turned++;
                assertTrue(Math.signum(pose.yaw()) == -Math.signum(flipped.yaw()), p.file() + ": " + pose + " vs " + flipped);
            }
        }
        System.out.printf("head pose: |yaw + mirrored yaw| <= %.1f degrees; %d turned faces changed sides%n", worst, turned);
        assertTrue(turned >= 3, "too few turned faces to test the sign: " + turned);
    }
}
