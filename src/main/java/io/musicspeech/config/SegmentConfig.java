package io.musicspeech.config;

import java.nio.file.Path;

/**
 * The segment stage: recordings in, music / speech / silence segments out.
 *
 * @param input            a file, a folder (searched recursively) or a text file listing paths, one per line
 * @param out              where the outputs go; null: the run folder
 * @param model            a bundle or Keras file; null: {@code models.shipped}, else {@code models.original}
 * @param hopSeconds       between window starts; null: the window length (no overlap)
 * @param switchPenalty    what a change of label costs the Viterbi decoder, in nats of log-likelihood
 * @param temperature      the model's log-odds are divided by this before decoding (over-confident models: > 1)
 * @param lookAheadWindows a window's label is decided from the model's output this many windows later, which
 *                         has heard the window and what follows it (a context model sees only the past, so its
 *                         output lags a change); at most the model's context minus one, so 0 for a one-window model
 * @param minSpeechSeconds speech segments shorter than this are merged into their neighbours
 * @param minMusicSeconds  music segments shorter than this are merged into their neighbours
 * @param bridgeGapSeconds silent stretches up to this long inside speech or music are bridged, not segments
 * @param workers          files decoded and segmented in parallel; 0: one per core
 * @param overwrite        redo inputs whose outputs are already complete (otherwise they are skipped)
 * @param plots            also draw a PNG timeline per file
 * @param windows          also list every window's p(speech) and RMS in each file's JSON
 * @param reference        reference segments to score against: a CSV with file,start_s,end_s,label or a
 *                         folder of per-file CSVs (start_s,end_s,label); null: no scoring
 * @param collarSeconds    onset tolerance of the event F-measure (MIREX: 0.5 s)
 */
public record SegmentConfig(@Nullable Path input, @Nullable Path out, @Nullable Path model, @Nullable Double hopSeconds,
                            double switchPenalty, double temperature, int lookAheadWindows, double minSpeechSeconds, double minMusicSeconds,
                            double bridgeGapSeconds, int workers, boolean overwrite, boolean plots, boolean windows,
                            @Nullable Path reference, double collarSeconds) {
    public SegmentConfig {
        if (hopSeconds != null) {
            Check.between("hop_seconds", hopSeconds, 0.001, 10);
        }
        Check.between("switch_penalty", switchPenalty, 0, 1000);
        Check.between("temperature", temperature, 0.01, 100);
        Check.between("look_ahead_windows", lookAheadWindows, 0, 1000);
        Check.between("min_speech_seconds", minSpeechSeconds, 0, 3600);
        Check.between("min_music_seconds", minMusicSeconds, 0, 3600);
        Check.between("bridge_gap_seconds", bridgeGapSeconds, 0, 3600);
        Check.nonNegative("workers", workers);
        Check.between("collar_seconds", collarSeconds, 0, 60);
    }

    /** The look-ahead for a model that sees {@code contextWindows} windows. */
    public int effectiveLookAhead(int contextWindows) {
        return Math.min(lookAheadWindows, contextWindows - 1);
    }

    public int effectiveWorkers() {
        return workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
    }
}
