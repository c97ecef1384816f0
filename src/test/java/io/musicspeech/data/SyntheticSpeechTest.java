package io.musicspeech.data;

import io.musicspeech.UserError;
import io.musicspeech.audio.AudioClip;
import io.musicspeech.audio.AudioDecoder;
import io.musicspeech.config.ConfigLoader;
import io.musicspeech.config.SynthConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stage synth's generator: with espeak-ng and sox installed (README, CI), as a user runs it. */
class SyntheticSpeechTest {
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    private static SynthConfig config(Path out, String... extra) {
        List<String> overrides = new ArrayList<>(List.of("synth.out=" + out, "synth.voices=[en, de]", "synth.clips_per_voice=2",
                "synth.seconds=2.5"));
        overrides.addAll(List.of(extra));
        return new ConfigLoader(Path.of("config")).load(overrides).config().synth();
    }

    @Test
    void writesALabelledFolderOfMonoClipsAtTheProjectRateAndListsThem(@TempDir Path dir) throws IOException {
        Path out = SyntheticSpeech.write(config(dir.resolve("synth")), 22050, QUIET);
        List<Path> clips;
        try (Stream<Path> files = Files.list(out.resolve("speech"))) {
            clips = files.sorted().toList();
        }
        assertEquals(List.of("synth-de-1.wav", "synth-de-2.wav", "synth-en-1.wav", "synth-en-2.wav"),
                clips.stream().map(p -> p.getFileName().toString()).toList());
        for (Path clip : clips) {
            AudioClip audio = AudioDecoder.decode(clip, 22050);
            assertEquals(2.5, audio.durationSeconds(), 0.01, clip.toString());
            float peak = 0;
            for (float s : audio.samples()) {
                peak = Math.max(peak, Math.abs(s));
            }
            assertEquals(Math.pow(10, -3 / 20.0), peak, 0.02, "peak at synth.peak_dbfs (-3) " + clip);
        }
        List<String> csv = Files.readAllLines(out.resolve("clips.csv"));
        assertEquals("file,voice,voice_pitch,words_per_minute,pitch_cents,effect,first_sentence", csv.get(0));
        assertEquals(5, csv.size());
        assertTrue(csv.get(2).startsWith("speech/synth-en-2.wav,en,"), csv.toString());
        assertTrue(csv.get(2).contains(",flanger,2"), "the second clip of a voice: the second effect, from the second sentence");
        try (Stream<Path> siblings = Files.list(dir)) {
            assertEquals(List.of(out), siblings.toList(), "no partial folder is left");
        }
        // The folder is a dataset folder prepare reads: four speech clips.
        DatasetScanner scanner = new DatasetScanner(java.util.Map.of("speech", "speech"), new RecordingGroups("(?<group>.+?)\\d+[A-Za-z]?"));
        assertEquals(4, scanner.scan(List.of(out)).count("speech"));
    }

    @Test
    void theSameConfigWritesTheSameBytesAnotherSeedOthers(@TempDir Path dir) throws IOException {
        Path first = SyntheticSpeech.write(config(dir.resolve("a"), "synth.voices=[fr]", "synth.clips_per_voice=1"), 22050, QUIET);
        Path again = SyntheticSpeech.write(config(dir.resolve("b"), "synth.voices=[fr]", "synth.clips_per_voice=1"), 22050, QUIET);
        Path other = SyntheticSpeech.write(config(dir.resolve("c"), "synth.voices=[fr]", "synth.clips_per_voice=1", "synth.seed=7"),
                22050, QUIET);
        byte[] clip = Files.readAllBytes(first.resolve("speech/synth-fr-1.wav"));
        assertArrayEquals(clip, Files.readAllBytes(again.resolve("speech/synth-fr-1.wav")));
        assertFalse(java.util.Arrays.equals(clip, Files.readAllBytes(other.resolve("speech/synth-fr-1.wav"))));
    }

    @Test
    void drawsEveryParameterInItsRangeAndCyclesTheEffects(@TempDir Path dir) {
        SynthConfig config = config(dir.resolve("x"), "synth.voices=[en, cs, it]", "synth.clips_per_voice=8");
        List<SyntheticSpeech.Spec> specs = SyntheticSpeech.specs(config, 9);
        assertEquals(24, specs.size());
        for (int i = 0; i < specs.size(); i++) {
            SyntheticSpeech.Spec spec = specs.get(i);
            assertTrue(spec.voicePitch() >= 70 && spec.voicePitch() <= 99, spec.toString());
            assertTrue(spec.wordsPerMinute() >= 140 && spec.wordsPerMinute() <= 230, spec.toString());
            assertTrue(spec.pitchCents() >= 200 && spec.pitchCents() <= 800, spec.toString());
            assertEquals(config.effects().get(i % 8 % 4), spec.effect());
        }
        assertEquals(specs, SyntheticSpeech.specs(config, 9));
        assertNotEquals(specs.get(0).pitchCents(), specs.get(8).pitchCents(), "each clip draws its own");
        assertEquals("C D A B", SyntheticSpeech.text(List.of("A", "B", "C", "D"), 2));
    }

    @Test
    void neverWritesOverAnExistingFolder(@TempDir Path dir) throws IOException {
        Path mine = Files.createDirectories(dir.resolve("synth"));
        Files.writeString(mine.resolve("keep.txt"), "mine");
        UserError error = assertThrows(UserError.class, () -> SyntheticSpeech.write(config(mine), 22050, QUIET));
        assertTrue(error.getMessage().contains("already exists"), error.getMessage());
        assertEquals("mine", Files.readString(mine.resolve("keep.txt")));
        try (Stream<Path> files = Files.list(mine)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void anUnknownVoiceIsAOneLineErrorAndLeavesNothing(@TempDir Path dir) throws IOException {
        UserError error = assertThrows(UserError.class,
                () -> SyntheticSpeech.write(config(dir.resolve("synth"), "synth.voices=[xx-nope]"), 22050, QUIET));
        assertTrue(error.getMessage().startsWith("espeak-ng failed to read the text for synth-xx-nope-1.wav (voice xx-nope)"),
                error.getMessage());
        assertFalse(error.getMessage().contains("\n"), error.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count(), "no folder and no partial folder");
        }
    }
}
