package io.musicspeech.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * How one stored sample becomes a float, with the scale libsndfile uses when librosa reads a
 * file as float32: integers are divided by 2^(bits-1) (never 2^(bits-1) - 1), so a 16-bit
 * sample s becomes exactly {@code (float) (s / 32768.0)}.
 */
enum SampleFormat {
    /** WAV's 8-bit PCM is unsigned with 128 as zero. */
    UNSIGNED_8(1) {
        @Override
        float read(ByteBuffer b, int pos) {
            return ((b.get(pos) & 0xFF) - 128) * 0x1p-7f;
        }
    },
    /** AIFF's and AU's 8-bit PCM is signed. */
    SIGNED_8(1) {
        @Override
        float read(ByteBuffer b, int pos) {
            return b.get(pos) * 0x1p-7f;
        }
    },
    SIGNED_16(2) {
        @Override
        float read(ByteBuffer b, int pos) {
            return b.getShort(pos) * 0x1p-15f;
        }
    },
    SIGNED_24(3) {
        @Override
        float read(ByteBuffer b, int pos) {
            int s = b.order() == ByteOrder.LITTLE_ENDIAN
                    ? (b.get(pos) & 0xFF) | (b.get(pos + 1) & 0xFF) << 8 | b.get(pos + 2) << 16
                    : (b.get(pos + 2) & 0xFF) | (b.get(pos + 1) & 0xFF) << 8 | b.get(pos) << 16;
            return s * 0x1p-23f;
        }
    },
    /** Rounded to float first, then scaled: what libsndfile does, and exact for the scaling. */
    SIGNED_32(4) {
        @Override
        float read(ByteBuffer b, int pos) {
            return (float) b.getInt(pos) * 0x1p-31f;
        }
    },
    FLOAT_32(4) {
        @Override
        float read(ByteBuffer b, int pos) {
            return b.getFloat(pos);
        }
    },
    FLOAT_64(8) {
        @Override
        float read(ByteBuffer b, int pos) {
            return (float) b.getDouble(pos);
        }
    };

    final int bytes;

    SampleFormat(int bytes) {
        this.bytes = bytes;
    }

    /** The sample at byte offset {@code pos}, in the buffer's byte order. */
    abstract float read(ByteBuffer b, int pos);

    /** The signed integer format of the given width, or null if there is none. */
    static SampleFormat signed(int bits) {
        return switch (bits) {
            case 8 -> SIGNED_8;
            case 16 -> SIGNED_16;
            case 24 -> SIGNED_24;
            case 32 -> SIGNED_32;
            default -> null;
        };
    }

    /** The float format of the given width, or null if there is none. */
    static SampleFormat floating(int bits) {
        return switch (bits) {
            case 32 -> FLOAT_32;
            case 64 -> FLOAT_64;
            default -> null;
        };
    }

    /**
     * Decodes interleaved frames from the buffer's position to its limit (a whole number of
     * frames) and averages the channels, as librosa's to_mono does: the float32 sum of the
     * channels divided by their count, which matches numpy bit for bit for mono and stereo.
     */
    float[] decodeMono(ByteBuffer data, int channels) {
        float[] out = new float[data.remaining() / (bytes * channels)];
        decodeMono(data, channels, out, 0);
        return out;
    }

    /** As {@link #decodeMono(ByteBuffer, int)}, into {@code out} from {@code offset}; returns the frames decoded. */
    int decodeMono(ByteBuffer data, int channels, float[] out, int offset) {
        int frameBytes = bytes * channels;
        int frames = data.remaining() / frameBytes;
        int pos = data.position();
        if (channels == 1) {
            for (int i = 0; i < frames; i++, pos += bytes) {
                out[offset + i] = read(data, pos);
            }
            return frames;
        }
        float count = channels;
        for (int i = 0; i < frames; i++) {
            float sum = read(data, pos);
            pos += bytes;
            for (int c = 1; c < channels; c++, pos += bytes) {
                sum += read(data, pos);
            }
            out[offset + i] = sum / count;
        }
        return frames;
    }
}
