package io.musicspeech.segment;

import io.musicspeech.audio.AudioStream;
import io.musicspeech.pipeline.Pipeline;
import io.musicspeech.pipeline.StreamDriver;

import java.util.List;

/**
 * The per-file work of the segment stage, which the service and the Spark job call as it is: a
 * decoded stream through the one chain ({@link Pipeline}, {@link StreamDriver}), its window
 * posteriors through the {@link SegmentDecoder}. One instance per thread (the pipeline is not
 * thread-safe).
 */
public final class FileSegmenter {
    private final Pipeline pipeline;
    private final SegmentDecoder decoder;
    private final String model;

    /** @param model what to record as the model (its path) */
    public FileSegmenter(Pipeline pipeline, SegmentDecoder decoder, String model) {
        this.pipeline = pipeline;
        this.decoder = decoder;
        this.model = model;
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    /**
     * Segments everything the stream holds; closes it.
     *
     * @param name the input's name in the outputs
     */
    public SegmentedFile segment(AudioStream stream, String name) {
        return segment(stream, name, () -> false);
    }

    /**
     * As {@link #segment(AudioStream, String)}, checking {@code stop} as the stream is read.
     *
     * @throws StreamDriver.Stopped if {@code stop} said so
     */
    public SegmentedFile segment(AudioStream stream, String name, java.util.function.BooleanSupplier stop) {
        try (stream) {
            Posteriors posteriors = new Posteriors();
            long samples = StreamDriver.run(stream, pipeline, List.of(posteriors), stop);
            double duration = samples / (double) stream.sampleRate();
            WindowTiming timing = new WindowTiming(pipeline.windowSamples(), pipeline.hopSamples(), pipeline.sampleRate(),
                    posteriors.size(), duration);
            return new SegmentedFile(name, duration, stream.describe(), model, stream.damage(),
                    decoder.decode(posteriors, timing, pipeline.windowSamples() / pipeline.hopSamples()), posteriors, timing);
        }
    }
}
