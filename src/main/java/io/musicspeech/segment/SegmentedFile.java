package io.musicspeech.segment;

import java.util.List;

/**
 * One input's result: its segments and what they were computed from.
 *
 * @param file            the input's name in every output (its path relative to the input folder or list)
 * @param durationSeconds the decoded audio's length
 * @param format          the container and encoding, as the decoder describes it
 * @param model           the model file used
 * @param damage          what was wrong with the file but did not stop it (truncated, damaged packets); null if nothing
 * @param segments        tiling [0, duration)
 * @param posteriors      every window's p(speech) and RMS; null when read back from an earlier run
 * @param timing          the windows' placement; null when read back from an earlier run
 */
public record SegmentedFile(String file, double durationSeconds, String format, String model, String damage,
                            List<Segment> segments, Posteriors posteriors, WindowTiming timing) {

    /** The same result without its window posteriors and timing (all the tables need). */
    public SegmentedFile withoutPosteriors() {
        return new SegmentedFile(file, durationSeconds, format, model, damage, segments, null, null);
    }

    /** Seconds of each label, in {@link io.musicspeech.pipeline.Label} order. */
    public double[] secondsPerLabel() {
        double[] seconds = new double[io.musicspeech.pipeline.Label.values().length];
        for (Segment s : segments) {
            seconds[s.label().ordinal()] += s.duration();
        }
        return seconds;
    }
}
