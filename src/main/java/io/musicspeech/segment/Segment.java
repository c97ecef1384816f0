package io.musicspeech.segment;

import io.musicspeech.pipeline.Label;

/**
 * One stretch of a recording with one label.
 *
 * @param startSeconds from the start of the file
 * @param endSeconds   exclusive; the next segment starts here
 * @param confidence   the mean probability of the label over the segment's windows: p(speech) for
 *                     speech, 1 - p(speech) for music, 1 for silence (the gate is a rule, not a model)
 */
public record Segment(double startSeconds, double endSeconds, Label label, double confidence) {
    public Segment {
        if (!(endSeconds >= startSeconds)) {
            throw new IllegalArgumentException("segment ends before it starts: " + startSeconds + " .. " + endSeconds);
        }
    }

    public double duration() {
        return endSeconds - startSeconds;
    }
}
