/**
 * Face attributes from single-face models: age and gender (Human's FaceRes), facial expression,
 * head pose and eye state (faceplugin). Each adapter owns only its pure pre- and post-processing
 * and runs its network through a {@link io.jdeepface.face.models.ModelRunner}; the constants carry
 * a comment naming the reference code they follow.
 */
package io.jdeepface.face.attributes;
