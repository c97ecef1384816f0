package io.musicspeech.cli;

import io.musicspeech.UserError;
import io.musicspeech.audio.AudioClip;
import io.musicspeech.audio.AudioDecoder;
import io.musicspeech.audio.WavWriter;
import io.musicspeech.config.Config;
import io.musicspeech.config.DecisionConfig;
import io.musicspeech.config.RealtimeConfig;
import io.musicspeech.eval.CausalSmoother;
import io.musicspeech.features.FeatureSpec;
import io.musicspeech.features.MfccExtractor;
import io.musicspeech.live.AudioSource;
import io.musicspeech.live.CaptureDevices;
import io.musicspeech.live.Classification;
import io.musicspeech.live.ContextFrames;
import io.musicspeech.live.ConsoleSink;
import io.musicspeech.live.Decision;
import io.musicspeech.live.DemoClip;
import io.musicspeech.live.Featuriser;
import io.musicspeech.live.FileSource;
import io.musicspeech.live.LabelCounts;
import io.musicspeech.live.LatencyStats;
import io.musicspeech.live.ListenSession;
import io.musicspeech.live.MicrophoneSource;
import io.musicspeech.live.PredictionsCsv;
import io.musicspeech.live.ProcessorChain;
import io.musicspeech.live.SilenceGate;
import io.musicspeech.live.Summary;
import io.musicspeech.live.WindowProcessor;
import io.musicspeech.model.ModelLoader;
import io.musicspeech.model.NativeSetup;
import io.musicspeech.model.WindowClassifier;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Classifies live audio window by window: the microphone (realtime.device), or a file or the
 * synthesised demo clip streamed through the same capture thread, queue and worker
 * (realtime.input). Writes predictions.csv, recording.wav and summary.json to realtime.out
 * (default: the run folder); Ctrl-C or realtime.duration ends it with every file valid.
 */
final class ListenStage implements Stage {
    /** How long Ctrl-C waits for the files and summary to be written. */
    private static final long SHUTDOWN_WAIT_SECONDS = 10;
    /** Untimed windows run through MFCC and model first, so the first real window is not slow. */
    private static final int WARMUP_WINDOWS = 50;

    @Override
    public String name() {
        return "listen";
    }

    @Override
    public String summary() {
        return "classify the microphone (or realtime.input=FILE|demo) live; predictions.csv, recording.wav in realtime.out";
    }

    /** The model listen uses and why. */
    record ModelChoice(Path path, String why) {
    }

    static ModelChoice chooseModel(Config config) {
        RealtimeConfig realtime = config.realtime();
        if (realtime.model() != null) {
            return new ModelChoice(realtime.model(), "realtime.model");
        }
        Path shipped = config.train().exportTo();
        if (Files.exists(shipped)) {
            return new ModelChoice(shipped, "the shipped model");
        }
        Path original = realtime.fallbackModel();
        if (Files.exists(original)) {
            return new ModelChoice(original, "the original project's Keras model: there is no shipped model at " + shipped + " yet");
        }
        throw new UserError("no model to listen with: no shipped model at " + shipped + " and no original model at " + original
                + ". Train one (mvn exec:java -Ptrain -Dexec.args=\"train.export=true\") or pass realtime.model=PATH");
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

        // The source first: a machine without a microphone is told so before the model loads.
        AudioSource source = source(config, out, console);

        ModelChoice model = chooseModel(config);
        console.println("model: " + model.path() + " (" + model.why() + ")");
        NativeSetup.ensure();
        WindowClassifier classifier = ModelLoader.load(model.path(), config.featureSpec(), config.decision().threshold());
        FeatureSpec spec = classifier.featureSpec();
        MfccExtractor extractor = new MfccExtractor(spec);
        warmUp(classifier, extractor);

        DecisionConfig decision = new DecisionConfig(classifier.threshold(), config.decision().smoothing());
        LabelCounts counts = new LabelCounts();
        LatencyStats latency = LatencyStats.captureToDecision();
        LatencyStats compute = LatencyStats.compute();
        int window = spec.windowSamples();
        int hop = config.realtimeHopSamples();
        boolean withContext = classifier.contextWindows() > 1;
        List<WindowProcessor> steps = new ArrayList<>();
        steps.add(new SilenceGate(realtime.silenceThreshold()));
        steps.add(new Featuriser(extractor, withContext));
        if (withContext) {
            steps.add(new ContextFrames(classifier.contextWindows(), spec.featureSize(), window, hop));
        }
        steps.addAll(List.of(
                new Classification(classifier),
                new Decision(new CausalSmoother(decision)),
                latency,
                compute,
                counts,
                new ConsoleSink(console, classifier.threshold()),
                new PredictionsCsv(out.resolve("predictions.csv"))));
        ProcessorChain chain = new ProcessorChain(steps);
        long maxSamples = realtime.duration() == null ? -1 : Math.round(realtime.duration() * rate);
        WavWriter recording = WavWriter.open(out.resolve("recording.wav"), rate);
        ListenSession session = new ListenSession(source, window, hop, realtime.queueChunks(), spec.featureSize(), chain, counts,
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
        console.println("predictions: " + out.resolve("predictions.csv") + "; recording: " + out.resolve("recording.wav"));
        if (!summary.ending().clean()) {
            throw new UserError(summary.ending().text() + ": " + summary.problem() + ". What was captured is kept in " + out);
        }
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
        AudioClip clip = AudioDecoder.decode(file, rate);
        return new FileSource(file.toString(), clip, realtime.pace(), realtime.repeat());
    }

    /** Runs the hot path on a few windows of quiet noise so the JIT and the model's first call are done. */
    private static void warmUp(WindowClassifier classifier, MfccExtractor extractor) {
        FeatureSpec spec = classifier.featureSpec();
        float[] samples = new float[spec.windowSamples()];
        float[] features = new float[spec.featureSize()];
        float[] input = new float[classifier.inputSize()];
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        for (int i = 0; i < WARMUP_WINDOWS; i++) {
            for (int j = 0; j < samples.length; j++) {
                samples[j] = (float) (0.1 * (random.nextDouble() - 0.5));
            }
            extractor.extract(samples, 0, features);
            for (int at = 0; at < input.length; at += features.length) {
                System.arraycopy(features, 0, input, at, features.length);
            }
            classifier.speechProbability(input);
        }
    }
}
