/**
 * Presentation-attack (spoof) detection: is the face in front of the camera a live person or a
 * printed photo or screen? Adapters run their network through a
 * {@link io.jdeepface.face.models.ModelRunner}.
 */
package io.jdeepface.face.spoof;
