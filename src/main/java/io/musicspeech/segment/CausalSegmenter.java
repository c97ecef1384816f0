package io.musicspeech.segment;

import io.musicspeech.config.SegmentConfig;
import io.musicspeech.pipeline.Label;
import io.musicspeech.pipeline.WindowEvent;
import io.musicspeech.pipeline.WindowProcessor;

import java.util.function.Consumer;

/**
 * Live segments from the chain's causal labels: a change of label is only taken once the new
 * label has lasted its minimum ({@code min_speech_seconds}, {@code min_music_seconds}, longer than
 * {@code bridge_gap_seconds} for silence), and the boundary is then put back where the new label
 * began. Shorter excursions are absorbed into the current segment, and so are short silences, also inside a new run. Nothing from the future is
 * used: a segment is emitted as soon as the next one is certain, at most one minimum duration
 * late, and the last one when the stream ends. The offline counterpart is {@link SegmentDecoder}.
 */
public final class CausalSegmenter implements WindowProcessor {
    private final double minSpeech;
    private final double minMusic;
    private final double bridgeGap;
    private final int windowSamples;
    private final int hopSamples;
    private final Consumer<Segment> sink;
    private final Evidence current = new Evidence();
    private final Evidence candidate = new Evidence();
    /** A short silence inside the candidate, which it keeps if the candidate's label comes back. */
    private final Evidence gap = new Evidence();
    private double lastEnd;

    /**
     * @param windowSamples the chain's window length
     * @param hopSamples    the chain's hop
     * @param sink          receives each segment once it is final
     */
    public CausalSegmenter(SegmentConfig config, int windowSamples, int hopSamples, Consumer<Segment> sink) {
        this(config.minSpeechSeconds(), config.minMusicSeconds(), config.bridgeGapSeconds(), windowSamples, hopSamples, sink);
    }

    public CausalSegmenter(double minSpeechSeconds, double minMusicSeconds, double bridgeGapSeconds, int windowSamples,
                           int hopSamples, Consumer<Segment> sink) {
        this.minSpeech = minSpeechSeconds;
        this.minMusic = minMusicSeconds;
        this.bridgeGap = bridgeGapSeconds;
        this.windowSamples = windowSamples;
        this.hopSamples = hopSamples;
        this.sink = sink;
    }

    @Override
    public void process(WindowEvent window) {
        // The window stands for the stretch between the midpoints to its neighbours' centres (as WindowTiming).
        double rate = window.sampleRate();
        double start = window.startSample() == 0 ? 0 : (window.startSample() + (windowSamples - hopSamples) / 2.0) / rate;
        double end = (window.startSample() + (windowSamples + hopSamples) / 2.0) / rate;
        lastEnd = end;
        Label label = window.label();
        if (current.label == null) {
            current.begin(label, start);
        }
        if (label == current.label) {
            current.absorb(candidate);
            current.absorb(gap);
            current.add(window);
            return;
        }
        if (label == Label.SILENCE && candidate.label != null && candidate.label != Label.SILENCE) {
            // A pause inside a new run of music or speech: bridged if short, as inside the current segment.
            if (gap.label == null) {
                gap.begin(Label.SILENCE, start);
            }
            gap.add(window);
            if (end - gap.start <= bridgeGap) {
                return;
            }
            current.absorb(candidate); // the run was an excursion, and this is a silence of its own
            candidate.takeOver(gap);
        } else {
            if (candidate.label == label) {
                candidate.absorb(gap);
            } else {
                current.absorb(candidate);
                current.absorb(gap);
                candidate.begin(label, start);
            }
            candidate.add(window);
        }
        double lasted = end - candidate.start;
        Label next = candidate.label;
        boolean certain = next == Label.SILENCE ? lasted > bridgeGap : lasted >= (next == Label.SPEECH ? minSpeech : minMusic);
        if (certain) {
            sink.accept(current.segment(candidate.start));
            current.takeOver(candidate);
        }
    }

    @Override
    public void finish() {
        if (current.label != null) {
            current.absorb(candidate);
            current.absorb(gap);
            sink.accept(current.segment(lastEnd));
            current.label = null;
        }
    }

    /** A run of windows and the evidence for its label. */
    private static final class Evidence {
        Label label;
        double start;
        double pSum;
        int judged;

        void begin(Label newLabel, double at) {
            label = newLabel;
            start = at;
            pSum = 0;
            judged = 0;
        }

        void add(WindowEvent window) {
            if (!window.silent() && !Float.isNaN(window.pSpeech())) {
                pSum += window.pSpeech();
                judged++;
            }
        }

        /** Takes a candidate's windows in as windows of this label; the candidate is emptied. */
        void absorb(Evidence other) {
            if (other.label != null) {
                pSum += other.pSum;
                judged += other.judged;
                other.label = null;
            }
        }

        void takeOver(Evidence other) {
            label = other.label;
            start = other.start;
            pSum = other.pSum;
            judged = other.judged;
            other.label = null;
        }

        Segment segment(double end) {
            double confidence = label == Label.SILENCE ? 1
                    : judged == 0 ? 0 : (label == Label.SPEECH ? pSum / judged : 1 - pSum / judged);
            return new Segment(start, Math.max(start, end), label, confidence);
        }
    }
}
