package io.musicspeech.data.augment;

import java.util.List;

import static io.musicspeech.data.augment.TestAudio.SR;

/** One of every transform, with audiomentations-like ranges, for the chain-level tests. */
final class AllTransforms {
    static final List<float[]> NOISES = List.of(
            TestAudio.whiteNoise(SR / 2, 31, 0.2), TestAudio.whiteNoise(3 * SR, 32, 0.4));

    private AllTransforms() {
    }

    static List<Augmentation> list() {
        return List.of(
                new GaussianNoise(0.001, 0.015),
                new PitchShift(-4, 4),
                new HighPassFilter(20, 2400),
                new BackgroundNoise(NOISES, 3, 30),
                new TimeStretch(0.8, 1.25),
                new ShortNoises(NOISES, 1, 3, 0.1, 0.5, -6, 18, 0.01),
                new TimeMask(0.01, 0.2, 0.005),
                new Reverb(0.2, 1.0, 0.2, 0.8),
                new BandLimit(3400, 8000),
                new Codec(List.of(8000, 16000)),
                new Gain(-24, 12));
    }

    /** Every transform, always applied. */
    static Chain chain() {
        return new Chain("all", list());
    }

    /** Every transform with audiomentations' default p = 0.5. */
    static Chain halfChance() {
        return new Chain("half", list().stream().<Augmentation>map(a -> new Probabilistic(a, 0.5)).toList());
    }

    /** Music-like test clip: two tones and a little noise. */
    static float[] clip(double seconds) {
        float[] a = TestAudio.sine(440, seconds, 0.3);
        float[] b = TestAudio.sine(660, seconds, 0.2);
        float[] n = TestAudio.whiteNoise(a.length, 33, 0.05);
        float[] x = new float[a.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = a[i] + b[i] + n[i];
        }
        return x;
    }
}
