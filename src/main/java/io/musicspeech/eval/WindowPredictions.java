package io.musicspeech.eval;

import java.util.List;

/**
 * Per-window predictions of an evaluation, in clip order and time order within a clip.
 *
 * @param files   the clip of each window (relative path)
 * @param speech  the true class of each window (true = speech)
 * @param pSpeech the model's p(speech) for each window
 */
public record WindowPredictions(List<String> files, boolean[] speech, float[] pSpeech) {
    public WindowPredictions {
        if (files.size() != speech.length || speech.length != pSpeech.length) {
            throw new IllegalArgumentException("files, labels and probabilities differ in length: "
                    + files.size() + ", " + speech.length + ", " + pSpeech.length);
        }
    }

    public int size() {
        return speech.length;
    }
}
