package io.musicspeech.cli;

import io.musicspeech.data.SyntheticSpeech;

/** Synthetic training speech: a labelled dataset folder of espeak-ng voices, pitched up and effected (synth.*). */
final class SynthStage implements Stage {
    @Override
    public String name() {
        return "synth";
    }

    @Override
    public String summary() {
        return "write synthetic training speech (espeak-ng voices, pitched up and effected with sox) to synth.out";
    }

    @Override
    public void run(StageContext context) throws Exception {
        SyntheticSpeech.write(context.config().synth(), context.config().audio().sampleRate(), context.out());
    }
}
