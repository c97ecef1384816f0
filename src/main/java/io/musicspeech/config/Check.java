package io.musicspeech.config;

/** Value checks for config records; each names the key as it is written in YAML. */
public final class Check {
    private Check() {
    }

    public static void positive(String key, double value) {
        if (!(value > 0)) {
            throw new InvalidValue(key, "must be > 0, got " + value);
        }
    }

    public static void nonNegative(String key, double value) {
        if (!(value >= 0)) {
            throw new InvalidValue(key, "must be >= 0, got " + value);
        }
    }

    /** Closed interval [min, max]. */
    public static void between(String key, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new InvalidValue(key, "must be between " + min + " and " + max + ", got " + value);
        }
    }

    /** A {@code [low, high]} list, both in [min, max], low <= high. */
    public static void range(String key, java.util.List<Double> range, double min, double max) {
        that(range.size() == 2, key, "must be [low, high], got " + range);
        between(key, range.get(0), min, max);
        between(key, range.get(1), min, max);
        that(range.get(0) <= range.get(1), key, "must be [low, high] with low <= high, got " + range);
    }

    public static void powerOfTwo(String key, int value) {
        if (value <= 0 || Integer.bitCount(value) != 1) {
            throw new InvalidValue(key, "must be a power of two (e.g. 1024, 2048), got " + value);
        }
    }

    public static void notBlank(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidValue(key, "must not be empty");
        }
    }

    public static void that(boolean condition, String key, String problem) {
        if (!condition) {
            throw new InvalidValue(key, problem);
        }
    }
}
