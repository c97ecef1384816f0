package io.musicspeech.segment;

import io.musicspeech.pipeline.WindowEvent;
import io.musicspeech.pipeline.WindowProcessor;

import java.util.Arrays;

/**
 * What the chain said about every window of a stream, kept for the offline decoder: p(speech)
 * (NaN where the silence gate held the window back) and RMS, in window order. A few bytes per
 * window, so a 10-hour file at 4 windows a second holds about 1 MB.
 */
public final class Posteriors implements WindowProcessor {
    private float[] pSpeech = new float[1024];
    private float[] rms = new float[1024];
    private boolean[] silent = new boolean[1024];
    private int size;

    @Override
    public void process(WindowEvent window) {
        add(window.pSpeech(), (float) window.rms(), window.silent());
    }

    /** Adds one window directly (tests, and reading back a file's JSON). */
    public void add(float p, float windowRms, boolean isSilent) {
        if (size == pSpeech.length) {
            int capacity = 2 * size;
            pSpeech = Arrays.copyOf(pSpeech, capacity);
            rms = Arrays.copyOf(rms, capacity);
            silent = Arrays.copyOf(silent, capacity);
        }
        pSpeech[size] = p;
        rms[size] = windowRms;
        silent[size] = isSilent;
        size++;
    }

    public int size() {
        return size;
    }

    public float pSpeech(int window) {
        return pSpeech[window];
    }

    public float rms(int window) {
        return rms[window];
    }

    public boolean silent(int window) {
        return silent[window];
    }
}
