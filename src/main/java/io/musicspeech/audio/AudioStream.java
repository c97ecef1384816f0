package io.musicspeech.audio;

import java.io.IOException;
import java.util.Locale;

/**
 * Decoded audio as it is read: mono samples at the configured rate, a block at a time, from a
 * file of any length (a 10-hour recording is never held in memory) or from a clip already in
 * memory. Made by {@link AudioDecoder#open}; every stage reads audio through one of these.
 *
 * <p>Not thread-safe: one reader at a time, and {@link #close} on the reading thread.
 */
public final class AudioStream implements AutoCloseable {
    private static final int SCRATCH = 1 << 14;

    private final String name;
    private final MonoReader reader;
    private final int sampleRate;
    private final StreamingResampler resampler;
    private final float[] scratch;
    private long nativeSamples;
    private long delivered;
    private boolean inputEnded;
    private boolean closed;

    AudioStream(String name, MonoReader reader, int sampleRate) {
        this.name = name;
        this.reader = reader;
        this.sampleRate = sampleRate;
        boolean same = reader.sampleRate() == sampleRate;
        this.resampler = same ? null : new StreamingResampler(reader.sampleRate(), sampleRate);
        this.scratch = same ? null : new float[SCRATCH];
    }

    /** A clip already decoded (the synthesised demo, a test signal) as a stream. */
    public static AudioStream of(String name, AudioClip clip) {
        return new AudioStream(name, new ClipReader(clip), clip.sampleRate());
    }

    /** What the audio is called in messages: its path, or the name it was given. */
    public String name() {
        return name;
    }

    /** Samples per second of what {@link #read} delivers. */
    public int sampleRate() {
        return sampleRate;
    }

    /** The container and encoding, e.g. "MP3 (MPEG audio layer 2/3), mp3, 44100 Hz, 2 channels -> 22050 Hz". */
    public String describe() {
        return reader.describe() + (resampler == null ? "" : " -> " + sampleRate + " Hz");
    }

    /** The duration the header declares, in seconds; NaN when it does not say. */
    public double declaredSeconds() {
        long frames = reader.declaredFrames();
        return frames < 0 ? Double.NaN : frames / (double) reader.sampleRate();
    }

    /**
     * Fills {@code buffer[offset, offset + length)} with mono samples; fewer only at the end of the
     * audio (0 once it has ended).
     *
     * @throws AudioFileError if the file cannot be read on, or holds no samples at all
     */
    public int read(float[] buffer, int offset, int length) {
        if (closed) {
            throw new IllegalStateException(name + ": the stream is closed");
        }
        int n = 0;
        try {
            while (n < length) {
                if (resampler == null) {
                    int got = inputEnded ? 0 : reader.read(buffer, offset + n, length - n);
                    if (got == 0) {
                        inputEnded = true;
                        break;
                    }
                    nativeSamples += got;
                    n += got;
                } else if (resampler.available() > 0) {
                    n += resampler.read(buffer, offset + n, length - n);
                } else if (!inputEnded) {
                    int got = reader.read(scratch, 0, scratch.length);
                    if (got == 0) {
                        inputEnded = true;
                        resampler.finish();
                    } else {
                        nativeSamples += got;
                        resampler.write(scratch, 0, got);
                    }
                } else {
                    break;
                }
            }
        } catch (IOException e) {
            throw AudioFileError.io(name, "cannot read file", e);
        }
        if (n == 0 && inputEnded && nativeSamples == 0) {
            String damage = reader.damage();
            throw new AudioFileError(name, "no audio samples" + (damage == null ? "" : " (" + damage + ")"));
        }
        delivered += n;
        return n;
    }

    /** Samples delivered so far, at {@link #sampleRate()}. */
    public long samplesRead() {
        return delivered;
    }

    /** Seconds delivered so far. */
    public double secondsRead() {
        return delivered / (double) sampleRate;
    }

    /**
     * What was wrong with the file but did not stop the decoding (truncated, damaged packets), once
     * {@link #read} has returned less than asked; null if nothing was.
     */
    public String damage() {
        return reader.damage();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                reader.close();
            } finally {
                if (resampler != null) {
                    resampler.close();
                }
            }
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%s)", name, describe());
    }

    /** A clip in memory as a reader. */
    private static final class ClipReader implements MonoReader {
        private final AudioClip clip;
        private int position;

        ClipReader(AudioClip clip) {
            this.clip = clip;
        }

        @Override
        public int sampleRate() {
            return clip.sampleRate();
        }

        @Override
        public String describe() {
            return "decoded audio, " + clip.sampleRate() + " Hz, mono";
        }

        @Override
        public long declaredFrames() {
            return clip.samples().length;
        }

        @Override
        public int read(float[] buffer, int offset, int length) {
            int n = Math.min(length, clip.samples().length - position);
            System.arraycopy(clip.samples(), position, buffer, offset, n);
            position += n;
            return n;
        }

        @Override
        public String damage() {
            return null;
        }

        @Override
        public void close() {
        }
    }
}
