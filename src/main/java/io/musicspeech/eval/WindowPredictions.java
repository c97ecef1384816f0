package io.musicspeech.eval;

import java.util.List;

/**
 * Per-window predictions of an evaluation, in clip order and time order within a clip.
 *
 * @param files   the clip of each window (relative path)
 * @param speech  the true class of each window (true = speech)
 * @param pSpeech the model's p(speech) for each window
 * @param rms     each window's RMS, as the chain's silence gate measures it (NaN: unknown)
 */
public record WindowPredictions(List<String> files, boolean[] speech, float[] pSpeech, float[] rms) {
    public WindowPredictions {
        if (files.size() != speech.length || speech.length != pSpeech.length || pSpeech.length != rms.length) {
            throw new IllegalArgumentException("files, labels, probabilities and RMS differ in length: "
                    + files.size() + ", " + speech.length + ", " + pSpeech.length + ", " + rms.length);
        }
    }

    /** Predictions whose windows' loudness is unknown (none counts as silent). */
    public WindowPredictions(List<String> files, boolean[] speech, float[] pSpeech) {
        this(files, speech, pSpeech, nan(speech.length));
    }

    public int size() {
        return speech.length;
    }

    private static float[] nan(int n) {
        float[] out = new float[n];
        java.util.Arrays.fill(out, Float.NaN);
        return out;
    }
}
