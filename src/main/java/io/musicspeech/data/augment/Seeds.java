package io.musicspeech.data.augment;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Seeds for augmenting one clip with one chain.
 *
 * <p>Why not one generator for the whole run: then a clip's augmentation would depend on how
 * many numbers the clips before it used, i.e. on the processing order, and parallel workers
 * would produce different data on every run. Instead the seed is a hash of the global seed,
 * the chain's index and the clip's path relative to the dataset root; so the output is the
 * same in any order, on any number of threads, and adding or removing other files does not
 * change it. The hash is SplitMix64's mixer folded over the path's UTF-8 bytes, which is
 * stable across JVMs (unlike {@code String.hashCode} based schemes, it has 64 bits).
 */
public final class Seeds {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /**
     * @param globalSeed   the run's seed (preprocess {@code seed})
     * @param chainIndex   which chain (0, 1, ...) among those applied to each clip
     * @param relativePath the clip's path relative to the dataset root, '/'-separated
     */
    public static long forClip(long globalSeed, int chainIndex, String relativePath) {
        long h = mix64(globalSeed + GOLDEN_GAMMA);
        h = mix64(h ^ (chainIndex + GOLDEN_GAMMA));
        for (byte b : relativePath.getBytes(StandardCharsets.UTF_8)) {
            h = mix64(h ^ ((b & 0xFFL) + GOLDEN_GAMMA));
        }
        return h;
    }

    /** As above for a relative {@link Path}; its separators are made '/' so Windows and Linux agree. */
    public static long forClip(long globalSeed, int chainIndex, Path relativePath) {
        return forClip(globalSeed, chainIndex, portable(relativePath));
    }

    /** The generator to pass to {@link Augmentation#apply} for a seed. */
    public static RandomGenerator random(long seed) {
        return new SplittableRandom(seed);
    }

    static String portable(Path relative) {
        StringBuilder s = new StringBuilder();
        for (Path part : relative) {
            if (s.length() > 0) {
                s.append('/');
            }
            s.append(part);
        }
        return s.toString();
    }

    /** SplitMix64's finaliser (Stafford variant 13): a bijection that spreads every input bit. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
