package io.musicspeech.data.augment;

import be.tarsos.dsp.WaveformSimilarityBasedOverlapAdd;

import java.util.Arrays;

/**
 * WSOLA time-scale modification of a whole clip: duration / tempo, pitch kept.
 *
 * <p>The algorithm and frame sizes are TarsosDSP's {@link WaveformSimilarityBasedOverlapAdd}
 * (after SoundTouch's TDStretch) with {@code Parameters.musicDefaults}: sequences of 82 ms
 * are cut from the input, each one placed where it best matches the 12 ms tail of the
 * previous one (searched over 28 ms), and cross-faded linearly. It is reimplemented here
 * rather than driven through an AudioDispatcher because, measured on a 30 s clip, TarsosDSP's
 * processor takes 90-160 ms (a full-resolution correlation at every offset), prints to stdout
 * on every construction, and {@code fromFloatArray} converts to 16-bit PCM, so samples beyond
 * +-1 (after noise was added) do not survive.
 *
 * <p>Differences from TarsosDSP, each for a reason:
 * <ul>
 *   <li>the search is coarse-to-fine: every second offset on a half-rate copy (a quarter of the
 *       work), then the full-rate neighbours of the winner. The 12 ms match is decided by the
 *       waveform below ~5 kHz anyway, and the refinement restores sample accuracy;</li>
 *   <li>the correlation is normalised by the candidate's energy, as in SoundTouch (TarsosDSP
 *       divides by the constant reference energy, so loud passages win the search);</li>
 *   <li>the search window is centred on the nominal input position, so the output is not
 *       shifted by half the search window.</li>
 * </ul>
 */
final class Wsola {
    private final int overlap;   // cross-fade length
    private final int seek;      // offsets searched per frame
    private final float[] px;    // the input with zero margins, so no read is out of bounds
    private final double[] energy;
    private final float[] half;  // px at half rate (pair means), for the coarse search
    private final double[] halfEnergy;
    private final float[] ref;
    private final float[] refHalf;
    private final float[] corr;

    private Wsola(float[] px, int overlap, int seek) {
        this.px = px;
        this.overlap = overlap;
        this.seek = seek;
        this.energy = prefixEnergy(px);
        this.half = new float[px.length / 2];
        for (int k = 0; k < half.length; k++) {
            half[k] = 0.5f * (px[2 * k] + px[2 * k + 1]);
        }
        this.halfEnergy = prefixEnergy(half);
        this.ref = new float[overlap];
        this.refHalf = new float[overlap / 2];
        this.corr = new float[seek / 2 + 1];
    }

    /** Output of length round(x.length / tempo); tempo > 1 shortens. */
    static float[] stretch(float[] x, int sampleRate, double tempo) {
        int outLength = (int) Math.round(x.length / tempo);
        float[] out = new float[outLength];
        if (outLength == 0 || x.length == 0) {
            return out;
        }
        WaveformSimilarityBasedOverlapAdd.Parameters p =
                WaveformSimilarityBasedOverlapAdd.Parameters.musicDefaults(tempo, sampleRate);
        int overlap = Math.max(2, (int) (sampleRate * p.getOverlapMs() / 1000));
        int sequence = Math.max(2 * overlap + 1, (int) (sampleRate * p.getSequenceMs() / 1000));
        int seek = Math.max(2, (int) (sampleRate * p.getSeekWindowMs() / 1000));
        int hop = sequence - overlap; // output samples written per frame

        // Margins: the search may start seek/2 before the nominal position, and the last frame
        // may read a sequence plus the search past the end.
        int lead = seek / 2 + 2;
        float[] px = new float[lead + x.length + sequence + seek + overlap + 4];
        System.arraycopy(x, 0, px, lead, x.length);
        Wsola w = new Wsola(px, overlap, seek);

        float[] mid = new float[overlap]; // tail of the previous sequence, faded out over the next overlap
        for (int frame = 0, o = 0; o < outLength; frame++, o += hop) {
            int nominal = lead + (int) Math.round((double) o * tempo);
            int start;
            if (frame == 0) {
                start = nominal; // nothing to match yet: begin exactly at the clip's start
                System.arraycopy(px, start, mid, 0, overlap);
            } else {
                start = w.bestStart(nominal - seek / 2, mid);
            }
            int n = Math.min(hop, outLength - o);
            for (int i = 0; i < Math.min(overlap, n); i++) {
                out[o + i] = (px[start + i] * i + mid[i] * (overlap - i)) / overlap;
            }
            if (n > overlap) {
                System.arraycopy(px, start + overlap, out, o + overlap, n - overlap);
            }
            System.arraycopy(px, start + hop, mid, 0, overlap);
        }
        return out;
    }

    /** Start in [from, from + seek) whose next {@code overlap} samples best continue {@code mid}. */
    private int bestStart(int from, float[] mid) {
        // SoundTouch's slope: weight the middle of the overlap most, its ends (faded anyway) least.
        double refEnergy = 0;
        for (int i = 0; i < overlap; i++) {
            ref[i] = mid[i] * i * (overlap - i);
            refEnergy += (double) ref[i] * ref[i];
        }
        if (refEnergy < 1e-20) {
            return from + seek / 2; // silent tail: keep the nominal position, do not drift
        }
        double refHalfEnergy = 0;
        for (int m = 0; m < refHalf.length; m++) {
            refHalf[m] = 0.5f * (ref[2 * m] + ref[2 * m + 1]);
            refHalfEnergy += (double) refHalf[m] * refHalf[m];
        }

        // Coarse: even starts s = 2k in the window, correlated at half rate.
        int k0 = (from + 1) / 2;
        int count = (from + seek - 1) / 2 - k0 + 1;
        correlate(half, k0, refHalf, corr, count);
        int coarse = from + seek / 2;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < count; c++) {
            int k = k0 + c;
            double score = score(corr[c], refHalfEnergy, halfEnergy[k + refHalf.length] - halfEnergy[k], 2 * k - from);
            if (score > bestScore) {
                bestScore = score;
                coarse = 2 * k;
            }
        }

        // Fine: full rate around the coarse winner.
        int best = coarse;
        bestScore = Double.NEGATIVE_INFINITY;
        for (int s = Math.max(from, coarse - 2); s <= Math.min(from + seek - 1, coarse + 2); s++) {
            double score = score(dot(ref, px, s), refEnergy, energy[s + overlap] - energy[s], s - from);
            if (score > bestScore) {
                bestScore = score;
                best = s;
            }
        }
        return best;
    }

    /** Normalised correlation plus SoundTouch's heuristic that prefers offsets near the middle of the window. */
    private double score(double correlation, double refEnergy, double candidateEnergy, int offset) {
        double ncc = candidateEnergy > 1e-12 ? correlation / Math.sqrt(refEnergy * candidateEnergy) : 0;
        double t = (double) (2 * offset - seek) / seek;
        return (ncc + 0.1) * (1.0 - 0.25 * t * t);
    }

    /**
     * corr[c] = ref . x[from + c, from + c + ref.length) for c in [0, count): one sweep over all
     * offsets per four reference samples, which keeps four independent multiply-adds in flight
     * (measured 1.5x faster than one dot product per offset).
     */
    private static void correlate(float[] x, int from, float[] ref, float[] corr, int count) {
        Arrays.fill(corr, 0, count, 0f);
        int i = 0;
        for (; i + 3 < ref.length; i += 4) {
            float r0 = ref[i], r1 = ref[i + 1], r2 = ref[i + 2], r3 = ref[i + 3];
            int b = from + i;
            for (int c = 0; c < count; c++) {
                corr[c] += r0 * x[b + c] + r1 * x[b + c + 1] + r2 * x[b + c + 2] + r3 * x[b + c + 3];
            }
        }
        for (; i < ref.length; i++) {
            float r = ref[i];
            int b = from + i;
            for (int c = 0; c < count; c++) {
                corr[c] += r * x[b + c];
            }
        }
    }

    /** ref . x[s, s + ref.length), with four partial sums. */
    private static double dot(float[] ref, float[] x, int s) {
        float a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        int i = 0;
        for (; i + 3 < ref.length; i += 4) {
            a0 += ref[i] * x[s + i];
            a1 += ref[i + 1] * x[s + i + 1];
            a2 += ref[i + 2] * x[s + i + 2];
            a3 += ref[i + 3] * x[s + i + 3];
        }
        for (; i < ref.length; i++) {
            a0 += ref[i] * x[s + i];
        }
        return (double) a0 + a1 + a2 + a3;
    }

    private static double[] prefixEnergy(float[] x) {
        double[] e = new double[x.length + 1];
        for (int i = 0; i < x.length; i++) {
            e[i + 1] = e[i] + (double) x[i] * x[i];
        }
        return e;
    }
}
