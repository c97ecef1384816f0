package io.musicspeech.data.augment;

import java.util.random.RandomGenerator;

/** Parameter checks and draws shared by the transforms. */
final class Ranges {
    private Ranges() {
    }

    /**
     * Uniform in [min, max], as audiomentations draws its ranges. It always consumes one draw,
     * even when min == max, so fixing a range in a config does not shift the other draws.
     */
    static double uniform(RandomGenerator random, double min, double max) {
        double u = random.nextDouble();
        return min == max ? min : min + (max - min) * u;
    }

    /** Integer uniform in [min, max], one draw always. */
    static int uniformInt(RandomGenerator random, int min, int max) {
        return random.nextInt(min, max + 1);
    }

    static void ordered(String what, double min, double max) {
        if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
            throw new IllegalArgumentException(what + ": need finite min <= max, got [" + min + ", " + max + "]");
        }
    }

    static void atLeast(String what, double value, double lowest) {
        if (!(value >= lowest)) {
            throw new IllegalArgumentException(what + " must be >= " + lowest + ", got " + value);
        }
    }

    static void positive(String what, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(what + " must be > 0, got " + value);
        }
    }
}
