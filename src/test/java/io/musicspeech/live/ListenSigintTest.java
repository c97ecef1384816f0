package io.musicspeech.live;

import io.musicspeech.audio.AudioDecoder;
import io.musicspeech.audio.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ctrl-C on a running listen process: it stops at once and leaves a valid WAV and CSV. */
class ListenSigintTest {

    @TempDir
    Path dir;

    @Test
    void sigintLeavesAValidRecordingAndPredictions() throws Exception {
        Path model = SharedFiles.seedModel();
        // 60 s of tones and noise, streamed at real-time pace: far longer than the test waits.
        int rate = 22050;
        float[] x = new float[60 * rate];
        Random random = new Random(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / rate) + 0.05 * random.nextGaussian());
        }
        Path input = dir.resolve("input.wav");
        WavWriter.write(input, x, rate);
        Path out = dir.resolve("out");

        try (ListenProcess listen = ListenProcess.start(Map.of(), "realtime.input=" + input, "realtime.out=" + out,
                "realtime.model=" + model, "run.outputs=" + dir.resolve("runs"))) {
            assertTrue(listen.awaitLine(l -> l.startsWith("    2.00 s"), 45_000), "no window at 2 s:\n" + listen.output());
            listen.interrupt();
            int code = listen.await(20);
            String console = listen.output();
            assertEquals(130, code, "exit code after SIGINT (128 + 2):\n" + console);
            assertTrue(console.contains("ended: stopped (Ctrl-C)"), console);

            long samples = LiveFiles.assertValidWav(out.resolve("recording.wav"), rate);
            assertTrue(samples >= 9 * 5512 && samples < 30 * rate, "recorded " + samples + " samples");
            float[] recorded = AudioDecoder.decode(out.resolve("recording.wav"), rate).samples();
            for (int i = 0; i < recorded.length; i++) {
                assertEquals(x[i], recorded[i], 1 / 32768f, "the recording is the input, sample " + i);
            }
            List<String[]> rows = LiveFiles.assertValidCsv(out.resolve("predictions.csv"));
            long windowLines = console.lines().filter(l -> l.matches(" +\\d+\\.\\d\\d s  .*")).count();
            assertEquals(windowLines, rows.size(), "one CSV row per console line");
            assertTrue(rows.size() >= 9, "windows " + rows.size());
            assertTrue(Files.readString(out.resolve("summary.json")).contains("\"ended\" : \"stopped\""));
        }
    }
}
