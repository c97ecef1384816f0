package io.musicspeech.segment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.musicspeech.config.Config;
import io.musicspeech.config.SegmentConfig;
import io.musicspeech.model.ModelLocator;
import io.musicspeech.pipeline.Pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes the segment stage's {@link FileSegmenter}s for every driver that segments whole files (the
 * segment stage's workers, the service's uploads, the Spark job's executors): the model with its
 * offline head where it has one, the segment hop, the configured decoder, each segmenter with its
 * own copy of the model (a pipeline is not thread-safe). Thread-safe.
 */
public final class Segmenters {
    private final ModelLocator.Choice model;
    private final Config config;
    private final Pipeline first;
    private final SegmentDecoder decoder;
    private final ObjectNode settings;
    private boolean firstTaken;

    /** Loads the model once, which checks it (and the hop) before any file is read. */
    public Segmenters(ModelLocator.Choice model, Config config) {
        this.model = model;
        this.config = config;
        this.first = pipeline(model, config);
        this.decoder = new SegmentDecoder(config.segment(), first.decision().threshold(), first.classifier());
        this.settings = settings(model, first, config.segment());
    }

    /** The first segmenter's pipeline (what the model is, its spec and decision), for messages. */
    public Pipeline pipeline() {
        return first;
    }

    /** What makes the outputs: a rerun with other settings (or another model file) redoes the inputs. */
    public ObjectNode settings() {
        return settings.deepCopy();
    }

    /** A segmenter of its own for one thread: the first one made at construction, then fresh copies. */
    public FileSegmenter create() {
        boolean takesFirst;
        synchronized (this) {
            takesFirst = !firstTaken;
            firstTaken = true;
        }
        Pipeline pipeline = takesFirst ? first : pipeline(model, config);
        return new FileSegmenter(pipeline, decoder, model.path().toString());
    }

    private static Pipeline pipeline(ModelLocator.Choice model, Config config) {
        // A model with a look-ahead head segments with it: offline, the windows after a window are there.
        return Pipeline.offline(ModelLocator.load(model, config).offline(), config);
    }

    private static ObjectNode settings(ModelLocator.Choice model, Pipeline pipeline, SegmentConfig segment) {
        ObjectNode node = SegmentsJson.MAPPER.createObjectNode();
        node.put("model", model.path().toString());
        Path file = model.path();
        try {
            node.put("model_bytes", Files.size(file));
            node.put("model_modified", Files.getLastModifiedTime(file).toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model file " + file, e);
        }
        node.put("sample_rate", pipeline.sampleRate());
        node.put("window_samples", pipeline.windowSamples());
        node.put("hop_samples", pipeline.hopSamples());
        node.put("threshold", pipeline.decision().threshold());
        node.put("silence_threshold", pipeline.decision().silenceThreshold());
        node.put("switch_penalty", segment.switchPenalty());
        node.put("temperature", segment.temperature());
        node.put("look_ahead_windows", SegmentDecoder.lookAhead(segment, pipeline.classifier()));
        node.put("offline_head", pipeline.classifier().lookAhead().isPresent());
        node.put("context_windows", pipeline.classifier().contextWindows());
        node.put("min_speech_seconds", segment.minSpeechSeconds());
        node.put("min_music_seconds", segment.minMusicSeconds());
        node.put("bridge_gap_seconds", segment.bridgeGapSeconds());
        node.put("windows", segment.windows());
        return node;
    }
}
