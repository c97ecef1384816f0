package io.musicspeech.data.augment;

import java.util.List;

/** Small sample-array helpers shared by the transforms. */
final class Signals {
    private Signals() {
    }

    static double rms(float[] x) {
        return rms(x, 0, x.length);
    }

    /** RMS of x[from, from + length); 0 for an empty range. */
    static double rms(float[] x, int from, int length) {
        if (length <= 0) {
            return 0;
        }
        double sum = 0;
        for (int i = from; i < from + length; i++) {
            sum += (double) x[i] * x[i];
        }
        return Math.sqrt(sum / length);
    }

    /**
     * {@code length} samples of {@code clip} from {@code offset}, wrapping around to its start
     * (audiomentations tiles a noise shorter than the signal; a random start also varies long noises).
     */
    static float[] loop(float[] clip, int offset, int length) {
        float[] out = new float[length];
        int pos = offset % clip.length;
        int done = 0;
        while (done < length) {
            int n = Math.min(length - done, clip.length - pos);
            System.arraycopy(clip, pos, out, done, n);
            done += n;
            pos = 0;
        }
        return out;
    }

    /** Gain that brings noise of RMS {@code noiseRms} to {@code snrDb} below a signal of RMS {@code signalRms}. */
    static double gainForSnr(double signalRms, double noiseRms, double snrDb) {
        return signalRms / Math.pow(10, snrDb / 20) / noiseRms;
    }

    /** The noise list a noise transform was given, checked and made unmodifiable (clips are not copied). */
    static List<float[]> noiseClips(String what, List<float[]> noises) {
        if (noises == null || noises.isEmpty()) {
            throw new IllegalArgumentException(what + " needs at least one noise clip");
        }
        for (float[] clip : noises) {
            if (clip == null || clip.length == 0) {
                throw new IllegalArgumentException(what + ": a noise clip is empty");
            }
        }
        return List.copyOf(noises);
    }
}
