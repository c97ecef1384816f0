package io.musicspeech.cli;

import io.musicspeech.UserError;
import io.musicspeech.audio.AudioDecoder;
import io.musicspeech.audio.WavWriter;
import io.musicspeech.config.Config;
import io.musicspeech.config.DecisionConfig;
import io.musicspeech.config.RealtimeConfig;
import io.musicspeech.live.AudioSource;
import io.musicspeech.live.CaptureDevices;
import io.musicspeech.live.ConsoleSink;
import io.musicspeech.live.DemoClip;
import io.musicspeech.live.FileSource;
import io.musicspeech.live.LabelCounts;
import io.musicspeech.live.LatencyStats;
import io.musicspeech.live.ListenSession;
import io.musicspeech.live.LiveSegments;
import io.musicspeech.live.MicrophoneSource;
import io.musicspeech.live.PredictionsCsv;
import io.musicspeech.pipeline.ProcessorChain;
import io.musicspeech.live.Summary;
import io.musicspeech.model.ModelLocator;
import io.musicspeech.model.NativeSetup;
import io.musicspeech.pipeline.Pipeline;
import io.musicspeech.segment.ReferenceScoring;
import io.musicspeech.segment.ReferenceSegments;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Classifies live audio window by window: the microphone (realtime.device), or a file or the
 * synthesised demo clip streamed through the same capture thread, queue and worker
 * (realtime.input). Writes predictions.csv, segments.csv, recording.wav and summary.json to
 * realtime.out (default: the run folder); Ctrl-C or realtime.duration ends it with every file valid.
 * With realtime.reference, a file's live segments are scored as segment scores its own
 * (segment_metrics.json).
 */
final class ListenStage implements Stage {
    /** How long Ctrl-C waits for the files and summary to be written. */
    private static final long SHUTDOWN_WAIT_SECONDS = 10;

    @Override
    public String name() {
        return "listen";
    }

    @Override
    public String summary() {
        return "classify the microphone (or realtime.input=FILE|demo) live; predictions.csv, recording.wav in realtime.out";
    }

    @Override
    public void run(StageContext context) throws Exception {
        Config config = context.config();
        RealtimeConfig realtime = config.realtime();
        PrintStream console = context.out();
        Path out = realtime.out() != null ? realtime.out() : context.runDir();
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UserError(out + ": cannot create the output folder (" + e.getMessage() + "); set realtime.out to a writable folder");
        }
        int rate = config.audio().sampleRate();
        ReferenceSegments reference = reference(realtime);

        // The source first: a machine without a microphone is told so before the model loads.
        AudioSource source = source(config, out, console);

        ModelLocator.Choice model = ModelLocator.locate(realtime.model(), "realtime.model", config.models());
        console.println("model: " + model);
        NativeSetup.ensure();
        Pipeline pipeline = Pipeline.live(ModelLocator.load(model, config), config);

        DecisionConfig decision = pipeline.decision();
        LabelCounts counts = new LabelCounts();
        LatencyStats latency = LatencyStats.captureToDecision();
        LatencyStats compute = LatencyStats.compute();
        int window = pipeline.windowSamples();
        int hop = pipeline.hopSamples();
        String name = realtime.input() == null ? "microphone" : realtime.input();
        LiveSegments segments = new LiveSegments(out.resolve("segments.csv"), name, config.segment(), window, hop);
        ProcessorChain chain = pipeline.chain(List.of(
                latency,
                compute,
                counts,
                new ConsoleSink(console, decision.threshold()),
                new PredictionsCsv(out.resolve("predictions.csv")),
                segments));
        long maxSamples = realtime.duration() == null ? -1 : Math.round(realtime.duration() * rate);
        WavWriter recording = WavWriter.open(out.resolve("recording.wav"), rate);
        ListenSession session = new ListenSession(source, window, hop, realtime.queueChunks(), pipeline.spec().featureSize(), chain, counts,
                latency, compute, recording, out.resolve("summary.json"), console, maxSamples);

        Thread hook = new Thread(() -> {
            if (!session.finished()) {
                console.println("stopping: finishing predictions.csv and recording.wav ...");
                session.stop();
                try {
                    session.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "listen-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Summary summary;
        try {
            session.start();
            console.printf(Locale.ROOT, "listening to %s: %.3f s windows every %.3f s, smoothing %s, threshold %.2f; %s%n",
                    source.describe(), window / (double) rate, hop / (double) rate,
                    decision.smoothing().enabled() ? "on" : "off", decision.threshold(),
                    realtime.duration() != null ? "stops after " + realtime.duration() + " s (or Ctrl-C)" : "Ctrl-C stops");
            console.flush();
            summary = session.await();
        } catch (RuntimeException e) {
            session.stop();
            recording.close();
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running
            }
        }
        if (source instanceof FileSource file && file.damage() != null) {
            console.println("warning: " + realtime.input() + ": " + file.damage() + "; what could be decoded was classified");
        }
        console.println("predictions: " + out.resolve("predictions.csv") + "; segments: " + out.resolve("segments.csv")
                + "; recording: " + out.resolve("recording.wav"));
        if (!summary.ending().clean()) {
            throw new UserError(summary.ending().text() + ": " + summary.problem() + ". What was captured is kept in " + out);
        }
        if (reference != null) {
            if (summary.ending() == Summary.Ending.END_OF_INPUT) {
                ReferenceScoring.score(Map.of(name, segments.segments()), reference, config.segment().collarSeconds(),
                        out.resolve("segment_metrics.json"), "realtime.reference", console);
            } else {
                console.println("note: the stream ended before the input did (" + summary.ending().text() + "): not scored against "
                        + "realtime.reference");
            }
        }
    }

    /** The input's reference segments, read before anything else happens; null if none is given. */
    private static ReferenceSegments reference(RealtimeConfig realtime) {
        if (realtime.reference() == null) {
            return null;
        }
        if (realtime.input() == null || realtime.input().equals(RealtimeConfig.DEMO_INPUT)) {
            throw new UserError("realtime.reference scores a file's stream: set realtime.input=FILE as well");
        }
        if (realtime.repeat() != 1) {
            throw new UserError("realtime.reference scores one pass over the input: leave realtime.repeat at 1 (got "
                    + realtime.repeat() + ")");
        }
        return ReferenceSegments.read(realtime.reference(), "realtime.reference");
    }

    private static AudioSource source(Config config, Path out, PrintStream console) {
        RealtimeConfig realtime = config.realtime();
        int rate = config.audio().sampleRate();
        if (realtime.input() == null) {
            List<CaptureDevices.Device> devices = CaptureDevices.list();
            if (devices.isEmpty()) {
                throw new UserError(CaptureDevices.noMicrophoneMessage());
            }
            console.println("capture devices (realtime.device=N or a part of the name; the first is the system default):");
            devices.forEach(d -> console.println("  " + d));
            CaptureDevices.Device device = CaptureDevices.choose(devices, realtime.device(), System.console(), console);
            return MicrophoneSource.open(device, rate);
        }
        if (realtime.device() != null) {
            console.println("note: realtime.device is ignored because realtime.input is set");
        }
        if (realtime.input().equals(RealtimeConfig.DEMO_INPUT)) {
            console.println("synthesising the demo clip (espeak-ng speech, then MIDI music) ...");
            DemoClip.Demo demo = DemoClip.synthesise(rate);
            Path file = out.resolve("demo.wav");
            WavWriter.write(file, demo.clip().samples(), rate);
            console.printf(Locale.ROOT, "demo clip: speech 0-%.2f s, music %.2f-%.2f s (saved as %s)%n",
                    demo.speechSeconds(), demo.musicStart(), demo.seconds(), file);
            return new FileSource("demo clip", demo.clip(), realtime.pace(), realtime.repeat());
        }
        Path file = Path.of(realtime.input());
        return new FileSource(file.toString(), () -> AudioDecoder.open(file, rate), realtime.pace(), realtime.repeat());
    }
}
