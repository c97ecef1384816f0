package io.musicspeech.live;

import io.musicspeech.audio.AudioDecoder;
import io.musicspeech.audio.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real thing without a sound card: a PulseAudio virtual microphone (DESIGN.md's recipe), a
 * listen process on the system default device, and the synthesised speech-then-music clip played
 * into the sink. Checks the labels of each part, that the recording is what was played, and a
 * clean end at realtime.duration. Skipped, with the reason, where PulseAudio or espeak-ng is missing.
 */
class PulseAudioEndToEndTest {
    private static final int RATE = 22050;
    private static final int WINDOW = 5512;

    @TempDir
    Path dir;

    @Test
    void listensToAVirtualMicrophoneAndLabelsSpeechThenMusic() throws Exception {
        Path model = SharedFiles.seedModel();
        VirtualMicrophone.skipUnless(VirtualMicrophone.onPath("espeak-ng"), "espeak-ng is not installed (it speaks the demo clip)");
        DemoClip.Demo demo = DemoClip.synthesise(RATE);
        Path played = dir.resolve("played.wav");
        WavWriter.write(played, demo.clip().samples(), RATE);
        float[] clip = AudioDecoder.decode(played, RATE).samples(); // as int16, what paplay sends
        Path out = dir.resolve("out");
        // The recording starts before playback; leave room for the start-up and a second after.
        double duration = Math.ceil(demo.seconds()) + 8;

        try (VirtualMicrophone mic = VirtualMicrophone.start(dir.resolve("pulse"), RATE);
             ListenProcess listen = ListenProcess.start(mic.environment(), "realtime.duration=" + duration,
                     "realtime.out=" + out, "realtime.model=" + model, "run.outputs=" + dir.resolve("runs"))) {
            // Audio flows once the first window is printed; the line is open and started.
            assertTrue(listen.awaitLine(l -> l.startsWith("    0.00 s"), 45_000), "no first window:\n" + listen.output());
            assertTrue(listen.output().contains("listening to microphone system default"), listen.output());
            mic.play(played);
            int code = listen.await(30);
            String console = listen.output();
            assertEquals(0, code, "listen must end cleanly at realtime.duration:\n" + console);
            assertTrue(console.contains("ended: realtime.duration reached"), console);

            long samples = LiveFiles.assertValidWav(out.resolve("recording.wav"), RATE);
            assertEquals(Math.round(duration * RATE), samples, "the recording holds realtime.duration of audio");
            float[] recording = AudioDecoder.decode(out.resolve("recording.wav"), RATE).samples();
            int lag = alignment(recording, clip);
            double correlation = correlation(recording, clip, lag);
            System.out.printf(Locale.ROOT, "virtual microphone: clip starts at %.3f s of the recording, correlation %.5f%n",
                    lag / (double) RATE, correlation);
            assertTrue(correlation > 0.99, "the recording is what was played: correlation " + correlation + " at lag " + lag);

            List<String[]> rows = LiveFiles.assertValidCsv(out.resolve("predictions.csv"));
            int[] speech = score(rows, lag, 0, demo.speechSeconds(), "speech");
            int[] music = score(rows, lag, demo.musicStart(), demo.seconds(), "music");
            System.out.printf(Locale.ROOT, "virtual microphone: speech %d/%d windows, music %d/%d windows right%n",
                    speech[0], speech[1], music[0], music[1]);
            assertTrue(speech[1] >= 18 && music[1] >= 18, "too few windows inside the parts: " + speech[1] + ", " + music[1]);
            assertTrue(speech[0] >= 0.9 * speech[1], "speech windows right: " + speech[0] + " of " + speech[1]);
            assertTrue(music[0] >= 0.9 * music[1], "music windows right: " + music[0] + " of " + music[1]);
            assertTrue(Files.readString(out.resolve("summary.json")).contains("\"ended\" : \"duration\""));
        }
    }

    /** {right, non-silent} windows lying wholly inside [from, to) of the clip. */
    private static int[] score(List<String[]> rows, int lag, double from, double to, String label) {
        int right = 0;
        int counted = 0;
        for (String[] row : rows) {
            double start = Double.parseDouble(row[0]) - lag / (double) RATE;
            double end = Double.parseDouble(row[1]) - lag / (double) RATE;
            if (start >= from && end <= to && !row[2].equals("silence")) {
                counted++;
                if (row[2].equals(label)) {
                    right++;
                }
            }
        }
        return new int[] {right, counted};
    }

    /**
     * Where the clip starts in the recording: the onsets give a first guess, then the lag with
     * the highest cross-correlation within half a second of it.
     */
    private static int alignment(float[] recording, float[] clip) {
        int guess = onset(recording) - onset(clip);
        int best = guess;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int lag = Math.max(0, guess - RATE / 2); lag <= guess + RATE / 2; lag++) {
            double value = 0;
            for (int i = 0; i < 4 * WINDOW && i + lag < recording.length && i < clip.length; i += 3) {
                value += (double) recording[i + lag] * clip[i];
            }
            if (value > bestValue) {
                bestValue = value;
                best = lag;
            }
        }
        return best;
    }

    private static int onset(float[] x) {
        for (int i = 0; i < x.length; i++) {
            if (Math.abs(x[i]) > 0.02) {
                return i;
            }
        }
        return 0;
    }

    /** Normalised cross-correlation of the clip with the recording from {@code lag}, over their overlap. */
    private static double correlation(float[] recording, float[] clip, int lag) {
        double xy = 0;
        double xx = 0;
        double yy = 0;
        for (int i = 0; i < clip.length && i + lag < recording.length; i++) {
            double x = recording[i + lag];
            double y = clip[i];
            xy += x * y;
            xx += x * x;
            yy += y * y;
        }
        return xy / Math.sqrt(xx * yy);
    }
}
