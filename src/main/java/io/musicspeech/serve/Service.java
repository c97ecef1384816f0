package io.musicspeech.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.UploadedFile;
import io.javalin.http.staticfiles.Location;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import io.musicspeech.audio.AudioFileError;
import io.musicspeech.config.Config;
import io.musicspeech.config.ServeConfig;
import io.musicspeech.model.ModelLocator;
import io.musicspeech.pipeline.Pipeline;
import io.musicspeech.segment.AudacityLabels;
import io.musicspeech.segment.PraatTextGrid;
import io.musicspeech.segment.SegmentedFile;
import io.musicspeech.segment.Segmenters;
import io.musicspeech.segment.SegmentsCsv;
import io.musicspeech.segment.SegmentsJson;
import org.eclipse.jetty.websocket.api.BatchMode;
import org.eclipse.jetty.websocket.api.CloseStatus;
import org.eclipse.jetty.websocket.api.StatusCode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The HTTP and WebSocket service on Javalin (Jetty): {@code POST /v1/segments} (an upload through
 * the segment stage's own per-file work), {@code GET /v1/stream} (a WebSocket through listen's live
 * chain), the page at {@code /}, {@code /health} and {@code /metrics}. Access (token, origins) and
 * limits (upload size, streams, idle time, buffering) are checked here; every failure is a JSON
 * error with a status, and no request can take the service down.
 */
public final class Service implements AutoCloseable {
    static final Set<String> FORMATS = Set.of("json", "csv", "textgrid", "audacity");
    private static final int RETRY_AFTER_SECONDS = 5;
    /** How long an upload waits for its turn to be read into memory before it is told to come back. */
    private static final int UPLOAD_WAIT_SECONDS = 60;

    private final ServeConfig serve;
    private final UploadSegmenter uploads;
    private final Supplier<Pipeline> livePipelines;
    private final ConcurrentLinkedQueue<Pipeline> idlePipelines = new ConcurrentLinkedQueue<>();
    private final Map<String, Stream> streams = new ConcurrentHashMap<>();
    private final ServiceMetrics metrics = new ServiceMetrics();
    private final AccessPolicy access;
    private final Semaphore uploadsInMemory;
    private final String model;
    private final PrintStream log;
    private final Javalin app;

    /** One socket's state: authorised by its upgrade header (or not), refused over the limit, then its session once started. */
    private static final class Stream {
        final boolean authorised;
        final boolean refused;
        StreamSession session;
        Pipeline pipeline;

        Stream(boolean authorised, boolean refused) {
            this.authorised = authorised;
            this.refused = refused;
        }
    }

    /**
     * @param segmenters    the segment stage's segmenters (offline head, decoder), for uploads
     * @param livePipelines makes a live chain with its own copy of the model (listen's: live head, realtime hop);
     *                      one per concurrent stream, kept for the next
     * @param sampleRate    the rate uploads are decoded at
     * @param model         what to call the model in answers
     */
    public Service(ServeConfig serve, Segmenters segmenters, Supplier<Pipeline> livePipelines, int sampleRate, String model,
                   PrintStream log) {
        this.serve = serve;
        this.access = new AccessPolicy(serve.token(), serve.allowedOrigins());
        this.uploads = new UploadSegmenter(segmenters, serve.effectiveWorkers(), sampleRate);
        this.uploadsInMemory = new Semaphore(2 * serve.effectiveWorkers(), true);
        this.livePipelines = livePipelines;
        this.model = model;
        this.log = log;
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            // The body limit is ours (413 with a JSON error); Javalin's own cap sits just above it.
            config.http.maxRequestSize = serve.maxUploadBytes() + (1 << 20);
            // Multipart uploads stay in memory: nothing is written to a temporary folder.
            int inMemory = (int) Math.min(Integer.MAX_VALUE - 1, serve.maxUploadBytes() + 1);
            config.jetty.multipartConfig.maxInMemoryFileSize(inMemory, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxFileSize(serve.maxUploadBytes(), SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(serve.maxUploadBytes() + (1 << 20), SizeUnit.BYTES);
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/serve/page";
                files.location = Location.CLASSPATH;
            });
            config.jetty.modifyWebSocketServletFactory(factory -> {
                factory.setMaxBinaryMessageSize(1 << 22);
                // No compression: a decision is ~150 bytes, and Node 20's WebSocket client offers permessage-deflate
                // but dropped the connection (1006) on the deflated answers (measured here).
                factory.getAvailableExtensionNames().remove("permessage-deflate");
            });
        });
        routes();
        // The first stream's chain is made now: the live model is checked, and a stream need not wait for it.
        idlePipelines.add(livePipelines.get());
    }

    /**
     * The service as the serve stage runs it: uploads through the segment stage's segmenters, streams
     * through listen's live chain, both on {@code model}; not yet bound.
     */
    public static Service create(Config config, ModelLocator.Choice model, PrintStream log) {
        Segmenters segmenters = new Segmenters(model, config);
        return new Service(config.serve(), segmenters, () -> Pipeline.live(ModelLocator.load(model, config), config),
                config.audio().sampleRate(), model.path().toString(), log);
    }

    /** Binds {@code serve.host:serve.port} (port 0: any free port, see {@link #port()}). */
    public Service start() {
        app.start(serve.host(), serve.port());
        return this;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        // Jetty has closed the sockets; a stream it did not report closed is released here, once.
        List.copyOf(streams.keySet()).forEach(this::closed);
    }

    private void routes() {
        app.before(this::checkAccess);
        app.after(ctx -> metrics.request(route(ctx.path()), ctx.statusCode()));
        app.options("/*", ctx -> ctx.status(204));
        app.get("/health", ctx -> {
            ObjectNode health = SegmentsJson.MAPPER.createObjectNode().put("status", "ok").put("model", model)
                    .put("active_streams", metrics.activeStreams().get());
            json(ctx, 200, health.toString());
        });
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        app.post("/v1/segments", this::segments);
        app.wsBeforeUpgrade("/v1/stream", this::checkUpgrade);
        app.ws("/v1/stream", this::stream);
        app.exception(Refused.class, (e, ctx) -> {
            e.headers.forEach(ctx::header);
            error(ctx, e.status, e.getMessage());
        });
        app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            log.println("error: " + ctx.method() + " " + ctx.path() + ": " + e);
            error(ctx, 500, "internal error: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        });
    }

    // ---- access -------------------------------------------------------------------------------

    private void checkAccess(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin != null) {
            access.checkOrigin(origin, ctx.host(), "request");
            ctx.header("Access-Control-Allow-Origin", origin);
            ctx.header("Vary", "Origin");
            ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type");
            ctx.header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        }
        if (ctx.method().name().equals("OPTIONS") || ctx.path().equals("/health")) {
            return;
        }
        if (!access.authorised(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new Refused(401, "missing or wrong token: send 'Authorization: Bearer <serve.token>'");
        }
    }

    private void checkUpgrade(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin != null) {
            access.checkOrigin(origin, ctx.host(), "stream");
        }
        String header = ctx.header("Authorization");
        if (header != null && !access.authorised(header)) {
            throw new Refused(401, "wrong token");
        }
        if (metrics.activeStreams().get() >= serve.maxStreams()) {
            throw new Refused(503, "the service has " + serve.maxStreams() + " streams open (serve.max_streams); try again later",
                    Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)));
        }
    }

    // ---- uploads ------------------------------------------------------------------------------

    private void segments(Context ctx) throws Exception {
        String format = ctx.queryParam("format") == null ? "json" : ctx.queryParam("format");
        if (!FORMATS.contains(format)) {
            throw new Refused(400, "unknown format '" + format + "' (json, csv, textgrid, audacity)");
        }
        // Bodies are held in memory: at most twice as many as there are workers at a time, so memory is
        // bounded by that times serve.max_upload_mb however many clients send at once.
        if (!uploadsInMemory.tryAcquire(UPLOAD_WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new Refused(503, "the service is reading as many uploads as it holds at once; try again later",
                    Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)));
        }
        try {
            segmentBody(ctx, format);
        } finally {
            uploadsInMemory.release();
        }
    }

    private void segmentBody(Context ctx, String format) throws Exception {
        byte[] body;
        String name;
        if (ctx.isMultipartFormData()) {
            UploadedFile file;
            try {
                file = ctx.uploadedFile("file");
            } catch (IllegalStateException e) {
                throw tooLarge();
            }
            if (file == null) {
                throw new Refused(422, "the form has no 'file' part");
            }
            if (file.size() > serve.maxUploadBytes()) {
                throw tooLarge();
            }
            try (InputStream in = file.content()) {
                body = in.readAllBytes();
            }
            name = file.filename() == null || file.filename().isBlank() ? "upload" : file.filename();
        } else {
            long declared = ctx.contentLength();
            if (declared > serve.maxUploadBytes()) {
                throw new Refused(413, "the body (" + declared + " bytes) is larger than serve.max_upload_mb = "
                        + serve.maxUploadMb() + " MB");
            }
            body = readAtMost(ctx.bodyInputStream(), serve.maxUploadBytes());
            name = ctx.queryParam("name") == null || ctx.queryParam("name").isBlank() ? "upload" : ctx.queryParam("name");
        }
        if (body.length == 0) {
            throw new Refused(422, "the body is empty: send the audio file as the request body (or a form with a 'file' part)");
        }
        SegmentedFile result;
        try {
            result = uploads.segment(body, name);
        } catch (AudioFileError e) {
            throw new Refused(415, e.problem());
        } catch (io.musicspeech.UserError e) {
            throw new Refused(422, e.getMessage());
        }
        if (result.damage() != null) {
            throw new Refused(422, "damaged audio: " + result.damage());
        }
        metrics.upload(result.durationSeconds(), result.posteriors() == null ? 0 : result.posteriors().size());
        respond(ctx, format, result);
    }

    private Refused tooLarge() {
        return new Refused(413, "the upload is larger than serve.max_upload_mb = " + serve.maxUploadMb() + " MB");
    }

    private byte[] readAtMost(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        int n;
        while ((n = in.read(buffer)) > 0) {
            if (out.size() + (long) n > max) {
                throw tooLarge();
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private void respond(Context ctx, String format, SegmentedFile result) throws IOException {
        switch (format) {
            case "csv" -> ctx.contentType("text/csv; charset=utf-8").result(SegmentsCsv.table(List.of(result)));
            case "textgrid" -> ctx.contentType("text/plain; charset=utf-8")
                    .result(PraatTextGrid.format(result.segments(), result.durationSeconds()));
            case "audacity" -> ctx.contentType("text/plain; charset=utf-8").result(AudacityLabels.format(result.segments()));
            default -> {
                ByteArrayOutputStream json = new ByteArrayOutputStream();
                SegmentsJson.write(json, result, true, Map.of());
                ctx.contentType("application/json").result(json.toByteArray());
            }
        }
    }

    // ---- streams ------------------------------------------------------------------------------

    private void stream(WsConfig ws) {
        ws.onConnect(ctx -> {
            int open = metrics.activeStreams().incrementAndGet();
            String header = ctx.header("Authorization");
            streams.put(ctx.sessionId(), new Stream(access.authorised(header), open > serve.maxStreams()));
            if (open > serve.maxStreams()) {
                ctx.closeSession(new CloseStatus(StatusCode.TRY_AGAIN_LATER, "too many streams (serve.max_streams)"));
                return;
            }
            ctx.session.setIdleTimeout(Duration.ofMillis((long) (serve.idleSeconds() * 1000)));
            // Each decision goes out at once: Jetty's default (AUTO) may hold a message back until more are
            // queued, which put the next frame's 0.1 s, and worse, on the decisions' latency here.
            ctx.session.getRemote().setBatchMode(BatchMode.OFF);
        });
        ws.onMessage(ctx -> {
            Stream stream = streams.get(ctx.sessionId());
            if (stream == null || stream.refused) {
                return;
            }
            if (stream.session == null) {
                start(ctx, stream, ctx.message());
            } else if (StreamStart.isEnd(ctx.message())) {
                ctx.send(stream.session.finish());
                ctx.closeSession(StatusCode.NORMAL, "end of stream");
            } else {
                ctx.closeSession(StatusCode.POLICY_VIOLATION, "after the start message only binary audio (or {\"end\":true})");
            }
        });
        ws.onBinaryMessage(ctx -> {
            Stream stream = streams.get(ctx.sessionId());
            if (stream == null || stream.refused) {
                return;
            }
            if (stream.session == null) {
                ctx.closeSession(StatusCode.POLICY_VIOLATION, "send the JSON start message before audio");
                return;
            }
            stream.session.accept(ByteBuffer.wrap(ctx.data(), ctx.offset(), ctx.length()));
        });
        ws.onClose(ctx -> closed(ctx.sessionId()));
        ws.onError(ctx -> closed(ctx.sessionId()));
    }

    private void start(WsContext ctx, Stream stream, String text) {
        StreamStart start;
        try {
            start = StreamStart.parse(text);
        } catch (StreamStart.Invalid e) {
            ctx.closeSession(StatusCode.POLICY_VIOLATION, reason(e.getMessage()));
            return;
        }
        if (!stream.authorised && !access.tokenMatches(start.token())) {
            ctx.closeSession(StatusCode.POLICY_VIOLATION, "unauthorized: a token in the start message or the Authorization header");
            return;
        }
        Pipeline pipeline = idlePipelines.poll();
        stream.pipeline = pipeline != null ? pipeline : livePipelines.get();
        stream.session = new StreamSession(stream.pipeline, start, serve.bufferSeconds(), ctx::send, metrics);
        ObjectNode ready = SegmentsJson.MAPPER.createObjectNode();
        ready.put("ready", true);
        ready.put("model", model);
        ready.put("window_s", stream.pipeline.windowSamples() / (double) stream.pipeline.sampleRate());
        ready.put("hop_s", stream.pipeline.hopSamples() / (double) stream.pipeline.sampleRate());
        ready.put("threshold", stream.pipeline.decision().threshold());
        ctx.send(ready.toString());
    }

    /** A socket has gone (closed, failed, or the service stopped): its stream is released by whoever removes it first. */
    private void closed(String sessionId) {
        Stream stream = streams.remove(sessionId);
        if (stream != null) {
            release(stream);
            metrics.activeStreams().decrementAndGet();
        }
    }

    private void release(Stream stream) {
        if (stream.session != null) {
            stream.session.close();
            stream.session = null;
        }
        if (stream.pipeline != null) {
            idlePipelines.add(stream.pipeline);
            stream.pipeline = null;
        }
    }

    // ---- answers ------------------------------------------------------------------------------

    private static void error(Context ctx, int status, String message) {
        json(ctx, status, SegmentsJson.MAPPER.createObjectNode().put("error", message).put("status", status).toString());
    }

    private static void json(Context ctx, int status, String body) {
        ctx.status(status).contentType("application/json").result(body);
    }

    /** A WebSocket close reason holds at most 123 bytes. */
    private static String reason(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= 123 ? message : new String(bytes, 0, 120, StandardCharsets.UTF_8) + "...";
    }

    private static String route(String path) {
        return switch (path) {
            case "/health", "/metrics", "/v1/segments", "/v1/stream", "/" -> path;
            default -> path.startsWith("/v1/") ? "other" : "static";
        };
    }
}
