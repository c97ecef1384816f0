package io.musicspeech.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.musicspeech.config.DecisionConfig;
import io.musicspeech.config.ModelConfig;
import io.musicspeech.data.ContextStacker;
import io.musicspeech.data.Clip;
import io.musicspeech.data.ClipFeaturizer;
import io.musicspeech.data.DatasetBuilder;
import io.musicspeech.data.WindowSet;
import io.musicspeech.data.Windows;
import io.musicspeech.eval.Predictor;
import io.musicspeech.features.FeatureSpec;
import io.musicspeech.features.MfccExtractor;
import io.musicspeech.model.CnnFactory;
import io.musicspeech.model.JavaCnnClassifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A context model must see the same inputs live as in evaluation (and so in training): the
 * listen chain (Windower -> Featuriser -> ContextFrames -> Classification) and evaluate's path
 * (Predictor, window by window through the classifier's context stream) and training's inputs
 * (ClipFeaturizer -> ContextStacker, stacked and classified in a batch) give every window the same p(speech).
 */
class ContextLiveMatchesEvaluateTest {
    private static final FeatureSpec SPEC = FeatureSpec.librosaDefault();
    private static final int CONTEXT = 3;

    @Test
    void everyWindowGetsTheSameProbabilityLiveAsInEvaluation() {
        ModelConfig model = new ModelConfig(List.of(8, 4), List.of(3, 3), List.of(3, 3), 2, 1e-3, 8, 0, true, CONTEXT);
        JavaCnnClassifier classifier = new JavaCnnClassifier(CnnFactory.build(model, SPEC, 3, 1e-3), SPEC, CONTEXT, 0.5, null);
        float[] audio = gliding(12 * SPEC.windowSamples() + 100);

        Windows windows = new Windows(SPEC.windowSamples(), SPEC.windowSamples());
        WindowSet set = new WindowSet(SPEC.frames(), SPEC.nMfcc());
        Clip clip = new Clip(Path.of("glide.wav"), "glide.wav", "music", "glide");
        set.add(clip, 0, DatasetBuilder.RECORDED, new ClipFeaturizer(SPEC, windows).featurize(audio), windows, SPEC.sampleRate());
        float[] evaluated = Predictor.predict(classifier, set).pSpeech();
        WindowSet stacked = ContextStacker.stack(set, CONTEXT, SPEC.windowSeconds());
        float[] asTrained = new float[stacked.size()];
        classifier.speechProbabilities(stacked.features(), stacked.size(), asTrained);

        List<Float> live = new ArrayList<>();
        Pipeline pipeline = new Pipeline(classifier, new DecisionConfig(0.5, 0, new DecisionConfig.Smoothing(false, 1, 0)),
                SPEC.windowSamples(), "realtime.hop_seconds");
        ProcessorChain chain = pipeline.chain(List.of(w -> live.add(w.pSpeech())));
        Windower windower = new Windower(SPEC.windowSamples(), SPEC.windowSamples());
        WindowEvent event = new WindowEvent(SPEC.windowSamples(), SPEC.featureSize(), SPEC.sampleRate());
        float[] chunk = new float[1000]; // chunks unaligned with windows, as a sound card delivers them
        for (int at = 0; at < audio.length; at += chunk.length) {
            int length = Math.min(chunk.length, audio.length - at);
            System.arraycopy(audio, at, chunk, 0, length);
            windower.accept(chunk, length, at, 0, event, chain);
        }

        assertEquals(12, evaluated.length);
        assertEquals(evaluated.length, live.size());
        for (int i = 0; i < evaluated.length; i++) {
            assertEquals(evaluated[i], live.get(i), 0f, "window " + i);
            assertEquals(asTrained[i], live.get(i), 0f, "window " + i + " as training stacked it");
        }
    }

    /** A tone gliding in pitch and loudness with a little noise: windows that differ, so contexts differ. */
    private static float[] gliding(int samples) {
        SplittableRandom random = new SplittableRandom(4);
        float[] out = new float[samples];
        double phase = 0;
        for (int i = 0; i < samples; i++) {
            double t = i / (double) SPEC.sampleRate();
            phase += 2 * Math.PI * (200 + 400 * t) / SPEC.sampleRate();
            out[i] = (float) ((0.2 + 0.1 * Math.sin(t * 3)) * Math.sin(phase) + 0.01 * (random.nextDouble() - 0.5));
        }
        return out;
    }
}
