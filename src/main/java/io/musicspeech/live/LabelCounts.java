package io.musicspeech.live;

import io.musicspeech.pipeline.Label;
import io.musicspeech.pipeline.WindowProcessor;
import io.musicspeech.pipeline.WindowEvent;
/** Windows per label. */
public final class LabelCounts implements WindowProcessor {
    private final long[] counts = new long[Label.values().length];

    @Override
    public void process(WindowEvent window) {
        counts[window.label().ordinal()]++;
    }

    public long count(Label label) {
        return counts[label.ordinal()];
    }

    public long total() {
        long sum = 0;
        for (long c : counts) {
            sum += c;
        }
        return sum;
    }
}
