package io.musicspeech.features;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Times {@link MfccExtractor#extract} per window on one thread, the figure that decides whether
 * live classification keeps up (librosa took 2.05 ms per 0.25 s window).
 *
 * <p>The input is a fixed-seed signal that looks like decoded audio (a few drifting tones,
 * noise and a slow envelope, quantised to 16 bits), long enough not to sit in L1 cache, so the
 * timing is not flattered by silence or by one window repeated.
 */
public final class MfccBenchmark {

    /** Windows of distinct audio the benchmark cycles through (about 4.4 MB of floats at the default spec). */
    private static final int DISTINCT_WINDOWS = 200;

    /** Per-window timings in microseconds. */
    public record Report(int windows, double p50Micros, double p99Micros, double meanMicros) {
        /** The one-line summary, naming the window length of {@code spec}. */
        public String describe(FeatureSpec spec) {
            return String.format(Locale.ROOT,
                    "MFCC per %.2f s window (1 thread, %d windows): p50 %.3f ms  p99 %.3f ms  mean %.3f ms",
                    spec.windowSeconds(), windows,
                    p50Micros / 1000, p99Micros / 1000, meanMicros / 1000);
        }
    }

    private MfccBenchmark() {
    }

    /** Keeps the JIT from discarding the work. */
    private static volatile float sink;

    /**
     * Extracts {@code warmupWindows} windows untimed, then times each of {@code windows} windows
     * with System.nanoTime on the calling thread.
     *
     * @throws IllegalArgumentException if windows < 1 or warmupWindows < 0
     */
    public static Report run(FeatureSpec spec, int windows, int warmupWindows) {
        if (windows < 1 || warmupWindows < 0) {
            throw new IllegalArgumentException("need windows >= 1 and warmupWindows >= 0, got "
                    + windows + " and " + warmupWindows);
        }
        MfccExtractor extractor = new MfccExtractor(spec);
        int n = spec.windowSamples();
        float[] audio = syntheticAudio(spec.sampleRate(), n * DISTINCT_WINDOWS, 20240611L);
        float[] out = new float[spec.featureSize()];
        float acc = 0;
        for (int w = 0; w < warmupWindows; w++) {
            extractor.extract(audio, (w % DISTINCT_WINDOWS) * n, out);
            acc += out[0];
        }
        long[] nanos = new long[windows];
        for (int w = 0; w < windows; w++) {
            int offset = (w % DISTINCT_WINDOWS) * n;
            long t0 = System.nanoTime();
            extractor.extract(audio, offset, out);
            nanos[w] = System.nanoTime() - t0;
            acc += out[0];
        }
        sink = acc;
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(nanos).average().orElse(0);
        return new Report(windows, percentile(sorted, 0.50) / 1000, percentile(sorted, 0.99) / 1000, mean / 1000);
    }

    /** Nearest-rank percentile of sorted values. */
    private static double percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Decoded-looking audio: drifting tones plus noise under a slow envelope, 16-bit quantised. */
    static float[] syntheticAudio(int sampleRate, int length, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] freq = {110 + rnd.nextDouble(200), 440 + rnd.nextDouble(400), 1500 + rnd.nextDouble(2000)};
        double[] phase = new double[freq.length];
        float[] y = new float[length];
        for (int i = 0; i < length; i++) {
            double env = 0.5 + 0.4 * Math.sin(2 * Math.PI * 0.7 * i / sampleRate);
            double v = 0;
            for (int k = 0; k < freq.length; k++) {
                freq[k] *= 1 + 1e-5 * (rnd.nextDouble() - 0.5); // slow random drift
                phase[k] += 2 * Math.PI * freq[k] / sampleRate;
                v += Math.sin(phase[k]) / (k + 2);
            }
            v = env * v + 0.05 * (rnd.nextDouble() * 2 - 1);
            int q = (int) Math.round(Math.max(-1, Math.min(1, v)) * 32767);
            y[i] = q / 32768f;
        }
        return y;
    }
}
