package io.musicspeech.pipeline;

import java.util.List;

/** Runs its steps in order on each window; finishing finishes every step, even if one fails. */
public final class ProcessorChain implements WindowProcessor {
    private final WindowProcessor[] steps;

    public ProcessorChain(List<WindowProcessor> steps) {
        this.steps = steps.toArray(new WindowProcessor[0]);
    }

    @Override
    public void process(WindowEvent window) {
        for (WindowProcessor step : steps) {
            step.process(window);
        }
    }

    @Override
    public void finish() {
        RuntimeException first = null;
        for (WindowProcessor step : steps) {
            try {
                step.finish();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
