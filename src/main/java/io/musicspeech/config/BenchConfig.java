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
 */
public record BenchConfig(List<String> what, int windows, int warmup, @Nullable Path model, int batch, int trainWindows) {
    public static final Set<String> BENCHMARKS = Set.of("mfcc", "inference", "train");

    public BenchConfig {
        what.forEach(w -> Check.that(BENCHMARKS.contains(w), "what", "names an unknown benchmark '" + w + "'; benchmarks: mfcc, inference, train"));
        Check.positive("windows", windows);
        Check.nonNegative("warmup", warmup);
        Check.positive("batch", batch);
        Check.positive("train_windows", trainWindows);
    }
}
