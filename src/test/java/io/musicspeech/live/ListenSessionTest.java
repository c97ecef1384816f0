package io.musicspeech.live;

import io.musicspeech.pipeline.Label;
import io.musicspeech.pipeline.Decision;
import io.musicspeech.pipeline.Classification;
import io.musicspeech.pipeline.Featuriser;
import io.musicspeech.pipeline.SilenceGate;
import io.musicspeech.pipeline.ProcessorChain;
import io.musicspeech.audio.AudioClip;
import io.musicspeech.audio.AudioDecoder;
import io.musicspeech.audio.WavWriter;
import io.musicspeech.pipeline.CausalSmoother;
import io.musicspeech.features.FeatureSpec;
import io.musicspeech.features.MfccExtractor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole chain on one thread pair, with a scripted model and small windows (8 kHz, 10 ms). */
class ListenSessionTest {
    private static final int RATE = 8000;
    private static final int WINDOW = 80;
    private static final FeatureSpec SPEC = new FeatureSpec(RATE, WINDOW, 4, 64, 16, 8, 0, 4000, 80);

    @TempDir
    Path dir;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    /** {@code windows} windows: 0 = silence, else noise. */
    private static float[] signal(int... kinds) {
        Random random = new Random(7);
        float[] x = new float[kinds.length * WINDOW];
        for (int w = 0; w < kinds.length; w++) {
            for (int i = 0; i < WINDOW; i++) {
                x[w * WINDOW + i] = kinds[w] == 0 ? 0 : (float) (0.6 * (random.nextDouble() - 0.5));
            }
        }
        return x;
    }

    private ListenSession session(AudioSource source, ScriptedClassifier model, boolean smoothing, int hop, int queue,
                                  long maxSamples) {
        LabelCounts counts = new LabelCounts();
        LatencyStats latency = LatencyStats.captureToDecision();
        LatencyStats compute = LatencyStats.compute();
        ProcessorChain chain = new ProcessorChain(List.of(
                new SilenceGate(0.01),
                new Featuriser(new MfccExtractor(SPEC)),
                new Classification(model, 1, hop),
                new Decision(new CausalSmoother(0.7, smoothing, 0.5, 0.1)),
                latency, compute, counts,
                new ConsoleSink(new PrintStream(console, true), 0.7),
                new PredictionsCsv(dir.resolve("predictions.csv"))));
        return new ListenSession(source, WINDOW, hop, queue, SPEC.featureSize(), chain, counts, latency, compute,
                WavWriter.open(dir.resolve("recording.wav"), RATE), dir.resolve("summary.json"),
                new PrintStream(console, true), maxSamples);
    }

    private static List<Float> script() {
        return List.of(0.9f, 0.95f, 0.9f, 0.4f, 0.9f, 0.9f, 0.2f, 0.1f, 0.15f, 0.1f);
    }

    private static List<String> expectedLabels(boolean smoothing) {
        CausalSmoother smoother = new CausalSmoother(0.7, smoothing, 0.5, 0.1);
        List<String> labels = new ArrayList<>(List.of("silence", "silence"));
        for (float p : script()) {
            labels.add(smoother.update(p) ? "speech" : "music");
        }
        return labels;
    }

    @Test
    void aFileGoesThroughTheChainIntoCsvRecordingAndSummary() throws Exception {
        for (boolean smoothing : new boolean[] {true, false}) {
            float[] x = signal(0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
            ScriptedClassifier model = new ScriptedClassifier(SPEC, script(), 0);
            ListenSession session = session(new FileSource("test", new AudioClip(x, RATE), false, 1), model, smoothing, WINDOW, 4, -1);
            session.start();
            Summary summary = session.await();

            assertEquals(Summary.Ending.END_OF_INPUT, summary.ending());
            List<String[]> rows = LiveFiles.assertValidCsv(dir.resolve("predictions.csv"));
            assertEquals(expectedLabels(smoothing), rows.stream().map(r -> r[2]).toList(), "smoothing " + smoothing);
            assertEquals("0.010", rows.get(1)[0]);
            assertEquals("0.020", rows.get(1)[1]);
            assertEquals("0.9000", rows.get(2)[3]);
            assertEquals(10, model.calls.get(), "silent windows do not reach the model");
            assertEquals(x.length, LiveFiles.assertValidWav(dir.resolve("recording.wav"), RATE));
            float[] recorded = AudioDecoder.decode(dir.resolve("recording.wav"), RATE).samples();
            for (int i = 0; i < x.length; i++) {
                assertEquals(x[i], recorded[i], 1 / 32768f);
            }
            assertEquals(2, summary.labels().get(Label.SILENCE));
            assertEquals(12, summary.windows());
            assertEquals(0, summary.droppedChunks());
            assertTrue(summary.latencyP50() >= 0 && summary.latencyP99() >= summary.latencyP50());
            assertTrue(summary.computeP50() >= 0 && summary.computeP50() <= summary.latencyP99());
            assertTrue(console.toString().contains("summary: 12 windows"), console.toString());
        }
        // With smoothing the lone 0.4 among speech does not flip the label; without, it does.
        assertEquals("speech", expectedLabels(true).get(5));
        assertEquals("music", expectedLabels(false).get(5));
    }

    @Test
    void overlappingWindowsWithASmallerHop() throws Exception {
        float[] x = signal(1, 1, 1, 1, 1, 1);
        ScriptedClassifier model = new ScriptedClassifier(SPEC, List.of(), 0);
        ListenSession session = session(new FileSource("test", new AudioClip(x, RATE), false, 1), model, true, WINDOW / 4, 4, -1);
        session.start();
        session.await();
        List<String[]> rows = LiveFiles.assertValidCsv(dir.resolve("predictions.csv"));
        assertEquals(1 + (x.length - WINDOW) / (WINDOW / 4), rows.size());
        assertEquals("0.003", rows.get(1)[0]);
        assertEquals("0.013", rows.get(1)[1]);
    }

    @Test
    void durationStopsTheRunCleanly() throws Exception {
        float[] x = signal(1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        ListenSession session = session(new FileSource("test", new AudioClip(x, RATE), false, 3),
                new ScriptedClassifier(SPEC, List.of(), 0), true, WINDOW, 4, 7 * WINDOW + WINDOW / 2);
        session.start();
        Summary summary = session.await();
        assertEquals(Summary.Ending.DURATION, summary.ending());
        assertEquals(7, summary.windows());
        assertEquals(7 * WINDOW + WINDOW / 2, LiveFiles.assertValidWav(dir.resolve("recording.wav"), RATE));
        assertEquals(7.5 * WINDOW / RATE, summary.audioSeconds(), 1e-9);
    }

    @Test
    void aWorkerThatFallsBehindDropsTheOldestChunksAndSaysSo() throws Exception {
        float[] x = signal(new int[150]); // 1.5 s
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i * 0.3) * 0.2f;
        }
        // Chunks every 10 ms; the model needs 40 ms per window.
        ListenSession session = session(new FileSource("test", new AudioClip(x, RATE), true, 1),
                new ScriptedClassifier(SPEC, List.of(), 40), true, WINDOW, 4, -1);
        session.start();
        Summary summary = session.await();
        assertTrue(summary.droppedChunks() > 50, "dropped " + summary.droppedChunks());
        assertEquals(150, summary.windows() + summary.droppedChunks(), "each chunk is either classified or dropped");
        assertTrue(summary.maxQueued() <= 4, "the queue stays bounded: " + summary.maxQueued());
        assertTrue(summary.gaps() > 0);
        assertTrue(console.toString().contains("warning: the worker is falling behind"), console.toString());
        assertEquals(x.length, LiveFiles.assertValidWav(dir.resolve("recording.wav"), RATE), "the recording keeps everything");
        LiveFiles.assertValidCsv(dir.resolve("predictions.csv"));
    }

    @Test
    void aLostDeviceEndsTheRunWithItsMessageAndTheFilesKept() throws Exception {
        AudioSource dying = new AudioSource() {
            int reads;

            @Override
            public String describe() {
                return "dying";
            }

            @Override
            public int sampleRate() {
                return RATE;
            }

            @Override
            public boolean live() {
                return true;
            }

            @Override
            public void start() {
            }

            @Override
            public int read(float[] buffer, int offset, int length) throws SourceLost {
                if (reads++ == 3) {
                    throw new SourceLost("fake device stopped delivering audio");
                }
                for (int i = 0; i < length; i++) {
                    buffer[offset + i] = (float) Math.sin(i);
                }
                return length;
            }

            @Override
            public void stop() {
            }

            @Override
            public void close() {
            }
        };
        ListenSession session = session(dying, new ScriptedClassifier(SPEC, List.of(), 0), true, WINDOW, 4, -1);
        session.start();
        Summary summary = session.await();
        assertEquals(Summary.Ending.SOURCE_LOST, summary.ending());
        assertEquals("fake device stopped delivering audio", summary.problem());
        assertEquals(3 * WINDOW, LiveFiles.assertValidWav(dir.resolve("recording.wav"), RATE));
        assertEquals(3, LiveFiles.assertValidCsv(dir.resolve("predictions.csv")).size());
    }

    @Test
    void stopFromAnotherThreadLeavesValidFiles() throws Exception {
        float[] x = signal(new int[1000]);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i * 0.1) * 0.2f;
        }
        ListenSession session = session(new FileSource("test", new AudioClip(x, RATE), true, 1),
                new ScriptedClassifier(SPEC, List.of(), 0), true, WINDOW, 4, -1);
        session.start();
        Thread.sleep(300);
        session.stop();
        Summary summary = session.await(10, TimeUnit.SECONDS);
        assertNotNull(summary, "the run ends soon after stop");
        assertEquals(Summary.Ending.STOPPED, summary.ending());
        long samples = LiveFiles.assertValidWav(dir.resolve("recording.wav"), RATE);
        assertTrue(samples > 0 && samples < x.length, "samples " + samples);
        assertEquals(summary.windows(), LiveFiles.assertValidCsv(dir.resolve("predictions.csv")).size());
    }

    @Test
    void aFailingModelEndsTheRunAsFailed() throws Exception {
        ScriptedClassifier model = new ScriptedClassifier(SPEC, List.of(), 0);
        model.failure = new IllegalStateException("native crash");
        float[] x = signal(1, 1, 1, 1);
        ListenSession session = session(new FileSource("test", new AudioClip(x, RATE), false, 1), model, true, WINDOW, 4, -1);
        session.start();
        Summary summary = session.await();
        assertEquals(Summary.Ending.FAILED, summary.ending());
        assertTrue(summary.problem().contains("native crash"), summary.problem());
        LiveFiles.assertValidWav(dir.resolve("recording.wav"), RATE);
    }
}
