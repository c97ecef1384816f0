package io.musicspeech.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;

/**
 * Raw little-endian PCM that arrives in pieces of any size (a WebSocket's binary frames), as mono
 * floats: the same sample scale and channel averaging as the file decoders ({@link SampleFormat}),
 * with a frame split across two pieces carried over. Not thread-safe.
 */
public final class PcmFrames {
    /** The encodings a client may send, by their wire names. */
    public enum Encoding {
        PCM_S16LE("pcm_s16le", SampleFormat.SIGNED_16),
        F32LE("f32le", SampleFormat.FLOAT_32);

        private final String wireName;
        private final SampleFormat format;

        Encoding(String wireName, SampleFormat format) {
            this.wireName = wireName;
            this.format = format;
        }

        public String wireName() {
            return wireName;
        }

        /** @throws IllegalArgumentException naming the encodings there are */
        public static Encoding of(String name) {
            for (Encoding e : values()) {
                if (e.wireName.equals(name)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("unknown encoding '" + name + "' (pcm_s16le or f32le)");
        }
    }

    private final SampleFormat format;
    private final int channels;
    private final int frameBytes;
    private final ByteBuffer carry;

    public PcmFrames(Encoding encoding, int channels) {
        if (channels < 1 || channels > 8) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "channels must be 1 to 8, got %d", channels));
        }
        this.format = encoding.format;
        this.channels = channels;
        this.frameBytes = encoding.format.bytes * channels;
        this.carry = ByteBuffer.allocate(frameBytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The most mono samples {@link #decode} can give for a piece of {@code bytes} bytes. */
    public int maxSamples(int bytes) {
        return (bytes + frameBytes) / frameBytes;
    }

    /**
     * Decodes every whole frame of the carried-over bytes and {@code piece} (consumed) into {@code out}.
     *
     * @return mono samples written from {@code out[0]}
     */
    public int decode(ByteBuffer piece, float[] out) {
        ByteBuffer in = piece.slice().order(ByteOrder.LITTLE_ENDIAN);
        int n = 0;
        if (carry.position() > 0) {
            while (carry.hasRemaining() && in.hasRemaining()) {
                carry.put(in.get());
            }
            if (carry.hasRemaining()) {
                piece.position(piece.limit());
                return 0;
            }
            carry.flip();
            n += format.decodeMono(carry, channels, out, 0);
            carry.clear();
        }
        int whole = in.remaining() / frameBytes * frameBytes;
        ByteBuffer frames = in.slice().order(ByteOrder.LITTLE_ENDIAN);
        frames.limit(whole);
        n += format.decodeMono(frames, channels, out, n);
        in.position(in.position() + whole);
        carry.put(in);
        piece.position(piece.limit());
        return n;
    }
}
