package io.jdeepface.face.attributes;

/**
 * Head rotation in degrees, each in [-99, 99] (the range of the Hopenet-style 66-bin model).
 * Yaw turns the head left/right, pitch nods it up/down, roll tilts it towards a shoulder; 0, 0, 0
 * is a face looking straight into the camera. Mirroring the image negates yaw and roll.
 */
public record HeadPose(double yaw, double pitch, double roll) {
    public HeadPose {
        if (!Double.isFinite(yaw) || !Double.isFinite(pitch) || !Double.isFinite(roll)) {
            throw new IllegalArgumentException("head pose angles must be finite: " + yaw + ", " + pitch + ", " + roll);
        }
    }
}
