package io.musicspeech.serve;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What {@code GET /metrics} shows, in Prometheus' text format (Micrometer's registry): requests by
 * route and status, audio seconds processed, windows decided and dropped, the decision latency of
 * streams as a histogram, and the streams open now. Thread-safe.
 */
final class ServiceMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger activeStreams = registry.gauge("musicspeech_active_streams", new AtomicInteger());
    private final Counter uploadSeconds = Counter.builder("musicspeech_audio_seconds").tag("source", "upload")
            .description("seconds of audio processed").register(registry);
    private final Counter streamSeconds = Counter.builder("musicspeech_audio_seconds").tag("source", "stream")
            .description("seconds of audio processed").register(registry);
    private final Counter uploadWindows = Counter.builder("musicspeech_windows").tag("source", "upload")
            .description("windows decided").register(registry);
    private final Counter streamWindows = Counter.builder("musicspeech_windows").tag("source", "stream")
            .description("windows decided").register(registry);
    private final Counter droppedWindows = Counter.builder("musicspeech_dropped_windows")
            .description("stream windows dropped because a client sent faster than real time").register(registry);
    private final Timer decisionLatency = Timer.builder("musicspeech_stream_decision_latency")
            .description("audio frame received to decision sent, per stream window")
            .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofSeconds(2))
            .register(registry);

    void request(String route, int status) {
        registry.counter("musicspeech_http_requests", "route", route, "status", Integer.toString(status)).increment();
    }

    void upload(double audioSeconds, int windows) {
        uploadSeconds.increment(audioSeconds);
        uploadWindows.increment(windows);
    }

    void streamAudio(double seconds) {
        streamSeconds.increment(seconds);
    }

    void streamWindow(long latencyNanos) {
        streamWindows.increment();
        decisionLatency.record(latencyNanos, TimeUnit.NANOSECONDS);
    }

    void dropped(long windows) {
        droppedWindows.increment(windows);
    }

    AtomicInteger activeStreams() {
        return activeStreams;
    }

    String scrape() {
        return registry.scrape();
    }
}
