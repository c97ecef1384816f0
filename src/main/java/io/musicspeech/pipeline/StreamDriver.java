package io.musicspeech.pipeline;

import io.musicspeech.audio.AudioStream;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Drives a decoded stream (a file of any length, an upload) through the {@link Pipeline} on the
 * calling thread, block by block, as fast as the chain goes: the same windows, features, model
 * and decisions as a live session, without its capture thread and queue. Memory stays that of one
 * block and one window, whatever the stream's length.
 */
public final class StreamDriver {
    private static final int BLOCK_SAMPLES = 1 << 14;

    private StreamDriver() {
    }

    /**
     * Runs every window of {@code stream} through the decision steps and then {@code sinks}, and
     * finishes the chain. A stream shorter than one window is padded with silence to one window,
     * so that it still gets a decision; otherwise a partial last window is not classified.
     *
     * @return samples read from the stream
     */
    public static long run(AudioStream stream, Pipeline pipeline, List<WindowProcessor> sinks) {
        return run(stream, pipeline, sinks, () -> false);
    }

    /** Thrown when {@code stop} asked a run to end before its stream did. */
    public static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("stopped before the end of the stream");
        }
    }

    /**
     * As {@link #run(AudioStream, Pipeline, List)}, checking {@code stop} before every block.
     *
     * @throws Stopped if {@code stop} said so (the chain is finished first)
     */
    public static long run(AudioStream stream, Pipeline pipeline, List<WindowProcessor> sinks, BooleanSupplier stop) {
        if (stream.sampleRate() != pipeline.sampleRate()) {
            throw new IllegalArgumentException("the stream runs at " + stream.sampleRate() + " Hz, the model at "
                    + pipeline.sampleRate() + " Hz");
        }
        ProcessorChain chain = pipeline.chain(sinks);
        Windower windower = pipeline.newWindower();
        WindowEvent event = pipeline.newEvent();
        float[] block = new float[BLOCK_SAMPLES];
        long position = 0;
        try {
            int n;
            while ((n = stream.read(block, 0, block.length)) > 0) {
                if (stop.getAsBoolean()) {
                    throw new Stopped();
                }
                windower.accept(block, n, position, System.nanoTime(), event, chain);
                position += n;
            }
            if (windower.windows() == 0 && position > 0) {
                int missing = (int) (pipeline.windowSamples() - position);
                windower.accept(new float[missing], missing, position, System.nanoTime(), event, chain);
            }
        } finally {
            chain.finish();
        }
        return position;
    }
}
