package io.musicspeech.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one way every stage turns an audio file into samples, as librosa.load(path, sr) does:
 * decode, average the channels, resample to the requested rate. The container is recognised
 * by its first bytes, never by the file name.
 */
public final class AudioDecoder {

    /** File name extensions (lower case, no dot) that a folder scan should offer to {@link #decode}. */
    public static final Set<String> SUPPORTED_EXTENSIONS = Set.of("wav", "wave", "aif", "aiff", "aifc", "au", "snd");

    /**
     * Whether a folder scan should take this file as audio: a supported extension, and not a
     * dot file (macOS leaves "._name.wav" resource forks that are not audio).
     */
    public static boolean hasAudioExtension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && !name.startsWith(".")
                && SUPPORTED_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT));
    }

    private static final int MAGIC_BYTES = 12;
    /** Resamplers keyed by (inRate << 32 | outRate); their phase tables are worth keeping. */
    private static final Map<Long, Resampler> RESAMPLERS = new ConcurrentHashMap<>();

    private AudioDecoder() {
    }

    /**
     * Decodes a WAV, AIFF, AIFF-C or AU file (or anything else Java Sound reads) to mono at
     * {@code targetSampleRate}.
     *
     * @throws AudioFileError if the file is missing, unreadable, not audio, damaged or in an
     *                        unsupported encoding
     */
    public static AudioClip decode(Path file, int targetSampleRate) {
        if (targetSampleRate <= 0) {
            throw new IllegalArgumentException("target sample rate must be positive: " + targetSampleRate);
        }
        AudioClip clip = decodeAtNativeRate(file);
        if (clip.sampleRate() == targetSampleRate) {
            return clip;
        }
        Resampler resampler = RESAMPLERS.computeIfAbsent(
                (long) clip.sampleRate() << 32 | targetSampleRate,
                key -> new Resampler((int) (key >>> 32), targetSampleRate));
        return new AudioClip(resampler.resample(clip.samples()), targetSampleRate);
    }

    private static AudioClip decodeAtNativeRate(Path file) {
        if (!Files.exists(file)) {
            throw new AudioFileError(file, "file not found");
        }
        if (Files.isDirectory(file)) {
            throw new AudioFileError(file, "is a folder, not an audio file");
        }
        if (!Files.isReadable(file)) {
            throw new AudioFileError(file, "cannot read file: permission denied");
        }
        String magic = magic(file);
        if (magic.isEmpty()) {
            throw new AudioFileError(file, "empty file (0 bytes)");
        }
        if (magic.startsWith("RIFF") && (magic.length() < MAGIC_BYTES || magic.startsWith("WAVE", 8))) {
            return WavReader.read(file);
        }
        if (magic.startsWith("FORM") && (magic.startsWith("AIFF", 8) || magic.startsWith("AIFC", 8))) {
            return JavaSoundReader.read(file, "unsupported or damaged AIFF file");
        }
        if (magic.startsWith(".snd")) {
            return JavaSoundReader.read(file, "unsupported or damaged AU file");
        }
        return JavaSoundReader.read(file, "not an audio file: no WAV, AIFF or AU header, and Java Sound cannot read it");
    }

    /** The file's first bytes as ISO-8859-1 text, so four-character codes compare as strings. */
    private static String magic(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(MAGIC_BYTES), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw AudioFileError.io(file, "cannot read file", e);
        }
    }
}
