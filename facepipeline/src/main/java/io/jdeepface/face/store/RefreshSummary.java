package io.jdeepface.face.store;

/**
 * What a refresh did. {@code added + changed} files were indexed; {@code failed} of those are
 * {@link FileStatus#UNREADABLE}.
 */
public record RefreshSummary(int added, int changed, int removed, int unchanged, int failed) {
}
