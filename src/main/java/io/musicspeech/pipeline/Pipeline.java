package io.musicspeech.pipeline;

import io.musicspeech.config.DecisionConfig;
import io.musicspeech.features.FeatureSpec;
import io.musicspeech.features.MfccExtractor;
import io.musicspeech.model.WindowClassifier;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The one chain from a window's samples to its decision, built here for every driver (listen's
 * live session, the segment stage's file driver, the service's streams): silence gate, MFCCs,
 * the model with the past windows it needs ({@link io.musicspeech.model.ContextStream}), the causal label. A driver cuts windows with
 * {@link #newWindower()} and appends its own sinks after {@link #decisionSteps()}.
 *
 * <p>The steps hold per-stream state and the classifier preallocated buffers: one Pipeline per
 * thread, and fresh {@link #decisionSteps()} per stream.
 */
public final class Pipeline {
    /** Untimed windows run through MFCC and model by {@link #warmUp()}, so the first real window is not slow. */
    private static final int WARMUP_WINDOWS = 50;

    private final WindowClassifier classifier;
    private final DecisionConfig decision;
    private final int hopSamples;

    /**
     * @param classifier the model; its own threshold replaces the configured one
     * @param decision   the configured decision (silence threshold, smoothing)
     * @param hopSamples between window starts (the window length: no overlap)
     * @param hopKey     the config key that set the hop, for messages
     */
    public Pipeline(WindowClassifier classifier, DecisionConfig decision, int hopSamples, String hopKey) {
        int window = classifier.featureSpec().windowSamples();
        if (hopSamples < 1 || hopSamples > window) {
            throw new IllegalArgumentException("need 1 <= hop <= window, got hop " + hopSamples + " for windows of " + window);
        }
        this.classifier = classifier;
        this.decision = decision.withThreshold(classifier.threshold());
        this.hopSamples = hopSamples;
        if (classifier.contextWindows() > 1 && window % hopSamples != 0) {
            // The past windows end one, two, ... window lengths back: only a hop that divides the window reaches them.
            throw new io.musicspeech.UserError(hopKey + ": this model sees " + classifier.contextWindows()
                    + " windows back to back, so the hop must divide the window (" + window
                    + " samples) evenly; got " + hopSamples + " samples. Leave it at null (one window) or use a half, a quarter ...");
        }
    }

    /**
     * The live chain every live driver runs (listen, the service's streams): the model's live head,
     * the configured decision and {@code realtime.hop_seconds}, warmed up.
     */
    public static Pipeline live(WindowClassifier classifier, io.musicspeech.config.Config config) {
        Pipeline pipeline = new Pipeline(classifier, config.decision(), config.realtimeHopSamples(), "realtime.hop_seconds");
        pipeline.warmUp();
        return pipeline;
    }

    /**
     * The chain of the drivers that hold whole files (segment, the service's uploads, Spark): the
     * classifier given (its offline head where it has one), the configured decision and
     * {@code segment.hop_seconds}, warmed up.
     */
    public static Pipeline offline(WindowClassifier classifier, io.musicspeech.config.Config config) {
        Pipeline pipeline = new Pipeline(classifier, config.decision(), config.segmentHopSamples(), "segment.hop_seconds");
        pipeline.warmUp();
        return pipeline;
    }

    public WindowClassifier classifier() {
        return classifier;
    }

    public FeatureSpec spec() {
        return classifier.featureSpec();
    }

    /** The decision as this chain makes it: the model's threshold, the configured silence gate and smoothing. */
    public DecisionConfig decision() {
        return decision;
    }

    public int windowSamples() {
        return spec().windowSamples();
    }

    public int hopSamples() {
        return hopSamples;
    }

    public int sampleRate() {
        return spec().sampleRate();
    }

    /** Gate, features, context, model, label: new steps with fresh state, for one stream. */
    public List<WindowProcessor> decisionSteps() {
        boolean withContext = classifier.contextWindows() > 1;
        List<WindowProcessor> steps = new ArrayList<>();
        steps.add(new SilenceGate(decision.silenceThreshold()));
        steps.add(new Featuriser(new MfccExtractor(spec()), withContext));
        steps.add(new Classification(classifier, windowSamples() / hopSamples, hopSamples));
        steps.add(new Decision(new LabelDecider(decision)));
        return steps;
    }

    /** The decision steps followed by a driver's sinks, as one chain. */
    public ProcessorChain chain(List<WindowProcessor> sinks) {
        List<WindowProcessor> steps = decisionSteps();
        steps.addAll(sinks);
        return new ProcessorChain(steps);
    }

    public Windower newWindower() {
        return new Windower(windowSamples(), hopSamples);
    }

    public WindowEvent newEvent() {
        return new WindowEvent(windowSamples(), spec().featureSize(), sampleRate());
    }

    /** Runs MFCC and the model on a few windows of quiet noise, so the JIT and the model's first call are done. */
    public void warmUp() {
        MfccExtractor extractor = new MfccExtractor(spec());
        float[] samples = new float[windowSamples()];
        float[] features = new float[spec().featureSize()];
        // Through a stream, as the chain decides: for a temporal model one encoder pass and the head per window.
        io.musicspeech.model.ContextStream stream = classifier.stream(1);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < WARMUP_WINDOWS; i++) {
            for (int j = 0; j < samples.length; j++) {
                samples[j] = (float) (0.1 * (random.nextDouble() - 0.5));
            }
            extractor.extract(samples, 0, features);
            stream.push(features, i > 0, true);
        }
    }
}
