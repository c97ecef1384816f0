package io.musicspeech.segment;

import io.musicspeech.audio.FfmpegCli;
import io.musicspeech.audio.WavWriter;
import io.musicspeech.live.DemoClip;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A short broadcast the tests make themselves: espeak-ng speech, a gap of digital silence, Gervill
 * music, then speech again, at 22050 Hz mono; and the same programme in other formats through
 * Debian's ffmpeg.
 */
public final class TestProgramme {
    public static final int RATE = 22050;
    static final double GAP_SECONDS = 1.5;
    static final double MUSIC_SECONDS = 12;
    static final String CLOSING = "And now the weather. Tomorrow will be cloudy in the north with some rain in the afternoon, "
            + "and sunny spells in the south.";

    /** The samples and where the parts begin and end, in seconds. */
    public record Programme(float[] samples, double speechEnd, double musicStart, double musicEnd) {
        public double seconds() {
            return samples.length / (double) RATE;
        }
    }

    private TestProgramme() {
    }

    public static void assumeTools() {
        assumeTrue(onPath("espeak-ng"), "espeak-ng is not installed: synthetic speech tests skipped (.ci/run installs it)");
        assumeTrue(onPath("ffmpeg"), "ffmpeg is not installed: format tests skipped (.ci/run installs it)");
    }

    public static Programme make() {
        float[] opening = scaled(DemoClip.speech(DemoClip.SPEECH_TEXT, RATE), 0.1);
        float[] music = scaled(DemoClip.music(RATE, MUSIC_SECONDS), 0.15);
        float[] closing = scaled(DemoClip.speech(CLOSING, RATE), 0.1);
        int gap = (int) Math.round(GAP_SECONDS * RATE);
        List<float[]> parts = List.of(opening, new float[gap], music, closing);
        float[] all = new float[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        double speechEnd = opening.length / (double) RATE;
        double musicStart = (opening.length + gap) / (double) RATE;
        return new Programme(all, speechEnd, musicStart, musicStart + music.length / (double) RATE);
    }

    /** The programme as WAV (22.05 kHz mono) and in every other format, in {@code dir}; returns the files. */
    public static List<Path> writeAllFormats(Programme programme, Path dir, String stem) throws IOException {
        Path wav = dir.resolve(stem + ".wav");
        WavWriter.write(wav, programme.samples(), RATE);
        List<Path> files = new ArrayList<>(List.of(wav));
        files.add(FfmpegCli.encode(wav, dir.resolve(stem + "44s"), "wav44s"));
        for (String format : List.of("mp3", "flac", "ogg", "opus", "m4a")) {
            files.add(FfmpegCli.encode(wav, dir.resolve(stem), format));
        }
        return files;
    }

    /** The clip scaled to this RMS. */
    private static float[] scaled(float[] x, double rms) {
        double sum = 0;
        for (float v : x) {
            sum += v * v;
        }
        double gain = rms / Math.sqrt(sum / x.length);
        float[] out = Arrays.copyOf(x, x.length);
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) Math.max(-1, Math.min(1, out[i] * gain));
        }
        return out;
    }

    private static boolean onPath(String command) {
        try {
            return new ProcessBuilder("sh", "-c", "command -v " + command).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
