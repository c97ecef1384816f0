package io.musicspeech.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicspeech.UserError;
import io.musicspeech.audio.AudioClip;
import io.musicspeech.audio.AudioDecoder;
import io.musicspeech.audio.FfmpegCli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load on the service as a user starts it (a child JVM running {@code serve} on a free loopback
 * port): {@code uploads} clients posting a 60-second MP3 again as soon as each answer comes, and
 * {@code streams} WebSocket clients each sending 44.1 kHz float audio at real-time pace in 0.1 s
 * frames (as the page does), for {@code seconds}. It reports the uploads' throughput in audio
 * seconds per second, each stream window's latency (the frame that completed the window sent ->
 * its decision received; a decision cannot come before the frame holding the audio it needs, so the
 * frame size is not counted), errors, dropped windows and the server's peak resident memory (VmHWM).
 */
final class ServeBenchmark {
    private static final int STREAM_RATE = 44100;
    private static final double FRAME_SECONDS = 0.1;
    /** More than libswresample's delay at 44.1 -> 22.05 kHz (96 taps: about 1 ms), less than half a frame. */
    private static final double RESAMPLER_LOOK_AHEAD_SECONDS = 0.01;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path audio;
    private final Path scratch;
    private final int uploads;
    private final int streams;
    private final double seconds;
    private final PrintStream console;

    ServeBenchmark(Path audio, Path scratch, int uploads, int streams, double seconds, PrintStream console) {
        this.audio = audio;
        this.scratch = scratch;
        this.uploads = uploads;
        this.streams = streams;
        this.seconds = seconds;
        this.console = console;
    }

    List<String> run(String modelOverride) throws Exception {
        Files.createDirectories(scratch);
        List<Path> clips = SegmentBenchmark.alternatingClips(audio);
        Path wav = scratch.resolve("programme.wav");
        SegmentBenchmark.wavInto(wav, 60, clips, 0);
        byte[] mp3 = Files.readAllBytes(FfmpegCli.encode(wav, scratch.resolve("programme"), "mp3"));
        AudioClip at44k = AudioDecoder.decode(wav, STREAM_RATE);

        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", SegmentBenchmark.ownClasspath(), Main.class.getName(), "serve", "serve.port=" + port,
                "serve.max_streams=" + Math.max(1, streams), "serve.max_upload_mb=64"));
        if (modelOverride != null) {
            command.add("serve.model=" + modelOverride);
        }
        Path log = scratch.resolve("serve.log");
        Process server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            URI base = URI.create("http://127.0.0.1:" + port);
            awaitHealthy(base, server, log);
            console.printf(Locale.ROOT, "serve benchmark: %d upload client(s), %d stream(s) for %.0f s against %s%n", uploads, streams,
                    seconds, base);
            return load(base, mp3, at44k.samples(), server.pid());
        } finally {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private void awaitHealthy(URI base, Process server, Path log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new UserError("the benchmark's service did not start; see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(base.resolve("/health")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new UserError("the benchmark's service did not answer /health within 2 minutes; see " + log);
    }

    private List<String> load(URI base, byte[] mp3, float[] stream, long serverPid) throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        AtomicLong uploaded = new AtomicLong();
        AtomicLong uploadMillis = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        double[] audioSeconds = new double[Math.max(1, uploads)];
        List<Thread> threads = new ArrayList<>();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        for (int u = 0; u < uploads; u++) {
            int index = u;
            threads.add(new Thread(() -> {
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve("/v1/segments?name=bench.mp3"))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(mp3)).build(), HttpResponse.BodyHandlers.ofString());
                        if (answer.statusCode() == 200) {
                            audioSeconds[index] += JSON.readTree(answer.body()).get("duration_s").asDouble();
                            uploaded.incrementAndGet();
                            uploadMillis.addAndGet((System.nanoTime() - start) / 1_000_000);
                        } else {
                            errors.incrementAndGet();
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-upload-" + u));
        }
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong dropped = new AtomicLong();
        AtomicLong streamErrors = new AtomicLong();
        for (int s = 0; s < streams; s++) {
            int offset = (int) ((s * 7.3 % 60) * STREAM_RATE); // each stream starts elsewhere in the programme
            threads.add(new Thread(() -> streamOne(base, stream, offset, end, latencies, dropped, streamErrors), "bench-stream-" + s));
        }
        long started = System.nanoTime();
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        double wall = (System.nanoTime() - started) / 1e9;
        long peak = Math.max(0, ProcessUsage.peakResidentBytes(serverPid));

        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        double totalAudio = Arrays.stream(audioSeconds).sum();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "serve, %d concurrent uploads of a 60 s MP3: %d answered in %.0f s, %.0f audio seconds per "
                        + "second, %.2f s per upload on average, %d error(s)", uploads, uploaded.get(), wall, totalAudio / wall,
                uploaded.get() == 0 ? Double.NaN : uploadMillis.get() / 1000.0 / uploaded.get(), errors.get()));
        lines.add(String.format(Locale.ROOT, "serve, %d concurrent real-time streams (44.1 kHz float, 0.1 s frames): %d decisions, "
                        + "latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; %d window(s) dropped, %d error(s)", streams, sorted.length,
                percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6,
                dropped.get(), streamErrors.get()));
        lines.add(String.format(Locale.ROOT, "serve, peak resident memory of the service: %d MB", peak >> 20));
        return lines;
    }

    /** One stream at real-time pace; every decision's latency from the send of the frame that completed its window. */
    private void streamOne(URI base, float[] audio, int offset, long end, ConcurrentLinkedQueue<Long> latencies, AtomicLong dropped,
                           AtomicLong errors) {
        int frame = (int) Math.round(FRAME_SECONDS * STREAM_RATE);
        long[] sentAt = new long[(int) (seconds / FRAME_SECONDS) + 16];
        int[] sentFrames = {0};
        java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                long now = System.nanoTime();
                partial.append(data);
                if (last) {
                    try {
                        JsonNode m = JSON.readTree(partial.toString());
                        if (m.has("end_t")) {
                            // The frame that completed the window holds its last sample plus the resampler's look-ahead
                            // (a few ms of input: a window ending on a frame boundary waits for the next frame).
                            double needed = m.get("end_t").asDouble() + RESAMPLER_LOOK_AHEAD_SECONDS;
                            int k = (int) Math.min(Math.ceil(needed / FRAME_SECONDS - 1e-9) - 1, sentAt.length - 1);
                            if (k >= 0 && k < sentFrames[0]) {
                                latencies.add(now - sentAt[k]);
                            }
                        } else if (m.has("ready")) {
                            ready.countDown();
                        } else if (m.has("end")) {
                            dropped.addAndGet(m.get("dropped").asLong());
                        }
                    } catch (IOException | RuntimeException e) {
                        errors.incrementAndGet();
                    }
                    partial.setLength(0);
                }
                socket.request(1);
                return null;
            }

            @Override
            public void onError(WebSocket socket, Throwable error) {
                errors.incrementAndGet();
            }
        };
        try {
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://" + base.getAuthority() + "/v1/stream"), listener).join();
            socket.sendText("{\"sample_rate\":" + STREAM_RATE + ",\"encoding\":\"f32le\",\"channels\":1}", true).join();
            // As a client should: audio after "ready" (the stream's chain, with its copy of the model, is made first).
            if (!ready.await(30, TimeUnit.SECONDS)) {
                errors.incrementAndGet();
                socket.abort();
                return;
            }
            ByteBuffer bytes = ByteBuffer.allocate(frame * 4).order(ByteOrder.LITTLE_ENDIAN);
            long start = System.nanoTime();
            for (int k = 0; k < sentAt.length && System.nanoTime() < end; k++) {
                long due = start + (long) (k * FRAME_SECONDS * 1e9);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                bytes.clear();
                for (int i = 0; i < frame; i++) {
                    bytes.putFloat(audio[(offset + k * frame + i) % audio.length]);
                }
                // Sent as a big-endian view of the same bytes: the JDK 17 client masks a little-endian buffer's payload
                // with the mask's bytes in the wrong order, and the server receives garbage (measured here).
                bytes.flip().order(ByteOrder.BIG_ENDIAN);
                sentAt[k] = System.nanoTime();
                sentFrames[0] = k + 1;
                socket.sendBinary(bytes, true).join();
                bytes.order(ByteOrder.LITTLE_ENDIAN);
            }
            socket.sendText("{\"end\":true}", true).join();
            Thread.sleep(1000); // the last decisions and the summary
            socket.abort();
        } catch (RuntimeException e) {
            errors.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
    }
}
