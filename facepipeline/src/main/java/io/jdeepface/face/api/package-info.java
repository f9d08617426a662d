/**
 * The DeepFace-style facade: {@link io.jdeepface.face.api.DeepFace} with verify, represent,
 * extractFaces, analyze and find over {@link io.jdeepface.face.api.ImageInput}s, configured by a
 * {@link io.jdeepface.face.api.FaceOptions}.
 */
package io.jdeepface.face.api;
