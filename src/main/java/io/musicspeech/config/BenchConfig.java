package io.musicspeech.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * @param what         benchmarks to run: mfcc (per-window features), inference (the model per window
 *                     and in batches), train (seconds per epoch and peak memory)
 * @param windows      windows timed one by one
 * @param warmup       windows run first and not timed (JIT warm-up)
 * @param model        model for the inference benchmark; null: the shipped model, else the original Keras model
 * @param batch        windows per batch in the inference throughput figure
 * @param trainWindows windows in the timed training epoch
 * @param audio        clips the segment benchmark's inputs are made of (music and speech folders)
 * @param longHours    length of the long input whose peak memory is compared with a 1-minute one's
 * @param scratch      where the segment benchmark writes its inputs (several GB for a 10-hour WAV); removed after
 * @param serveUploads the service benchmark's concurrent uploads (each posts an MP3 again as soon as it is answered)
 * @param serveStreams the service benchmark's concurrent WebSocket streams, each sending audio at real-time pace
 * @param serveSeconds how long the service benchmark runs
 * @param sparkRepeats how many times the Spark benchmark runs each of its whole runs (medians compared)
 */
public record BenchConfig(List<String> what, int windows, int warmup, @Nullable Path model, int batch, int trainWindows,
                          Path audio, double longHours, Path scratch, int serveUploads, int serveStreams, double serveSeconds,
                          int sparkRepeats) {
    public static final Set<String> BENCHMARKS = Set.of("mfcc", "inference", "train", "segment", "serve", "spark");

    public BenchConfig {
        what.forEach(w -> Check.that(BENCHMARKS.contains(w), "what", "names an unknown benchmark '" + w + "'; benchmarks: mfcc, inference, train, segment, serve, spark"));
        Check.positive("windows", windows);
        Check.nonNegative("warmup", warmup);
        Check.positive("batch", batch);
        Check.positive("train_windows", trainWindows);
        Check.between("long_hours", longHours, 0.1, 100);
        Check.between("serve_uploads", serveUploads, 0, 256);
        Check.between("serve_streams", serveStreams, 0, 1000);
        Check.between("serve_seconds", serveSeconds, 1, 3600);
        Check.between("spark_repeats", sparkRepeats, 1, 20);
    }
}
