package io.musicspeech.segment;

import io.musicspeech.config.SegmentConfig;
import io.musicspeech.model.WindowClassifier;
import io.musicspeech.pipeline.Label;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a whole file's window posteriors into segments, looking at the whole file (offline; the
 * live path uses {@link CausalSegmenter}):
 * <ol>
 *   <li><b>Silence.</b> A run of windows the gate held back becomes a silence segment if it lasts
 *       longer than {@code bridge_gap_seconds}; shorter runs are bridged: they take the label of
 *       the speech or music around them.</li>
 *   <li><b>Music or speech.</b> Between silences, a two-state Viterbi decoder picks the label
 *       sequence that best explains the model's log-odds, where every change of label costs
 *       {@code switch_penalty} nats (as inaSpeechSegmenter smooths its network's output). Each
 *       window contributes log p and log (1 - p), with p moved so that the model's own threshold
 *       is the even point and its log-odds divided by {@code temperature}.</li>
 *   <li><b>Minimum durations.</b> Music and speech segments shorter than their minimum are merged
 *       into a neighbour (the longer one, or both when they agree), shortest first.</li>
 * </ol>
 * The segments tile the file from 0 to its end, with no gap and no overlap, and neighbouring
 * segments always differ in label. Immutable: one decoder serves every thread.
 */
public final class SegmentDecoder {
    private static final double P_FLOOR = 1e-6;

    private final double switchPenalty;
    private final double temperature;
    private final double thresholdLogit;
    private final double minSpeech;
    private final double minMusic;
    private final double bridgeGap;
    private final int lookAhead;

    /**
     * @param threshold  the model's decision threshold: p(speech) at which speech and music are equally likely
     * @param classifier the model whose outputs are decoded: a look-ahead model's own look-ahead, else
     *                   {@code segment.look_ahead_windows} within its context
     */
    public SegmentDecoder(SegmentConfig config, double threshold, WindowClassifier classifier) {
        this(config.switchPenalty(), config.temperature(), threshold, config.minSpeechSeconds(), config.minMusicSeconds(),
                config.bridgeGapSeconds(), lookAhead(config, classifier));
    }

    /** The windows after a window whose output decides it. */
    public static int lookAhead(SegmentConfig config, WindowClassifier classifier) {
        return classifier.lookAhead().orElse(config.effectiveLookAhead(classifier.contextWindows()));
    }

    public SegmentDecoder(double switchPenalty, double temperature, double threshold, double minSpeechSeconds,
                          double minMusicSeconds, double bridgeGapSeconds) {
        this(switchPenalty, temperature, threshold, minSpeechSeconds, minMusicSeconds, bridgeGapSeconds, 0);
    }

    /** @param lookAheadWindows a window is judged by the model's output this many windows later (offline only) */
    public SegmentDecoder(double switchPenalty, double temperature, double threshold, double minSpeechSeconds,
                          double minMusicSeconds, double bridgeGapSeconds, int lookAheadWindows) {
        this.lookAhead = lookAheadWindows;
        this.switchPenalty = switchPenalty;
        this.temperature = temperature;
        this.thresholdLogit = logit(threshold);
        this.minSpeech = minSpeechSeconds;
        this.minMusic = minMusicSeconds;
        this.bridgeGap = bridgeGapSeconds;
    }

    /** The segments of a file whose windows had these posteriors (windows back to back); an empty file gives no segment. */
    public List<Segment> decode(Posteriors posteriors, WindowTiming timing) {
        return decode(posteriors, timing, 1);
    }

    /**
     * As {@link #decode(Posteriors, WindowTiming)} for windows {@code hopsPerWindow} hops apart: the
     * look-ahead counts windows of the context, so it spans that many posteriors each.
     */
    public List<Segment> decode(Posteriors posteriors, WindowTiming timing, int hopsPerWindow) {
        int ahead = lookAhead * Math.max(1, hopsPerWindow);
        int n = posteriors.size();
        if (n != timing.windows()) {
            throw new IllegalArgumentException(n + " posteriors for " + timing.windows() + " windows");
        }
        List<Segment> out = new ArrayList<>();
        if (n == 0) {
            if (timing.durationSeconds() > 0) {
                out.add(new Segment(0, timing.durationSeconds(), Label.SILENCE, 1));
            }
            return out;
        }
        // Windows that are silence segments (true) or take part in music/speech decoding (false).
        boolean[] silence = new boolean[n];
        for (int a = 0; a < n; ) {
            if (!posteriors.silent(a)) {
                a++;
                continue;
            }
            int b = a;
            while (b < n && posteriors.silent(b)) {
                b++;
            }
            boolean wholeFile = a == 0 && b == n;
            if (wholeFile || timing.boundary(b) - timing.boundary(a) > bridgeGap) {
                for (int k = a; k < b; k++) {
                    silence[k] = true;
                }
            }
            a = b;
        }
        Label[] labels = new Label[n];
        for (int a = 0; a < n; ) {
            int b = a;
            while (b < n && silence[b] == silence[a]) {
                b++;
            }
            if (silence[a]) {
                for (int k = a; k < b; k++) {
                    labels[k] = Label.SILENCE;
                }
            } else {
                viterbi(posteriors, a, b, labels, ahead);
                enforceMinimumDurations(labels, a, b, timing);
            }
            a = b;
        }
        return segments(labels, posteriors, timing);
    }

    /** The best music/speech path over windows [from, to), written into {@code labels}. */
    private void viterbi(Posteriors posteriors, int from, int to, Label[] labels, int ahead) {
        int n = to - from;
        // back[k] bit s: the state the best path into state s at window k came from (0 music, 1 speech).
        byte[] back = new byte[n];
        double music = 0;
        double speech = 0;
        for (int k = 0; k < n; k++) {
            double[] e = emissions(posteriors, from + k, to, ahead);
            double musicFromMusic = music;
            double musicFromSpeech = speech - switchPenalty;
            double speechFromSpeech = speech;
            double speechFromMusic = music - switchPenalty;
            byte b = 0;
            double nextMusic;
            double nextSpeech;
            if (k == 0 || musicFromMusic >= musicFromSpeech) {
                nextMusic = musicFromMusic;
            } else {
                nextMusic = musicFromSpeech;
                b |= 1;
            }
            if (k == 0 || speechFromSpeech >= speechFromMusic) {
                nextSpeech = speechFromSpeech;
                b |= 2;
            } else {
                nextSpeech = speechFromMusic;
            }
            back[k] = b;
            music = nextMusic + e[0];
            speech = nextSpeech + e[1];
        }
        int state = speech > music ? 1 : 0;
        for (int k = n - 1; k >= 0; k--) {
            labels[from + k] = state == 1 ? Label.SPEECH : Label.MUSIC;
            state = state == 1 ? ((back[k] & 2) != 0 ? 1 : 0) : ((back[k] & 1) != 0 ? 1 : 0);
        }
    }

    /**
     * log p(music), log p(speech) of one window: the model's output {@code ahead} posteriors later
     * (the last one near the end, or the window's own when that one is silent); 0 and 0 for a
     * bridged silent window (no evidence).
     */
    private double[] emissions(Posteriors posteriors, int k, int regionEnd, int ahead) {
        if (posteriors.silent(k) || Float.isNaN(posteriors.pSpeech(k))) {
            return new double[] {0, 0};
        }
        // Not past the region: beyond a silence the model hears something else.
        float later = posteriors.pSpeech(Math.min(regionEnd - 1, k + ahead));
        float p = Float.isNaN(later) ? posteriors.pSpeech(k) : later;
        double clamped = Math.min(1 - P_FLOOR, Math.max(P_FLOOR, p));
        double z = (logit(clamped) - thresholdLogit) / temperature;
        return new double[] {logSigmoid(-z), logSigmoid(z)};
    }

    /** Relabels music and speech runs in [from, to) that are shorter than their minimum, shortest first. */
    private void enforceMinimumDurations(Label[] labels, int from, int to, WindowTiming timing) {
        while (true) {
            List<int[]> runs = runs(labels, from, to);
            if (runs.size() < 2) {
                return;
            }
            int worst = -1;
            double worstRatio = 1;
            for (int r = 0; r < runs.size(); r++) {
                int[] run = runs.get(r);
                double minimum = labels[run[0]] == Label.SPEECH ? minSpeech : minMusic;
                double ratio = minimum <= 0 ? 1 : (timing.boundary(run[1]) - timing.boundary(run[0])) / minimum;
                if (ratio < worstRatio) {
                    worstRatio = ratio;
                    worst = r;
                }
            }
            if (worst < 0) {
                return;
            }
            int[] run = runs.get(worst);
            Label replacement;
            if (worst == 0) {
                replacement = labels[runs.get(1)[0]];
            } else if (worst == runs.size() - 1) {
                replacement = labels[runs.get(worst - 1)[0]];
            } else {
                int[] before = runs.get(worst - 1);
                int[] after = runs.get(worst + 1);
                double beforeSeconds = timing.boundary(before[1]) - timing.boundary(before[0]);
                double afterSeconds = timing.boundary(after[1]) - timing.boundary(after[0]);
                replacement = labels[(beforeSeconds >= afterSeconds ? before : after)[0]];
            }
            for (int k = run[0]; k < run[1]; k++) {
                labels[k] = replacement;
            }
        }
    }

    /** Runs of equal labels in [from, to), as {start, end} window indices. */
    private static List<int[]> runs(Label[] labels, int from, int to) {
        List<int[]> runs = new ArrayList<>();
        for (int a = from; a < to; ) {
            int b = a;
            while (b < to && labels[b] == labels[a]) {
                b++;
            }
            runs.add(new int[] {a, b});
            a = b;
        }
        return runs;
    }

    private static List<Segment> segments(Label[] labels, Posteriors posteriors, WindowTiming timing) {
        List<Segment> out = new ArrayList<>();
        int n = labels.length;
        for (int a = 0; a < n; ) {
            int b = a;
            double sum = 0;
            int judged = 0;
            while (b < n && labels[b] == labels[a]) {
                float p = posteriors.pSpeech(b);
                if (!posteriors.silent(b) && !Float.isNaN(p)) {
                    sum += labels[a] == Label.SPEECH ? p : 1 - p;
                    judged++;
                }
                b++;
            }
            double confidence = labels[a] == Label.SILENCE ? 1 : judged == 0 ? 0 : sum / judged;
            double start = timing.boundary(a);
            double end = timing.boundary(b);
            if (end > start) {
                out.add(new Segment(start, end, labels[a], confidence));
            }
            a = b;
        }
        return out;
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    /** log(1 / (1 + e^-z)), without overflow in either tail. */
    private static double logSigmoid(double z) {
        return z >= 0 ? -Math.log1p(Math.exp(-z)) : z - Math.log1p(Math.exp(z));
    }
}
