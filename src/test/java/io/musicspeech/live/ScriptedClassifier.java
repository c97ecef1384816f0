package io.musicspeech.live;

import io.musicspeech.features.FeatureSpec;
import io.musicspeech.model.WindowClassifier;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;

/** A model that answers a scripted p(speech) per call (0.5 when the script is used up), optionally slowly. */
final class ScriptedClassifier implements WindowClassifier {
    private final FeatureSpec spec;
    private final ArrayDeque<Float> script;
    private final long sleepMillis;
    final AtomicInteger calls = new AtomicInteger();
    RuntimeException failure;

    ScriptedClassifier(FeatureSpec spec, Collection<Float> script, long sleepMillis) {
        this.spec = spec;
        this.script = new ArrayDeque<>(script);
        this.sleepMillis = sleepMillis;
    }

    @Override
    public FeatureSpec featureSpec() {
        return spec;
    }

    @Override
    public double threshold() {
        return 0.7;
    }

    @Override
    public float speechLogit(float[] window) {
        calls.incrementAndGet();
        if (failure != null) {
            throw failure;
        }
        if (sleepMillis > 0) {
            try {
                Thread.sleep(sleepMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        float p = script.isEmpty() ? 0.5f : script.poll();
        return (float) Math.log(p / (1 - p));
    }

    @Override
    public void speechLogits(float[] windows, int count, float[] out) {
        throw new UnsupportedOperationException();
    }
}
