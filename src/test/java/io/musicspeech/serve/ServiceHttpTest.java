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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /v1/segments} and the HTTP routes on loopback, with the JDK's HttpClient: an upload
 * gets exactly the segment stage's segments, in each format; bad bodies, sizes, tokens and origins
 * get their statuses and a JSON error, and the service answers /health afterwards.
 */
class ServiceHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_UPLOAD_MB = 2;

    @TempDir
    static Path work;
    static Path mp3;
    static Path wav;
    static Running running;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        TestProgramme.assumeTools();
        TestProgramme.Programme programme = TestProgramme.make();
        wav = work.resolve("programme.wav");
        WavWriter.write(wav, programme.samples(), TestProgramme.RATE);
        mp3 = FfmpegCli.encode(wav, work.resolve("programme"), "mp3");
        running = Running.start("serve.max_upload_mb=" + MAX_UPLOAD_MB, "serve.allowed_origins=[http://allowed.example:8000]");
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    static HttpResponse<String> post(String pathAndQuery, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(running.uri(pathAndQuery)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(URI uri, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void assertError(HttpResponse<String> response, int status, String containing) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode error = JSON.readTree(response.body());
        assertTrue(error.get("error").asText().contains(containing), error.toString());
        assertEquals(status, error.get("status").asInt());
    }

    @Test
    void anMp3UploadGetsTheSegmentsTheSegmentStageWritesForTheSameFile() throws Exception {
        Running.Run run = Running.cli(work.resolve("runs"), "segment", "segment.input=" + mp3, "segment.out=" + work.resolve("segmented"));
        assertEquals(0, run.code(), run.out());
        List<String> stage = Files.readAllLines(work.resolve("segmented/segments.csv"));

        HttpResponse<String> csv = post("/v1/segments?format=csv&name=programme.mp3", Files.readAllBytes(mp3));
        assertEquals(200, csv.statusCode(), csv.body());
        assertEquals(stage, csv.body().lines().toList(), "the same rows as the segment stage's segments.csv");

        HttpResponse<String> json = post("/v1/segments?name=programme.mp3", Files.readAllBytes(mp3));
        assertEquals(200, json.statusCode());
        JsonNode root = JSON.readTree(json.body());
        assertEquals("programme.mp3", root.get("file").asText());
        assertTrue(root.get("duration_s").asDouble() > 20);
        JsonNode segments = root.get("segments");
        assertEquals(stage.size() - 1, segments.size());
        for (int i = 0; i < segments.size(); i++) {
            String[] row = stage.get(i + 1).split(",");
            assertEquals(Double.parseDouble(row[1]), segments.get(i).get("start_s").asDouble(), 1e-9);
            assertEquals(Double.parseDouble(row[2]), segments.get(i).get("end_s").asDouble(), 1e-9);
            assertEquals(row[3], segments.get(i).get("label").asText());
        }
        assertTrue(root.get("windows").size() > 80, "every window's p(speech)");
        assertTrue(root.get("model").asText().endsWith("model.zip"));
    }

    @Test
    void theOtherFormatsAndAFormUploadAsThePageSendsIt() throws Exception {
        byte[] audio = Files.readAllBytes(mp3);
        HttpResponse<String> textGrid = post("/v1/segments?format=textgrid", audio);
        assertEquals(200, textGrid.statusCode());
        assertTrue(textGrid.body().startsWith("File type = \"ooTextFile\""), textGrid.body());
        HttpResponse<String> audacity = post("/v1/segments?format=audacity", audio);
        assertEquals(200, audacity.statusCode());
        assertTrue(audacity.body().lines().allMatch(l -> l.matches("[0-9.]+\t[0-9.]+\t(music|speech|silence)")), audacity.body());

        String boundary = "----musicspeech" + System.nanoTime();
        ByteArrayOutputStream form = new ByteArrayOutputStream();
        form.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"show.mp3\"\r\n"
                + "Content-Type: audio/mpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        form.write(audio);
        form.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> multipart = post("/v1/segments", form.toByteArray(), "Content-Type", "multipart/form-data; boundary=" + boundary);
        assertEquals(200, multipart.statusCode(), multipart.body());
        assertEquals("show.mp3", JSON.readTree(multipart.body()).get("file").asText());
    }

    @Test
    void badBodiesGetTheirStatusesAndTheServiceLivesOn() throws Exception {
        assertError(post("/v1/segments", "this is not audio, just text".repeat(50).getBytes(StandardCharsets.UTF_8)), 415, "not an audio file");
        assertError(post("/v1/segments", new byte[0]), 422, "empty");
        byte[] whole = Files.readAllBytes(wav);
        assertError(post("/v1/segments", Arrays.copyOf(whole, whole.length / 3)), 422, "damaged");
        byte[] noise = new byte[(MAX_UPLOAD_MB + 1) << 20];
        new Random(1).nextBytes(noise);
        assertError(post("/v1/segments", noise), 413, "serve.max_upload_mb");
        assertError(post("/v1/segments?format=xml", Files.readAllBytes(mp3)), 400, "unknown format");
        assertError(get(running.uri("/v2/nothing")), 404, "not found");
        HttpResponse<String> health = get(running.uri("/health"));
        assertEquals(200, health.statusCode());
        assertEquals("ok", JSON.readTree(health.body()).get("status").asText());
    }

    @Test
    void crossOriginRequestsNeedAnAllowedOrigin() throws Exception {
        assertError(post("/v1/segments", Files.readAllBytes(mp3), "Origin", "http://elsewhere.example"), 403, "cross-origin");
        HttpResponse<String> allowed = post("/v1/segments", Files.readAllBytes(mp3), "Origin", "http://allowed.example:8000");
        assertEquals(200, allowed.statusCode());
        assertEquals("http://allowed.example:8000", allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        HttpResponse<String> sameOrigin = get(running.uri("/health"), "Origin", running.base.toString());
        assertEquals(200, sameOrigin.statusCode());
    }

    @Test
    void thePageMetricsAndHealthAreServed() throws Exception {
        HttpResponse<String> page = get(running.uri("/"));
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<canvas id=\"live-timeline\""));
        assertEquals(200, get(running.uri("/app.js")).statusCode());
        assertEquals(200, get(running.uri("/capture-worklet.js")).statusCode());
        post("/v1/segments", Files.readAllBytes(mp3));
        HttpResponse<String> metrics = get(running.uri("/metrics"));
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("musicspeech_http_requests_total{route=\"/v1/segments\",status=\"200\"}"), metrics.body());
        assertTrue(metrics.body().contains("musicspeech_audio_seconds_total{source=\"upload\"}"));
        assertTrue(metrics.body().contains("musicspeech_stream_decision_latency_seconds_bucket"));
    }

    @Test
    void withATokenEveryRouteButHealthNeedsIt() throws Exception {
        try (Running guarded = Running.start("serve.token=s3cret")) {
            HttpRequest.Builder upload = HttpRequest.newBuilder(guarded.uri("/v1/segments"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(mp3)));
            assertEquals(401, HTTP.send(upload.build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(401, HTTP.send(upload.copy().header("Authorization", "Bearer wrong").build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(200, HTTP.send(upload.copy().header("Authorization", "Bearer s3cret").build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(401, get(guarded.uri("/metrics")).statusCode());
            assertEquals(401, get(guarded.uri("/")).statusCode());
            assertEquals(200, get(guarded.uri("/health")).statusCode());
            assertFalse(get(guarded.uri("/health")).body().contains("s3cret"));
        }
    }
}
