package io.musicspeech.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * The one way every stage turns audio into samples, as librosa.load(path, sr) does: decode,
 * average the channels, resample to the requested rate. The container is recognised by its
 * first bytes, never by the file name:
 * <ul>
 *   <li>WAV by the project's own reader ({@link WavReader}), so that a 22050 Hz 16-bit file
 *       decodes to exactly int16 / 32768, as librosa reads it;</li>
 *   <li>AIFF, AIFF-C and AU by Java Sound;</li>
 *   <li>everything else (MP3, FLAC, Ogg Vorbis, Opus, AAC/M4A, ...) by FFmpeg
 *       ({@link FfmpegReader}).</li>
 * </ul>
 * {@link #open} streams (any length, constant memory); {@link #decode} reads a clip whole.
 */
public final class AudioDecoder {

    /**
     * File name extensions (lower case, no dot) that a folder scan offers to the decoder: the
     * containers above and the common ones FFmpeg reads.
     */
    public static final Set<String> SUPPORTED_EXTENSIONS = Set.of(
            "wav", "wave", "aif", "aiff", "aifc", "au", "snd",
            "mp3", "mp2", "flac", "ogg", "oga", "opus", "spx", "m4a", "m4b", "mp4", "aac", "3gp", "amr",
            "wma", "asf", "webm", "mka", "mkv", "ac3", "caf", "wv", "ape", "tta");

    private static final int MAGIC_BYTES = 12;

    private AudioDecoder() {
    }

    /**
     * Whether a folder scan should take this file as audio: a supported extension, and not a
     * dot file (macOS leaves "._name.wav" resource forks that are not audio).
     */
    public static boolean hasAudioExtension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && !name.startsWith(".")
                && SUPPORTED_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Opens a file for reading block by block at {@code targetSampleRate}, mono.
     *
     * @throws AudioFileError if the file is missing, unreadable, not audio or in an unsupported
     *                        encoding (damage found later, such as truncation, is reported by
     *                        {@link AudioStream#damage()} instead)
     */
    public static AudioStream open(Path file, int targetSampleRate) {
        requirePositive(targetSampleRate);
        if (!Files.exists(file)) {
            throw new AudioFileError(file, "file not found");
        }
        if (Files.isDirectory(file)) {
            throw new AudioFileError(file, "is a folder, not an audio file");
        }
        if (!Files.isReadable(file)) {
            throw new AudioFileError(file, "cannot read file: permission denied");
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(file);
        } catch (IOException e) {
            throw AudioFileError.io(file, "cannot read file", e);
        }
        return open(channel, file.toString(), targetSampleRate);
    }

    /**
     * Opens audio held by any channel (an upload in memory, a file in another file system); the
     * channel is closed with the stream, or at once if it holds no audio.
     *
     * @param name what to call the audio in messages
     */
    public static AudioStream open(SeekableByteChannel channel, String name, int targetSampleRate) {
        requirePositive(targetSampleRate);
        try {
            MonoReader reader = reader(channel, name);
            try {
                return new AudioStream(name, reader, targetSampleRate);
            } catch (RuntimeException e) {
                reader.close();
                throw e;
            }
        } catch (IOException e) {
            closeQuietly(channel);
            throw AudioFileError.io(name, "cannot read file", e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /**
     * Decodes a whole file to mono at {@code targetSampleRate}. Stricter than {@link #open}: a
     * truncated or damaged file is an error, because a training or test clip should be whole.
     *
     * @throws AudioFileError if the file is missing, unreadable, not audio, damaged or in an
     *                        unsupported encoding
     */
    public static AudioClip decode(Path file, int targetSampleRate) {
        try (AudioStream stream = open(file, targetSampleRate)) {
            return readAll(stream, true);
        }
    }

    /**
     * Everything left in a stream, as one clip.
     *
     * @param strict damage (truncation, skipped packets) is an error rather than ignored
     */
    public static AudioClip readAll(AudioStream stream, boolean strict) {
        double declared = stream.declaredSeconds();
        // The header's length is a hint, capped: a damaged header must not make us allocate gigabytes up front.
        int guess = Double.isNaN(declared) ? 1 << 16 : (int) Math.min(1 << 24, declared * stream.sampleRate() + 16);
        float[] samples = new float[Math.max(16, guess)];
        int n = 0;
        while (true) {
            if (n == samples.length) {
                if (samples.length >= Integer.MAX_VALUE - 8) {
                    throw new AudioFileError(stream.name(), "too long to decode at once; segment it instead");
                }
                samples = Arrays.copyOf(samples, (int) Math.min(Integer.MAX_VALUE - 8, 2L * samples.length));
            }
            int got = stream.read(samples, n, samples.length - n);
            if (got == 0) {
                break;
            }
            n += got;
        }
        if (strict && stream.damage() != null) {
            throw new AudioFileError(stream.name(), stream.damage());
        }
        return new AudioClip(n == samples.length ? samples : Arrays.copyOf(samples, n), stream.sampleRate());
    }

    private static MonoReader reader(SeekableByteChannel channel, String name) throws IOException {
        String magic = magic(channel);
        if (magic.isEmpty()) {
            throw new AudioFileError(name, "empty file (0 bytes)");
        }
        if (magic.startsWith("RIFF") && (magic.length() < MAGIC_BYTES || magic.startsWith("WAVE", 8))) {
            return WavReader.open(name, channel);
        }
        if (magic.startsWith("FORM") && (magic.startsWith("AIFF", 8) || magic.startsWith("AIFC", 8))) {
            return JavaSoundReader.open(name, channel, "unsupported or damaged AIFF file");
        }
        if (magic.startsWith(".snd")) {
            return JavaSoundReader.open(name, channel, "unsupported or damaged AU file");
        }
        return FfmpegReader.open(name, channel);
    }

    /** The first bytes as ISO-8859-1 text, so four-character codes compare as strings. */
    private static String magic(SeekableByteChannel channel) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(MAGIC_BYTES);
        channel.position(0);
        while (head.hasRemaining() && channel.read(head) > 0) {
            // read until full or at the end
        }
        return new String(head.array(), 0, head.position(), StandardCharsets.ISO_8859_1);
    }

    private static void requirePositive(int targetSampleRate) {
        if (targetSampleRate <= 0) {
            throw new IllegalArgumentException("target sample rate must be positive: " + targetSampleRate);
        }
    }

    private static void closeQuietly(SeekableByteChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was written
        }
    }
}
