package io.musicspeech.segment;

import io.musicspeech.pipeline.WindowEvent;
import io.musicspeech.pipeline.WindowProcessor;

import java.util.ArrayList;
import java.util.List;

/**
 * What the chain said about every window of a stream, kept for the offline decoder: p(speech)
 * (NaN where the silence gate held the window back) and RMS, in window order. Nine bytes per
 * window, in blocks of {@value #BLOCK} windows, so a 10-hour file (144,000 windows) holds 1.3 MB
 * and no array is large enough for the garbage collector to treat it specially (G1 grows the heap
 * for such "humongous" arrays, which showed as memory that grew with the file's length).
 */
public final class Posteriors implements WindowProcessor {
    private static final int BLOCK = 1 << 14;

    private final List<float[]> pSpeech = new ArrayList<>();
    private final List<float[]> rms = new ArrayList<>();
    private final List<boolean[]> silent = new ArrayList<>();
    private int size;

    @Override
    public void process(WindowEvent window) {
        add(window.pSpeech(), (float) window.rms(), window.silent());
    }

    /** Adds one window directly (tests, and reading back a file's JSON). */
    public void add(float p, float windowRms, boolean isSilent) {
        int at = size % BLOCK;
        if (at == 0) {
            pSpeech.add(new float[BLOCK]);
            rms.add(new float[BLOCK]);
            silent.add(new boolean[BLOCK]);
        }
        int block = size / BLOCK;
        pSpeech.get(block)[at] = p;
        rms.get(block)[at] = windowRms;
        silent.get(block)[at] = isSilent;
        size++;
    }

    public int size() {
        return size;
    }

    public float pSpeech(int window) {
        return pSpeech.get(window / BLOCK)[window % BLOCK];
    }

    public float rms(int window) {
        return rms.get(window / BLOCK)[window % BLOCK];
    }

    public boolean silent(int window) {
        return silent.get(window / BLOCK)[window % BLOCK];
    }
}
