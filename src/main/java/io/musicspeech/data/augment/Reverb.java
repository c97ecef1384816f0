package io.musicspeech.data.augment;

import be.tarsos.dsp.util.fft.FloatFFT;

import java.util.random.RandomGenerator;

/**
 * A room: the clip convolved with a synthetic impulse response (Gaussian noise under an
 * exponential decay that falls 60 dB in the drawn RT60, after a direct path), mixed with the dry
 * clip at a drawn wet share, the result scaled back to the clip's RMS. It stands in for the
 * reverberant, effected dialogue of games and films, which models trained on dry speech call
 * music. FFT convolution (TarsosDSP's FloatFFT), so a 30 s clip with a 1 s tail takes tens of ms.
 *
 * @param minRt60Seconds shortest reverberation time
 * @param maxRt60Seconds longest
 * @param minWet         smallest share of the reverberant signal in the mix (0..1)
 * @param maxWet         largest
 */
public record Reverb(double minRt60Seconds, double maxRt60Seconds, double minWet, double maxWet) implements Augmentation {
    public Reverb {
        Ranges.positive("Reverb minRt60Seconds", minRt60Seconds);
        Ranges.ordered("Reverb RT60", minRt60Seconds, maxRt60Seconds);
        Ranges.atLeast("Reverb minWet", minWet, 0);
        Ranges.ordered("Reverb wet", minWet, maxWet);
        if (maxWet > 1) {
            throw new IllegalArgumentException("Reverb maxWet must be <= 1, got " + maxWet);
        }
    }

    @Override
    public float[] apply(float[] samples, int sampleRate, RandomGenerator random) {
        double rt60 = Ranges.uniform(random, minRt60Seconds, maxRt60Seconds);
        double wet = Ranges.uniform(random, minWet, maxWet);
        int tail = Math.max(1, (int) Math.round(rt60 * sampleRate));
        float[] ir = new float[tail];
        double decay = Math.log(1000) / tail; // amplitude down 60 dB over the tail
        for (int i = 0; i < tail; i++) {
            ir[i] = (float) (random.nextGaussian() * Math.exp(-decay * i));
        }
        ir[0] = 0;
        float[] reverberant = convolve(samples, ir);
        double dryRms = rms(samples);
        double wetRms = rms(reverberant);
        float[] out = new float[samples.length];
        double wetGain = wetRms == 0 ? 0 : dryRms / wetRms;
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) ((1 - wet) * samples[i] + wet * wetGain * reverberant[i]);
        }
        double outRms = rms(out);
        if (outRms > 0) {
            float g = (float) (dryRms / outRms);
            for (int i = 0; i < out.length; i++) {
                out[i] *= g;
            }
        }
        return out;
    }

    /** The first x.length samples of x * h, by FFT. */
    static float[] convolve(float[] x, float[] h) {
        int n = Integer.highestOneBit(Math.max(1, x.length + h.length - 1) * 2 - 1);
        float[] a = new float[n];
        float[] b = new float[n];
        System.arraycopy(x, 0, a, 0, x.length);
        System.arraycopy(h, 0, b, 0, h.length);
        FloatFFT fft = new FloatFFT(n);
        fft.realForward(a);
        fft.realForward(b);
        // JTransforms' packed layout: a[0] = Re[0], a[1] = Re[n/2], then (Re, Im) pairs.
        a[0] *= b[0];
        a[1] *= b[1];
        for (int k = 2; k < n; k += 2) {
            float re = a[k] * b[k] - a[k + 1] * b[k + 1];
            float im = a[k] * b[k + 1] + a[k + 1] * b[k];
            a[k] = re;
            a[k + 1] = im;
        }
        fft.realInverse(a, true);
        return java.util.Arrays.copyOf(a, x.length);
    }

    static double rms(float[] x) {
        double sum = 0;
        for (float v : x) {
            sum += (double) v * v;
        }
        return x.length == 0 ? 0 : Math.sqrt(sum / x.length);
    }
}
