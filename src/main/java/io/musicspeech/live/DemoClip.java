package io.musicspeech.live;

import io.musicspeech.UserError;
import io.musicspeech.audio.AudioClip;
import io.musicspeech.audio.AudioDecoder;
import io.musicspeech.audio.ExternalCommand;
import io.musicspeech.audio.Resampler;

import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A speech-then-music clip the project makes itself, so that demos and tests need no recording:
 * speech from espeak-ng (which always writes 22050 Hz mono 16-bit WAV; {@link AudioDecoder}
 * resamples it to the requested rate with the project's {@link Resampler}), a short silence, then
 * music from a generated MIDI sequence rendered by the JDK's Gervill synthesizer (no sound card
 * needed) and mixed down to mono at the requested rate.
 */
public final class DemoClip {

    /**
     * What espeak-ng reads out: about 6.6 s at its default speed. One sentence without commas: the
     * original model calls every 0.25 s window of it speech, wherever the windows start (a pause
     * between sentences gives one or two windows that it calls music).
     */
    public static final String SPEECH_TEXT = "Good evening and welcome to the news at nine where tonight we look at "
            + "the weather that turned cold across the north of the country";
    /** Silence between the two parts. */
    public static final double GAP_SECONDS = 0.5;
    /** Length of the music part. */
    public static final double MUSIC_SECONDS = 6.0;
    /** Peak level each part is scaled to (full scale = 1). */
    private static final float PEAK = 0.7f;
    private static final long ESPEAK_TIMEOUT_SECONDS = 60;

    /**
     * The clip and where its parts are.
     *
     * @param clip          speech, silence, music; mono at the requested rate
     * @param speechSeconds the speech part is [0, speechSeconds)
     * @param musicStart    the music part is [musicStart, clip end)
     */
    public record Demo(AudioClip clip, double speechSeconds, double musicStart) {
        public double seconds() {
            return clip.durationSeconds();
        }
    }

    private DemoClip() {
    }

    /**
     * Synthesises the clip.
     *
     * @throws UserError if espeak-ng is missing or fails
     */
    public static Demo synthesise(int sampleRate) {
        float[] speech = normalise(speech(SPEECH_TEXT, sampleRate));
        float[] music = normalise(music(sampleRate, MUSIC_SECONDS));
        int gap = (int) Math.round(GAP_SECONDS * sampleRate);
        float[] all = Arrays.copyOf(speech, speech.length + gap + music.length);
        System.arraycopy(music, 0, all, speech.length + gap, music.length);
        return new Demo(new AudioClip(all, sampleRate), speech.length / (double) sampleRate,
                (speech.length + gap) / (double) sampleRate);
    }

    /** {@code text} spoken by espeak-ng, mono at {@code sampleRate}. */
    public static float[] speech(String text, int sampleRate) {
        Path wav = null;
        try {
            wav = Files.createTempFile("espeak-", ".wav");
            ExternalCommand.run(List.of("espeak-ng", "-v", "en", "-w", wav.toString(), text), "speak the demo clip",
                    "espeak-ng", ESPEAK_TIMEOUT_SECONDS);
            return AudioDecoder.decode(wav, sampleRate).samples();
        } catch (IOException e) {
            throw new UserError("cannot synthesise speech with espeak-ng: " + e.getMessage(), e);
        } finally {
            if (wav != null) {
                try {
                    Files.deleteIfExists(wav);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }

    /**
     * {@code seconds} of a pop-style band (piano chords, a melody, bass and drums, 120 bpm)
     * rendered by Gervill, mono at {@code sampleRate}.
     */
    public static float[] music(int sampleRate, double seconds) {
        try {
            ByteArrayOutputStream midi = new ByteArrayOutputStream();
            MidiSystem.write(sequence(seconds), 1, midi);
            try (AudioInputStream rendered = AudioSystem.getAudioInputStream(new ByteArrayInputStream(midi.toByteArray()))) {
                AudioFormat pcm = new AudioFormat(rendered.getFormat().getSampleRate(), 16, 2, true, false);
                try (AudioInputStream in = AudioSystem.getAudioInputStream(pcm, rendered)) {
                    int renderRate = Math.round(pcm.getSampleRate());
                    int frames = (int) Math.ceil(seconds * renderRate);
                    byte[] bytes = in.readNBytes(frames * 4);
                    float[] mono = new float[bytes.length / 4];
                    for (int i = 0; i < mono.length; i++) {
                        int left = (short) ((bytes[4 * i] & 0xff) | (bytes[4 * i + 1] << 8));
                        int right = (short) ((bytes[4 * i + 2] & 0xff) | (bytes[4 * i + 3] << 8));
                        mono[i] = (left + right) / 65536f;
                    }
                    float[] out = renderRate == sampleRate ? mono : new Resampler(renderRate, sampleRate).resample(mono);
                    return Arrays.copyOf(out, (int) Math.round(seconds * sampleRate));
                }
            }
        } catch (IOException | InvalidMidiDataException | UnsupportedAudioFileException | IllegalArgumentException e) {
            throw new UserError("cannot render the demo music with Java Sound's MIDI synthesizer: " + e, e);
        }
    }

    private static final int PPQ = 480;
    private static final int[][] CHORDS = {{60, 64, 67}, {57, 60, 64}, {53, 57, 60}, {55, 59, 62}}; // C Am F G
    private static final int[] MELODY = {72, 74, 76, 79, 76, 74, 72, 67, 69, 72, 76, 72, 69, 67, 65, 67};

    /** The generated score: one chord per bar of four beats at 120 bpm, plus a second of tail. */
    static Sequence sequence(double seconds) throws InvalidMidiDataException {
        Sequence sequence = new Sequence(Sequence.PPQ, PPQ);
        Track track = sequence.createTrack();
        byte[] tempo = {0x07, (byte) 0xA1, 0x20}; // 500000 us per quarter note = 120 bpm
        track.add(new MidiEvent(new MetaMessage(0x51, tempo, 3), 0));
        program(track, 0, 0);   // acoustic grand piano
        program(track, 1, 73);  // flute
        program(track, 2, 33);  // electric bass
        program(track, 3, 48);  // string ensemble
        int beats = (int) Math.ceil(seconds * 2) + 2;
        for (int beat = 0; beat < beats; beat++) {
            long tick = (long) beat * PPQ;
            int[] chord = CHORDS[(beat / 4) % CHORDS.length];
            for (int note : chord) {
                note(track, 0, note, 80, tick, PPQ * 9 / 10);
            }
            if (beat % 4 == 0) {
                for (int note : chord) {
                    note(track, 3, note - 12, 55, tick, 4 * PPQ);
                }
            }
            note(track, 2, chord[0] - 24, 95, tick, PPQ / 2);
            note(track, 2, chord[0] - 12, 85, tick + PPQ / 2, PPQ / 2);
            note(track, 1, MELODY[(2 * beat) % MELODY.length], 90, tick, PPQ / 2);
            note(track, 1, MELODY[(2 * beat + 1) % MELODY.length], 85, tick + PPQ / 2, PPQ / 2);
            note(track, 9, beat % 2 == 0 ? 36 : 38, 110, tick, PPQ / 4);      // kick, snare
            note(track, 9, 42, 70, tick, PPQ / 8);                            // closed hi-hat on eighths
            note(track, 9, 42, 60, tick + PPQ / 2, PPQ / 8);
        }
        return sequence;
    }

    private static void program(Track track, int channel, int program) throws InvalidMidiDataException {
        track.add(new MidiEvent(new ShortMessage(ShortMessage.PROGRAM_CHANGE, channel, program, 0), 0));
    }

    private static void note(Track track, int channel, int key, int velocity, long tick, long length)
            throws InvalidMidiDataException {
        track.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, channel, key, velocity), tick));
        track.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, channel, key, 0), tick + length));
    }

    /** Scales to {@link #PEAK}; silence stays silence. */
    private static float[] normalise(float[] samples) {
        float max = 0;
        for (float s : samples) {
            max = Math.max(max, Math.abs(s));
        }
        if (max > 0) {
            float gain = PEAK / max;
            for (int i = 0; i < samples.length; i++) {
                samples[i] *= gain;
            }
        }
        return samples;
    }
}
