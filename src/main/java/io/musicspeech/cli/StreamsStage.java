package io.musicspeech.cli;

import io.musicspeech.config.Config;
import io.musicspeech.config.StreamsConfig;
import io.musicspeech.segment.DevStreams;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Development streams for the segment stage: long recordings cut from the test side of a prepare,
 * with reference segments, to tune and score the segment decoder with a model that never heard them.
 */
final class StreamsStage implements Stage {
    @Override
    public String name() {
        return "streams";
    }

    @Override
    public String summary() {
        return "build development streams (and reference.csv) from the test clips of streams.prepared, for segment.reference";
    }

    @Override
    public void run(StageContext context) throws Exception {
        Config config = context.config();
        StreamsConfig streams = config.streams();
        Path out = streams.out() != null ? streams.out() : context.runDir();
        DevStreams.Built built = DevStreams.build(streams, config.audio().sampleRate(), out, context.out());
        context.out().printf(Locale.ROOT, "%d stream(s), %.1f min in all: %s; reference segments: %s%n", built.streams().size(),
                built.seconds() / 60, built.list(), built.reference());
    }
}
