package io.musicspeech.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Synthetic training speech (stage {@code synth}): espeak-ng reads a paragraph in several voices,
 * sox pitches each reading up and puts an effect on it, for the kinds of speech the recordings in
 * ../shared lack (high, effected game voices). The folder it writes is a labelled dataset folder;
 * name it in preprocess.path and preprocess.train_only.
 *
 * @param out            the folder to write (its {@code speech/} subfolder holds the clips); must not exist yet
 * @param voices         espeak-ng voices ({@code espeak-ng --voices}); each reads the (English) paragraph
 * @param clipsPerVoice  clips per voice
 * @param seconds        length of each clip (the reading is cut there)
 * @param voicePitch     [low, high] espeak-ng pitch (0-99, its default 50), drawn per clip
 * @param wordsPerMinute [low, high] espeak-ng speed, drawn per clip
 * @param pitchCents     [low, high] sox pitch shift in cents, drawn per clip
 * @param effects        clip k of a voice gets effects[k mod n]: none, reverb, chorus, flanger, echo
 * @param peakDbfs       each clip's peak level
 * @param seed           every draw
 */
public record SynthConfig(Path out, List<String> voices, int clipsPerVoice, double seconds, List<Double> voicePitch,
                          List<Double> wordsPerMinute, List<Double> pitchCents, List<String> effects, double peakDbfs,
                          long seed) {
    public static final Set<String> EFFECTS = Set.of("none", "reverb", "chorus", "flanger", "echo");

    public SynthConfig {
        Check.that(!voices.isEmpty(), "voices", "needs at least one espeak-ng voice");
        voices.forEach(v -> Check.that(v.matches("[A-Za-z0-9-]+"), "voices", "names no espeak-ng voice: '" + v + "'"));
        Check.between("clips_per_voice", clipsPerVoice, 1, 1000);
        Check.between("seconds", seconds, 1, 600);
        Check.range("voice_pitch", voicePitch, 0, 99);
        Check.range("words_per_minute", wordsPerMinute, 80, 450);
        Check.range("pitch_cents", pitchCents, -2400, 2400);
        Check.that(!effects.isEmpty(), "effects", "needs at least one of " + EFFECTS);
        effects.forEach(e -> Check.that(EFFECTS.contains(e), "effects", "names an unknown effect '" + e + "'; effects: " + EFFECTS));
        Check.between("peak_dbfs", peakDbfs, -60, 0);
        voices = List.copyOf(voices);
        effects = List.copyOf(effects);
    }
}
