package io.musicspeech.serve;

import io.musicspeech.audio.PcmFrames;
import io.musicspeech.audio.StreamingResampler;
import io.musicspeech.live.TextLine;
import io.musicspeech.pipeline.Label;
import io.musicspeech.pipeline.Pipeline;
import io.musicspeech.pipeline.ProcessorChain;
import io.musicspeech.pipeline.WindowEvent;
import io.musicspeech.pipeline.WindowProcessor;
import io.musicspeech.pipeline.Windower;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One WebSocket stream: the client's PCM (any rate, mono or stereo, frames of any size) to mono at
 * the model's rate, through the live chain that listen runs ({@link Pipeline#chain}: gate, MFCCs,
 * the live head with its past, the causal smoothing), one JSON message per window back.
 *
 * <p>Audio is decided as it arrives, on the thread that delivers it. A client may run ahead of real
 * time by at most {@code bufferSeconds}; audio beyond that is dropped (the windower sees a gap, as
 * listen's does when its queue overflows) and counted in every message's {@code dropped}, so a fast
 * or flooding client costs bounded CPU and no memory. Not thread-safe: one delivering thread.
 */
final class StreamSession implements AutoCloseable {
    private final Pipeline pipeline;
    private final PcmFrames pcm;
    private final StreamingResampler resampler;
    private final Windower windower;
    private final WindowEvent event;
    private final ProcessorChain chain;
    private final ServiceMetrics metrics;
    private final double bufferSeconds;
    private final int inputRate;
    private float[] decoded = new float[0];
    private final float[] resampled = new float[1 << 13];
    private long position;
    private long droppedSamples;
    private long reportedDroppedWindows;
    private long startNanos = -1;
    private boolean finished;

    /**
     * @param send gets each message (a window's decision, then the summary)
     */
    StreamSession(Pipeline pipeline, StreamStart start, double bufferSeconds, Consumer<String> send, ServiceMetrics metrics) {
        this.pipeline = pipeline;
        this.pcm = new PcmFrames(start.encoding(), start.channels());
        this.inputRate = start.sampleRate();
        this.windower = pipeline.newWindower();
        this.event = pipeline.newEvent();
        this.metrics = metrics;
        this.bufferSeconds = bufferSeconds;
        this.chain = pipeline.chain(List.of(new Messages(send)));
        // Last: the resampler holds a native context, which nothing above may leave behind by throwing.
        this.resampler = inputRate == pipeline.sampleRate() ? null : new StreamingResampler(inputRate, pipeline.sampleRate());
    }

    /** Decides every window this piece of audio completes. */
    void accept(ByteBuffer piece) {
        if (finished) {
            return;
        }
        long now = System.nanoTime();
        if (startNanos < 0) {
            startNanos = now;
        }
        int bytes = piece.remaining();
        if (decoded.length < pcm.maxSamples(bytes)) {
            decoded = new float[pcm.maxSamples(bytes)];
        }
        int n = pcm.decode(piece, decoded);
        metrics.streamAudio(n / (double) inputRate);
        if (resampler == null) {
            feed(decoded, n, now);
            return;
        }
        resampler.write(decoded, 0, n);
        drain(now);
    }

    /** The client has no more audio: the resampler's tail is decided and the summary returned. */
    String finish() {
        if (!finished) {
            if (resampler != null) {
                resampler.finish();
                drain(System.nanoTime());
            }
            finished = true;
            chain.finish();
        }
        return String.format(Locale.ROOT, "{\"end\":true,\"windows\":%d,\"dropped\":%d,\"seconds\":%.3f}", windower.windows(),
                droppedWindows(), position / (double) pipeline.sampleRate());
    }

    long droppedWindows() {
        return droppedSamples / pipeline.hopSamples();
    }

    @Override
    public void close() {
        if (resampler != null) {
            resampler.close();
        }
    }

    private void drain(long now) {
        int n;
        while ((n = resampler.read(resampled, 0, resampled.length)) > 0) {
            feed(resampled, n, now);
        }
    }

    /** Samples at the model's rate, decided unless they run more than the buffer ahead of real time. */
    private void feed(float[] samples, int n, long now) {
        if (n == 0) {
            return;
        }
        double aheadSeconds = (position + n) / (double) pipeline.sampleRate() - (now - startNanos) / 1e9;
        if (aheadSeconds > bufferSeconds) {
            droppedSamples += n;
        } else {
            windower.accept(samples, n, position, now, event, chain);
        }
        position += n;
        long dropped = droppedWindows();
        if (dropped > reportedDroppedWindows) {
            metrics.dropped(dropped - reportedDroppedWindows);
            reportedDroppedWindows = dropped;
        }
    }

    /** The last step: a window's decision as one JSON message, written without formatting objects. */
    private final class Messages implements WindowProcessor {
        private final Consumer<String> send;
        private final TextLine line = new TextLine();

        Messages(Consumer<String> send) {
            this.send = send;
        }

        @Override
        public void process(WindowEvent window) {
            float p = window.pSpeech();
            Label raw = window.silent() || Float.isNaN(p) ? Label.SILENCE : pipeline.classifier().isSpeech(p) ? Label.SPEECH : Label.MUSIC;
            line.clear().append("{\"t\":").fixed(window.startSeconds(), 3).append(",\"end_t\":").fixed(window.endSeconds(), 3)
                    .append(",\"label\":\"").append(raw.text()).append("\",\"p_speech\":");
            if (Float.isNaN(p)) {
                line.append("null");
            } else {
                line.fixed(p, 4);
            }
            line.append(",\"smoothed\":\"").append(window.label().text()).append("\",\"rms\":").fixed(window.rms(), 5)
                    .append(",\"dropped\":").append(Long.toString(droppedWindows())).append('}');
            send.accept(line.toString());
            metrics.streamWindow(System.nanoTime() - window.availableNanos());
        }
    }
}
