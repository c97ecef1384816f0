package io.musicspeech.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Development streams for the segment stage (stage {@code streams}): long recordings cut together
 * from the held-out clips of a prepare, with their reference segments.
 *
 * @param prepared             a prepare's output folder; only the clips on its test side are used, so a
 *                             model trained on that prepare has never heard them
 * @param out                  where the streams, reference.csv and streams.txt go; null: the run folder
 * @param count                how many streams
 * @param minutes              length of each stream
 * @param pieceSeconds         [shortest, longest] piece of a clip
 * @param levelDbfs            [lowest, highest] RMS level of a piece
 * @param gapProbability       chance of a silent gap between two pieces
 * @param gapSeconds           [shortest, longest] gap
 * @param sameClassProbability chance that a piece has the class of the one before (otherwise they alternate)
 * @param formats              stream k is written as formats[k mod n]: wav (22.05 kHz mono), wav44s
 *                             (44.1 kHz stereo), mp3, flac, ogg, opus, m4a (encoded with the ffmpeg command)
 * @param seed                 every draw
 */
public record StreamsConfig(Path prepared, @Nullable Path out, int count, double minutes, List<Double> pieceSeconds,
                            List<Double> levelDbfs, double gapProbability, List<Double> gapSeconds,
                            double sameClassProbability, List<String> formats, long seed) {
    public static final Set<String> FORMATS = Set.of("wav", "wav44s", "mp3", "flac", "ogg", "opus", "m4a");

    public StreamsConfig {
        Check.between("count", count, 1, 10_000);
        Check.between("minutes", minutes, 0.1, 24 * 60);
        Check.range("piece_seconds", pieceSeconds, 0.5, 3600);
        Check.range("level_dbfs", levelDbfs, -80, 0);
        Check.between("gap_probability", gapProbability, 0, 1);
        Check.range("gap_seconds", gapSeconds, 0.01, 600);
        Check.between("same_class_probability", sameClassProbability, 0, 1);
        Check.that(!formats.isEmpty(), "formats", "needs at least one of " + FORMATS);
        formats.forEach(f -> Check.that(FORMATS.contains(f), "formats", "names an unknown format '" + f + "'; formats: " + FORMATS));
    }
}
