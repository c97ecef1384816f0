package io.musicspeech.serve;

import io.musicspeech.cli.Cli;
import io.musicspeech.cli.Main;
import io.musicspeech.config.Config;
import io.musicspeech.config.ConfigLoader;
import io.musicspeech.model.ModelLocator;
import io.musicspeech.model.NativeSetup;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A service on a free loopback port, built as the serve stage builds it; and the other stages, run as a user runs them. */
final class Running implements AutoCloseable {
    final Service service;
    final URI base;
    final ByteArrayOutputStream log = new ByteArrayOutputStream();

    private Running(Service service) {
        this.service = service;
        this.base = URI.create("http://127.0.0.1:" + service.port());
    }

    /** The shipped model's service with these overrides (and serve.port=0). */
    static Running start(String... overrides) {
        List<String> all = new ArrayList<>(List.of("serve.port=0"));
        all.addAll(List.of(overrides));
        Config config = new ConfigLoader(Path.of("config")).load(all).config();
        NativeSetup.ensure();
        ModelLocator.Choice model = ModelLocator.locate(config.serve().model(), "serve.model", config.models());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Service service = Service.create(config, model, new PrintStream(log, true, StandardCharsets.UTF_8)).start();
        return new Running(service);
    }

    URI uri(String pathAndQuery) {
        return base.resolve(pathAndQuery);
    }

    URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + service.port() + path);
    }

    @Override
    public void close() {
        service.close();
    }

    record Run(int code, String out) {
    }

    /** A stage through the command line's entry point, its run folder under {@code runs}. */
    static Run cli(Path runs, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("run.outputs=" + runs);
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int code = new Cli(Main.stages(), Path.of("config"), print, print).run(all.toArray(String[]::new));
        return new Run(code, out.toString(StandardCharsets.UTF_8));
    }

    /** The bytes of a WAV file's data chunk (its PCM, after whatever chunks ffmpeg writes before it). */
    static byte[] pcmOf(Path wav) throws java.io.IOException {
        byte[] bytes = Files.readAllBytes(wav);
        int at = 12;
        while (at + 8 <= bytes.length) {
            String id = new String(bytes, at, 4, StandardCharsets.US_ASCII);
            int size = (bytes[at + 4] & 0xFF) | (bytes[at + 5] & 0xFF) << 8 | (bytes[at + 6] & 0xFF) << 16 | (bytes[at + 7] & 0xFF) << 24;
            if (id.equals("data")) {
                return java.util.Arrays.copyOfRange(bytes, at + 8, Math.min(bytes.length, at + 8 + size));
            }
            at += 8 + size + (size & 1);
        }
        throw new IllegalArgumentException(wav + " has no data chunk");
    }
}
