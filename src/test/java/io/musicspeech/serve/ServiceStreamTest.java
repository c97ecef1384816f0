package io.musicspeech.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicspeech.audio.FfmpegCli;
import io.musicspeech.audio.WavWriter;
import io.musicspeech.segment.TestProgramme;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /v1/stream} on loopback with the JDK's WebSocket client: 20 s of PCM give the 80
 * decisions listen gives for the same audio (at the model's rate, and at 44.1 kHz stereo through
 * the resampler); bad start messages, audio before the start, too many streams, idle streams, a
 * flooding client and a missing token are handled, and the service lives on.
 */
class ServiceStreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double SECONDS = 20;

    @TempDir
    static Path work;
    static Path wav;
    static Path wav44s;
    static Running running;

    @BeforeAll
    static void start() throws Exception {
        TestProgramme.assumeTools();
        TestProgramme.Programme programme = TestProgramme.make();
        float[] twenty = Arrays.copyOf(programme.samples(), (int) (SECONDS * TestProgramme.RATE));
        wav = work.resolve("twenty.wav");
        WavWriter.write(wav, twenty, TestProgramme.RATE);
        wav44s = FfmpegCli.encode(wav, work.resolve("twenty44s"), "wav44s");
        running = Running.start("serve.buffer_seconds=60", "serve.max_streams=3");
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    /** A client that keeps every message and how the socket closed. */
    static final class Client implements WebSocket.Listener {
        final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete("error " + error);
        }

        String next() throws InterruptedException {
            String m = messages.poll(30, TimeUnit.SECONDS);
            assertNotNull(m, "no message within 30 s");
            return m;
        }
    }

    static Client connect(Running service, String... headers) {
        Client client = new Client();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        client.socket = builder.buildAsync(service.ws("/v1/stream"), client).join();
        return client;
    }

    /** Streams the PCM in frames of an odd size (frames split samples), then asks for the end; returns the decisions. */
    static List<JsonNode> stream(byte[] pcm, String start) throws Exception {
        Client client = connect(running);
        client.socket.sendText(start, true).join();
        JsonNode ready = JSON.readTree(client.next());
        assertTrue(ready.get("ready").asBoolean(), ready.toString());
        int frame = 3001;
        for (int at = 0; at < pcm.length; at += frame) {
            client.socket.sendBinary(ByteBuffer.wrap(pcm, at, Math.min(frame, pcm.length - at)), true).join();
        }
        client.socket.sendText("{\"end\": true}", true).join();
        List<JsonNode> decisions = new ArrayList<>();
        while (true) {
            JsonNode m = JSON.readTree(client.next());
            if (m.has("end")) {
                assertEquals(decisions.size(), m.get("windows").asInt());
                assertEquals(0, m.get("dropped").asInt());
                break;
            }
            decisions.add(m);
        }
        assertTrue(client.closed.get(10, TimeUnit.SECONDS).startsWith("1000"));
        return decisions;
    }

    /** listen's predictions.csv rows (start_s,end_s,label,p_speech,rms) for a file, as fast as it goes. */
    static List<String[]> listen(Path file, String name) {
        Path out = work.resolve("listen-" + name);
        Running.Run run = Running.cli(work.resolve("runs"), "listen", "realtime.input=" + file, "realtime.pace=false",
                "realtime.out=" + out);
        assertEquals(0, run.code(), run.out());
        try {
            return Files.readAllLines(out.resolve("predictions.csv")).stream().skip(1).map(l -> l.split(",")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void assertSameDecisions(List<String[]> listened, List<JsonNode> streamed) {
        assertEquals(80, streamed.size(), "20 s of 0.25 s windows");
        assertEquals(listened.size(), streamed.size());
        for (int i = 0; i < streamed.size(); i++) {
            String[] row = listened.get(i);
            JsonNode m = streamed.get(i);
            assertEquals(Double.parseDouble(row[0]), m.get("t").asDouble(), 1e-9, "window " + i);
            assertEquals(row[2], m.get("smoothed").asText(), "window " + i);
            if (!m.get("p_speech").isNull()) {
                assertEquals(Double.parseDouble(row[3]), m.get("p_speech").asDouble(), 1e-4, "window " + i);
            }
        }
        assertTrue(streamed.stream().anyMatch(m -> m.get("smoothed").asText().equals("speech")));
        assertTrue(streamed.stream().anyMatch(m -> m.get("smoothed").asText().equals("music")));
    }

    @Test
    void twentySecondsOfPcmGiveTheEightyDecisionsListenGives() throws Exception {
        List<JsonNode> streamed = stream(Running.pcmOf(wav), "{\"sample_rate\":22050,\"encoding\":\"pcm_s16le\",\"channels\":1}");
        assertSameDecisions(listen(wav, "22k"), streamed);
    }

    @Test
    void aStereoStreamAt44kIsResampledAsListenResamplesTheSameFile() throws Exception {
        List<JsonNode> streamed = stream(Running.pcmOf(wav44s), "{\"sample_rate\":44100,\"encoding\":\"pcm_s16le\",\"channels\":2}");
        assertSameDecisions(listen(wav44s, "44s"), streamed);
    }

    @Test
    void floatPcmGivesTheSameDecisionsAsTheSixteenBitSamplesItHolds() throws Exception {
        byte[] s16 = Running.pcmOf(wav);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(s16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        java.nio.ByteBuffer f32 = java.nio.ByteBuffer.allocate(s16.length * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        while (in.remaining() >= 2) {
            f32.putFloat(in.getShort() / 32768f);
        }
        List<JsonNode> streamed = stream(f32.array(), "{\"sample_rate\":22050,\"encoding\":\"f32le\",\"channels\":1}");
        assertSameDecisions(listen(wav, "f32"), streamed);
    }

    @Test
    void aBadStartMessageClosesTheSocketWithTheReason() throws Exception {
        for (String[] bad : new String[][] {
                {"not json", "not JSON"},
                {"{\"sample_rate\":100,\"encoding\":\"pcm_s16le\",\"channels\":1}", "sample_rate"},
                {"{\"sample_rate\":48000,\"encoding\":\"mp3\",\"channels\":1}", "encoding"},
                {"{\"sample_rate\":48000,\"channels\":6}", "channels"},
                {"{\"sample_rate\":48000,\"rate\":1}", "unknown key"}}) {
            Client client = connect(running);
            client.socket.sendText(bad[0], true).join();
            String closed = client.closed.get(10, TimeUnit.SECONDS);
            assertTrue(closed.startsWith("1008") && closed.contains(bad[1]), bad[0] + " -> " + closed);
        }
        Client early = connect(running);
        early.socket.sendBinary(ByteBuffer.wrap(new byte[100]), true).join();
        assertTrue(early.closed.get(10, TimeUnit.SECONDS).contains("start message"));
        assertEquals(200, ServiceHttpTest.HTTP.send(java.net.http.HttpRequest.newBuilder(running.uri("/health")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void moreStreamsThanAllowedGet503WithRetryAfter() throws Exception {
        try (Running one = Running.start("serve.max_streams=1")) {
            Client first = connect(one);
            first.socket.sendText("{\"sample_rate\":16000}", true).join();
            assertTrue(JSON.readTree(first.next()).get("ready").asBoolean());
            CompletionException refused = assertThrows(CompletionException.class, () -> connect(one));
            WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class, refused.getCause());
            assertEquals(503, handshake.getResponse().statusCode());
            assertTrue(handshake.getResponse().headers().firstValue("Retry-After").isPresent());
            first.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
            first.closed.get(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            Client again = null;
            while (again == null && System.nanoTime() < deadline) {
                try {
                    again = connect(one);
                } catch (CompletionException stillFull) {
                    Thread.sleep(50);
                }
            }
            assertNotNull(again, "a stream slot is free again once the first stream closed");
        }
    }

    @Test
    void anIdleStreamIsClosedAndAFloodingClientHasItsExcessDroppedAndCounted() throws Exception {
        try (Running strict = Running.start("serve.idle_seconds=1", "serve.buffer_seconds=1")) {
            Client idle = connect(strict);
            idle.socket.sendText("{\"sample_rate\":22050}", true).join();
            idle.next();
            String closed = idle.closed.get(10, TimeUnit.SECONDS);
            assertTrue(closed.startsWith("1001") || closed.contains("Idle"), closed);

            Client flood = connect(strict);
            flood.socket.sendText("{\"sample_rate\":22050}", true).join();
            flood.next();
            byte[] pcm = Running.pcmOf(wav);
            for (int at = 0; at < pcm.length; at += 8192) {
                flood.socket.sendBinary(ByteBuffer.wrap(pcm, at, Math.min(8192, pcm.length - at)), true).join();
            }
            flood.socket.sendText("{\"end\":true}", true).join();
            JsonNode end;
            do {
                end = JSON.readTree(flood.next());
            } while (!end.has("end"));
            assertTrue(end.get("dropped").asInt() > 40, "20 s sent at once with 1 s of buffer: most windows dropped, got " + end);
            assertTrue(end.get("windows").asInt() < 20, end.toString());
        }
    }

    @Test
    void withATokenTheStartMessageOrTheHeaderCarriesIt() throws Exception {
        try (Running guarded = Running.start("serve.token=s3cret")) {
            Client without = connect(guarded);
            without.socket.sendText("{\"sample_rate\":22050}", true).join();
            assertTrue(without.closed.get(10, TimeUnit.SECONDS).contains("unauthorized"));
            Client inMessage = connect(guarded);
            inMessage.socket.sendText("{\"sample_rate\":22050,\"token\":\"s3cret\"}", true).join();
            assertTrue(JSON.readTree(inMessage.next()).get("ready").asBoolean());
            Client inHeader = connect(guarded, "Authorization", "Bearer s3cret");
            inHeader.socket.sendText("{\"sample_rate\":22050}", true).join();
            assertTrue(JSON.readTree(inHeader.next()).get("ready").asBoolean());
            CompletionException wrong = assertThrows(CompletionException.class, () -> connect(guarded, "Authorization", "Bearer nope"));
            assertEquals(401, assertInstanceOf(WebSocketHandshakeException.class, wrong.getCause()).getResponse().statusCode());
        }
    }

    @Test
    void aStreamFromAForeignOriginIsRefused() {
        CompletionException foreign = assertThrows(CompletionException.class, () -> connect(running, "Origin", "http://elsewhere.example"));
        assertEquals(403, assertInstanceOf(WebSocketHandshakeException.class, foreign.getCause()).getResponse().statusCode());
    }
}
