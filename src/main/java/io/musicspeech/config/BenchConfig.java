package io.musicspeech.config;

/**
 * @param windows windows timed one by one
 * @param warmup  windows run first and not timed (JIT warm-up)
 */
public record BenchConfig(int windows, int warmup) {
    public BenchConfig {
        Check.positive("windows", windows);
        Check.nonNegative("warmup", warmup);
    }
}
