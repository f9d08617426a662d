package io.jdeepface.face.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jdeepface.face.image.AffineMatrix;
import io.jdeepface.face.image.Image;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Landmark reduction and end-to-end alignment of a synthetic face. */
class FaceAlignerTest {

    @Test
    void landmarks68ReduceToFivePointsExactlyAsFacepluginDoes() {
        float[] l = new float[136];
        Random random = new Random(3);
        for (int i = 0; i < l.length; i++) {
            l[i] = random.nextInt(1000) + random.nextFloat();
        }
        FivePoints five = new Landmarks68(l).toFivePoints();
        // The flat indices of faceplugin's convert68pts5pts, evaluated as JavaScript does (doubles).
        double[] expected = {
                ((double) l[74] + l[76] + l[80] + l[82]) / 4, ((double) l[75] + l[77] + l[81] + l[83]) / 4,
                ((double) l[86] + l[88] + l[92] + l[94]) / 4, ((double) l[87] + l[89] + l[93] + l[95]) / 4,
                l[60], l[61],
                ((double) l[96] + l[120]) / 2, ((double) l[97] + l[121]) / 2,
                ((double) l[108] + l[128]) / 2, ((double) l[109] + l[129]) / 2};
        double[] actual = five.toArray();
        for (int i = 0; i < 10; i++) {
            assertEquals(expected[i], actual[i], 0, "coordinate " + i);
        }
        assertThrows(IllegalArgumentException.class, () -> new Landmarks68(new float[135]));
    }

    @Test
    void aRotatedScaledFaceLandsOnTheTemplateWithinHalfAPixel() {
        // Render bright blobs where the five points of a face rotated by 27° and scaled 2.6× sit in a
        // 400×360 photo, align it, and find the blobs again in the 112×112 crop.
        FivePoints template = AlignmentTemplate.ARCFACE_112.points();
        AffineMatrix r = AffineMatrix.rotation(56, 56, 27, 1 / 2.6).inverse(); // photo scale 2.6
        AffineMatrix faceToPhoto = new AffineMatrix(r.a(), r.b(), r.c() + 120, r.d(), r.e(), r.f() + 70);
        List<Point> inPhoto = SimilarityTransformTest.map(faceToPhoto, template.toList());
        Image photo = blobs(400, 360, inPhoto, 2.6 * 2.0);

        FaceAligner.Alignment aligned = FaceAligner.arcFace().align(photo,
                new FivePoints(inPhoto.get(0), inPhoto.get(1), inPhoto.get(2), inPhoto.get(3), inPhoto.get(4)));
        assertEquals(112, aligned.face().width());
        for (Point expected : template.toList()) {
            Point found = centroidNear(aligned.face(), expected, 7);
            assertEquals(expected.x(), found.x(), 0.5, "x of " + expected);
            assertEquals(expected.y(), found.y(), 0.5, "y of " + expected);
        }
        // The transform maps crop points back to the photo.
        AffineMatrix back = aligned.imageToFace().inverse();
        assertEquals(inPhoto.get(2).x(), back.mapX(template.nose().x(), template.nose().y()), 1e-9);
    }

    @Test
    void otherCropSizesScaleTheTemplate() {
        FivePoints points = FivePoints.of(100, 100, 160, 100, 130, 140, 105, 170, 155, 170);
        FaceAligner aligner = FaceAligner.arcFace();
        AffineMatrix m112 = aligner.transform(points, 112);
        AffineMatrix m224 = aligner.transform(points, 224);
        assertEquals(2 * m112.mapX(130, 140), m224.mapX(130, 140), 1e-9);
        assertEquals(224, aligner.align(Image.ofRgb(1, 1, new byte[3], "px"), points, 224).face().height());
    }

    /** A black image with a Gaussian blob of the given standard deviation at each point. */
    private static Image blobs(int width, int height, List<Point> centres, double sigma) {
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double v = 0;
                for (Point c : centres) {
                    double d2 = (x - c.x()) * (x - c.x()) + (y - c.y()) * (y - c.y());
                    v += 255 * Math.exp(-d2 / (2 * sigma * sigma));
                }
                byte b = (byte) Math.min(255, Math.round(v));
                int i = (y * width + x) * 3;
                rgb[i] = b;
                rgb[i + 1] = b;
                rgb[i + 2] = b;
            }
        }
        return Image.ofRgb(width, height, rgb, "blobs");
    }

    /** The intensity-weighted centroid of the pixels within {@code radius} of {@code guess}. */
    private static Point centroidNear(Image image, Point guess, int radius) {
        double sum = 0, sx = 0, sy = 0;
        for (int y = (int) guess.y() - radius; y <= (int) guess.y() + radius; y++) {
            for (int x = (int) guess.x() - radius; x <= (int) guess.x() + radius; x++) {
                double w = image.sample(x, y, 1);
                sum += w;
                sx += w * x;
                sy += w * y;
            }
        }
        return new Point(sx / sum, sy / sum);
    }
}
