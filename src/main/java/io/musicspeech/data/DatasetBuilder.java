package io.musicspeech.data;

import io.musicspeech.UserError;
import io.musicspeech.audio.AudioDecoder;
import io.musicspeech.data.augment.AugmentationContext;
import io.musicspeech.data.augment.Chain;
import io.musicspeech.data.augment.Seeds;
import io.musicspeech.features.FeatureSpec;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Decodes clips, augments the training ones and cuts every clip into MFCC windows, giving one
 * {@link WindowSet} per split. Files are processed in parallel but assembled in the clips'
 * order, and every augmentation draw is seeded per clip and chain, so the result does not
 * depend on the number of workers. Prepare, cross-validation and evaluation all build their
 * windows here.
 */
public final class DatasetBuilder {
    /** The chain name of recorded (not augmented) windows. */
    public static final String RECORDED = "none";

    private final FeatureSpec spec;
    private final Windows windows;
    private final List<String> labels;
    private final List<Chain> chains;
    private final long seed;
    private final int workers;
    private final boolean strict;
    private final PrintStream log;

    /**
     * @param labels  class names in class-index order
     * @param chains  augmentation applied to training clips only (each adds one copy)
     * @param strict  an unreadable file stops the build instead of being skipped
     */
    public DatasetBuilder(FeatureSpec spec, Windows windows, List<String> labels, List<Chain> chains, long seed,
                          int workers, boolean strict, PrintStream log) {
        this.spec = spec;
        this.windows = windows;
        this.labels = labels;
        this.chains = chains;
        this.seed = seed;
        this.workers = workers;
        this.strict = strict;
        this.log = log;
    }

    /** The windows of every split, and what was counted and skipped. */
    public record Built(Map<Split, WindowSet> sets, PrepareSummary summary) {
    }

    /** What a clip gave: its windows' features per copy (recorded first, then each chain), or why it gave none. */
    private record ClipOutcome(Clip clip, Split split, List<String> chains, List<ClipFeaturizer.Featurized> copies, String skipReason) {
    }

    /** Seconds cut from the middle of each training music clip for the music beds. */
    private static final double BED_SECONDS = 10;

    public Built build(List<Clip> clips, Map<Clip, Split> split) throws InterruptedException {
        List<float[]> beds = chains.stream().anyMatch(Chain::needsMusic) ? musicBeds(clips, split) : List.of();
        List<ClipOutcome> outcomes = processAll(clips, split, beds);
        PrepareSummary summary = new PrepareSummary();
        Map<Split, WindowSet> sets = new EnumMap<>(Split.class);
        for (Split side : Split.values()) {
            sets.put(side, new WindowSet(spec.frames(), spec.nMfcc()));
        }
        for (ClipOutcome outcome : outcomes) {
            Clip clip = outcome.clip();
            if (outcome.skipReason() != null) {
                summary.skip(clip.relativePath(), outcome.skipReason());
                continue;
            }
            int recorded = 0;
            int augmented = 0;
            for (int copy = 0; copy < outcome.copies().size(); copy++) {
                ClipFeaturizer.Featurized features = outcome.copies().get(copy);
                sets.get(outcome.split()).add(clip, labels.indexOf(clip.label()), outcome.chains().get(copy), features,
                        windows, spec.sampleRate());
                int count = features.rms().length;
                if (copy == 0) {
                    recorded = count;
                } else {
                    augmented += count;
                }
            }
            summary.addClip(outcome.split(), clip.label(), recorded, augmented);
        }
        return new Built(sets, summary);
    }

    /** Excerpts of the training side's music clips, in clip order (what music beds may use: nothing held out). */
    private List<float[]> musicBeds(List<Clip> clips, Map<Clip, Split> split) {
        List<float[]> beds = new ArrayList<>();
        int length = (int) Math.round(BED_SECONDS * spec.sampleRate());
        for (Clip clip : clips) {
            if (split.get(clip) == Split.TRAIN && clip.label().equals("music")) {
                try {
                    float[] samples = AudioDecoder.decode(clip.file(), spec.sampleRate()).samples();
                    int from = Math.max(0, (samples.length - length) / 2);
                    beds.add(java.util.Arrays.copyOfRange(samples, from, Math.min(samples.length, from + length)));
                } catch (UserError e) {
                    // an unreadable clip is reported (and skipped) where it is featurised
                }
            }
        }
        return beds;
    }

    private List<ClipOutcome> processAll(List<Clip> clips, Map<Clip, Split> split, List<float[]> beds) throws InterruptedException {
        ThreadLocal<ClipFeaturizer> featurizers = ThreadLocal.withInitial(() -> new ClipFeaturizer(spec, windows));
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<ClipOutcome>> futures = new ArrayList<>();
            for (Clip clip : clips) {
                futures.add(pool.submit(() -> process(clip, split.get(clip), featurizers.get(), beds)));
            }
            List<ClipOutcome> outcomes = new ArrayList<>();
            for (Future<ClipOutcome> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private ClipOutcome process(Clip clip, Split side, ClipFeaturizer featurizer, List<float[]> beds) {
        float[] samples;
        try {
            samples = AudioDecoder.decode(clip.file(), spec.sampleRate()).samples();
        } catch (UserError e) {
            if (strict) {
                throw new UserError(e.getMessage() + " (preprocess.strict=true stops at the first unreadable file)");
            }
            log.println("warning: skipping " + e.getMessage());
            return new ClipOutcome(clip, side, List.of(), List.of(), e.getMessage());
        }
        if (windows.count(samples.length) == 0) {
            String reason = String.format(Locale.ROOT, "shorter than one window (%.3f s < %.3f s)",
                    samples.length / (double) spec.sampleRate(), spec.windowSeconds());
            log.println("warning: skipping " + clip.relativePath() + ": " + reason);
            return new ClipOutcome(clip, side, List.of(), List.of(), reason);
        }
        List<String> names = new ArrayList<>(List.of(RECORDED));
        List<ClipFeaturizer.Featurized> copies = new ArrayList<>(List.of(featurizer.featurize(samples)));
        if (side == Split.TRAIN) {
            for (int c = 0; c < chains.size(); c++) {
                Chain chain = chains.get(c);
                names.add(chain.name());
                copies.add(featurizer.featurize(chain.apply(samples, spec.sampleRate(),
                        Seeds.random(Seeds.forClip(seed, c, clip.relativePath())), new AugmentationContext(clip.label(), beds))));
            }
        }
        return new ClipOutcome(clip, side, names, copies, null);
    }
}
