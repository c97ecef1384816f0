package io.musicspeech.pipeline;

/**
 * One window travelling down the processor chain. A single instance is reused for every window
 * (its arrays are allocated once), and each {@link WindowProcessor} reads what the earlier ones
 * filled in and adds its own part.
 */
public final class WindowEvent {
    /** The window's samples, exactly {@code samples.length} of them (filled by the {@link Windower}). */
    final float[] samples;
    /** MFCC features, frames x n_mfcc (filled by the {@link Featuriser}; silent windows only for a context model). */
    final float[] features;
    final int sampleRate;

    long index;
    long startSample;
    /** When the chunk that completed this window had been captured ({@link System#nanoTime()}). */
    long availableNanos;
    /** When the {@link Windower} cut this window ({@link System#nanoTime()}). */
    long cutNanos;
    double rms;
    boolean silent;
    /** The model's p(speech); NaN for a silent window. */
    float pSpeech;
    Label label;
    /** When the label was decided ({@link System#nanoTime()}). */
    long decidedNanos;

    public WindowEvent(int windowSamples, int featureSize, int sampleRate) {
        this.samples = new float[windowSamples];
        this.features = new float[featureSize];
        this.sampleRate = sampleRate;
    }

    /** Clears the per-window results before the chain runs. */
    public void reset() {
        rms = 0;
        silent = false;
        pSpeech = Float.NaN;
        label = null;
        decidedNanos = 0;
    }

    public long index() {
        return index;
    }

    public double startSeconds() {
        return startSample / (double) sampleRate;
    }

    public double endSeconds() {
        return (startSample + samples.length) / (double) sampleRate;
    }

    public double rms() {
        return rms;
    }

    public boolean silent() {
        return silent;
    }

    public float pSpeech() {
        return pSpeech;
    }

    public Label label() {
        return label;
    }

    /** The window's samples (read-only for the steps after the {@link Windower}). */
    public float[] samples() {
        return samples;
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** Position of the window's first sample in the stream. */
    public long startSample() {
        return startSample;
    }

    /** When the samples that completed this window had been captured ({@link System#nanoTime()}). */
    public long availableNanos() {
        return availableNanos;
    }

    /** When the {@link Windower} cut this window. */
    public long cutNanos() {
        return cutNanos;
    }

    /** When the label was decided. */
    public long decidedNanos() {
        return decidedNanos;
    }

    /** Chunk complete to decision, in nanoseconds. */
    public long latencyNanos() {
        return decidedNanos - availableNanos;
    }
}
