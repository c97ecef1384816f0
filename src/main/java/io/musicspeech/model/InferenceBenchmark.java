package io.musicspeech.model;

import io.musicspeech.features.FeatureSpec;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Times a {@link WindowClassifier} on the calling thread as every driver uses it, through its
 * {@link ContextStream}: the latency of one decision (what live classification pays per 0.25 s;
 * the window's features are given, MFCC is timed apart) and the decisions per second of a long
 * stream (what segmenting and evaluating get).
 *
 * <p>Inputs are fixed-seed random windows with MFCC-like scales (coefficient 0 around -300, the
 * others within tens), cycled through so that the same window is not fed twice in a row. The
 * network's cost does not depend on the values beyond that.
 */
public final class InferenceBenchmark {

    private static final int DISTINCT_WINDOWS = 512;

    /**
     * @param windows          decisions timed one by one
     * @param p50Millis        median latency of one decision
     * @param p99Millis        99th percentile of the same
     * @param meanMillis       mean of the same
     * @param batch            decisions per timed run of the throughput figure
     * @param windowsPerSecond decisions per second along a stream
     * @param bytesPerWindow   Java heap allocated by the calling thread per decision (the timed ones), or
     *                         -1 where the JVM does not count it
     */
    public record Report(int windows, double p50Millis, double p99Millis, double meanMillis,
                         int batch, double windowsPerSecond, double bytesPerWindow) {
        public String describe() {
            return String.format(Locale.ROOT,
                    "model per decision in a stream (%d decisions): p50 %.3f ms  p99 %.3f ms  mean %.3f ms; %.0f decisions/s; %s",
                    windows, p50Millis, p99Millis, meanMillis, windowsPerSecond,
                    bytesPerWindow < 0 ? "allocation not measured" : String.format(Locale.ROOT, "%.0f bytes allocated per window", bytesPerWindow));
        }
    }

    private InferenceBenchmark() {
    }

    /** Keeps the JIT from discarding the work. */
    private static volatile float sink;

    /**
     * Runs {@code warmup} untimed single-window calls, times {@code windows} single-window calls,
     * then times batches of {@code batch} windows (at least {@code windows} windows and 5 batches,
     * after 2 untimed ones).
     *
     * @throws IllegalArgumentException if windows < 1, warmup < 0 or batch < 1
     */
    public static Report run(WindowClassifier classifier, int windows, int warmup, int batch) {
        if (windows < 1 || warmup < 0 || batch < 1) {
            throw new IllegalArgumentException("need windows >= 1, warmup >= 0 and batch >= 1, got "
                    + windows + ", " + warmup + " and " + batch);
        }
        int size = classifier.featureSpec().featureSize();
        int nMfcc = classifier.featureSpec().nMfcc();
        int distinct = Math.max(DISTINCT_WINDOWS, batch);
        float[] data = mfccLikeWindows(distinct, size, nMfcc, 20240611L);
        float[][] windowsOf = new float[distinct][];
        for (int i = 0; i < distinct; i++) {
            windowsOf[i] = Arrays.copyOfRange(data, i * size, (i + 1) * size);
        }
        ContextStream stream = classifier.stream(1);
        float acc = 0;

        for (int i = 0; i < warmup; i++) {
            acc += stream.push(windowsOf[i % distinct], true, true);
        }
        long[] nanos = new long[windows];
        long allocatedBefore = allocatedBytes();
        for (int i = 0; i < windows; i++) {
            float[] window = windowsOf[i % distinct];
            long t0 = System.nanoTime();
            acc += stream.push(window, true, true);
            nanos[i] = System.nanoTime() - t0;
        }
        long allocatedAfter = allocatedBytes();
        double bytesPerWindow = allocatedBefore < 0 || allocatedAfter < 0 ? -1
                : (double) (allocatedAfter - allocatedBefore) / windows;

        int decisions = Math.max(5 * batch, windows);
        long t0 = System.nanoTime();
        for (int i = 0; i < decisions; i++) {
            acc += stream.push(windowsOf[i % distinct], true, true);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        sink = acc;

        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(nanos).average().orElse(0);
        return new Report(windows, percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6, mean / 1e6,
                batch, decisions / seconds, bytesPerWindow);
    }

    /** Bytes the current thread has allocated so far, or -1 if the JVM does not say. */
    private static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()) {
            return threads.getCurrentThreadAllocatedBytes();
        }
        return -1;
    }

    /**
     * Times a model file on this thread, for comparing the inference paths:
     * {@code <model file> [java|dl4j] [windows] [warmup] [batch]} (defaults java 20000 5000 256).
     * {@code java} is what {@link ModelLoader} returns; {@code dl4j} runs the same network through
     * {@link NetworkClassifier}. The feature spec is librosa's default (the seed model's) unless the
     * file is a bundle, which brings its own; the Keras threshold is 0.5 (irrelevant to timing).
     */
    public static void main(String[] args) {
        if (args.length < 1 || args.length > 5) {
            System.err.println("usage: InferenceBenchmark <model file> [java|dl4j] [windows] [warmup] [batch]");
            System.exit(2);
        }
        NativeSetup.ensure();
        Path file = Path.of(args[0]);
        String path = args.length > 1 ? args[1] : "java";
        int windows = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 5_000;
        int batch = args.length > 4 ? Integer.parseInt(args[4]) : 256;
        FeatureSpec spec = FeatureSpec.librosaDefault();
        WindowClassifier classifier;
        if (ModelFiles.kindOf(file, "model") == ModelFiles.Kind.ZIP) {
            ModelBundle bundle = ModelBundle.load(file);
            classifier = switch (path) {
                case "java" -> bundle.classifier();
                case "dl4j" -> new NetworkClassifier(bundle.network(), bundle.featureSpec(), bundle.threshold(), bundle.normalisation());
                default -> throw new IllegalArgumentException("path must be java or dl4j, got " + path);
            };
        } else {
            classifier = switch (path) {
                case "java" -> ModelLoader.load(file, spec, 0.5);
                case "dl4j" -> new NetworkClassifier(KerasModelImport.importNetwork(file), spec, 0.5, null);
                default -> throw new IllegalArgumentException("path must be java or dl4j, got " + path);
            };
        }
        System.out.println(classifier.getClass().getSimpleName() + ": "
                + run(classifier, windows, warmup, batch).describe());
    }

    /** Nearest-rank percentile of sorted values. */
    private static double percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static float[] mfccLikeWindows(int count, int size, int nMfcc, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] out = new float[count * size];
        for (int i = 0; i < out.length; i++) {
            int c = i % nMfcc;
            double g = gaussian(rnd);
            out[i] = (float) (c == 0 ? -300 + 100 * g : 40.0 / (1 + c) * g);
        }
        return out;
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }
}
