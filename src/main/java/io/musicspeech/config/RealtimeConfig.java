package io.musicspeech.config;

import java.nio.file.Path;

/**
 * The listen stage: where audio comes from, how it is cut into windows and what is written.
 *
 * @param device           capture device: its index in the device list or a part of its name; null: the
 *                         system default (asked on the terminal when one is attached and there are several)
 * @param input            a file streamed through the same path as the microphone, or {@code demo} for the
 *                         synthesised speech-then-music clip; null: the microphone
 * @param pace             file input at real-time pace (true) or as fast as the worker goes (false)
 * @param repeat           file input: how many times the file is streamed, back to back
 * @param hopSeconds       between window starts (also the capture chunk); null: the window length
 *                         (features.window_seconds), non-overlapping as the original
 * @param queueChunks      chunks the queue between capture and worker holds; when full the oldest is dropped
 * @param duration         seconds of audio to take, then stop; null: until Ctrl-C or the end of the input
 * @param out              predictions.csv, recording.wav and summary.json; null: the run folder
 * @param model            a model bundle or Keras file; null: as {@code models} says
 * @param reference        reference segments of the input (as {@code segment.reference}): the live segments are
 *                         scored against them when the stream ends; null: not scored
 */
public record RealtimeConfig(@Nullable String device, @Nullable String input, boolean pace,
                             int repeat, @Nullable Double hopSeconds, int queueChunks, @Nullable Double duration,
                             @Nullable Path out, @Nullable Path model, @Nullable Path reference) {

    /** The value of {@code input} that streams the synthesised demo clip. */
    public static final String DEMO_INPUT = "demo";

    public RealtimeConfig {
        if (device != null) {
            Check.notBlank("device", device);
        }
        if (input != null) {
            Check.notBlank("input", input);
        }
        Check.between("repeat", repeat, 1, 1_000_000);
        if (hopSeconds != null) {
            Check.between("hop_seconds", hopSeconds, 0.001, 10);
        }
        Check.between("queue_chunks", queueChunks, 1, 10_000);
        if (duration != null) {
            Check.positive("duration", duration);
        }
    }
}
