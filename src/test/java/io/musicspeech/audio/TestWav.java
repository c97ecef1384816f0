package io.musicspeech.audio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds WAV (and AIFF-C) files byte by byte, including malformed ones. */
final class TestWav {

    static final int PCM = 1;
    static final int FLOAT = 3;
    static final int EXTENSIBLE = 0xFFFE;

    private TestWav() {
    }

    /** A 16-byte fmt body; block align and byte rate follow from the other fields. */
    static byte[] fmt(int tag, int channels, int sampleRate, int bits) {
        int blockAlign = channels * ((bits + 7) / 8);
        return le(16).putShort((short) tag).putShort((short) channels).putInt(sampleRate)
                .putInt(sampleRate * blockAlign).putShort((short) blockAlign).putShort((short) bits).array();
    }

    /** A 40-byte WAVE_FORMAT_EXTENSIBLE fmt body whose sub-format GUID carries {@code subTag}. */
    static byte[] fmtExtensible(int subTag, int channels, int sampleRate, int bits, int validBits) {
        int blockAlign = channels * bits / 8;
        return le(40).putShort((short) EXTENSIBLE).putShort((short) channels).putInt(sampleRate)
                .putInt(sampleRate * blockAlign).putShort((short) blockAlign).putShort((short) bits)
                .putShort((short) 22).putShort((short) validBits).putInt(0)
                .putShort((short) subTag)
                .put(new byte[]{0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00,
                        0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71})
                .array();
    }

    /** A chunk: id, little-endian size, body, and the pad byte an odd body needs. */
    static byte[] chunk(String id, byte[] body) {
        return chunk(id, body.length, body);
    }

    /** A chunk whose size field says {@code declared} whatever the body's real length. */
    static byte[] chunk(String id, long declared, byte[] body) {
        ByteBuffer b = le(8 + body.length + (body.length & 1));
        return b.put(ascii(id)).putInt((int) declared).put(body).array();
    }

    /** RIFF/WAVE around the given chunks. */
    static byte[] riff(byte[]... chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int size = 4;
        for (byte[] c : chunks) {
            size += c.length;
        }
        out.writeBytes(ascii("RIFF"));
        out.writeBytes(le(4).putInt(size).array());
        out.writeBytes(ascii("WAVE"));
        for (byte[] c : chunks) {
            out.writeBytes(c);
        }
        return out.toByteArray();
    }

    /** A plain WAV: fmt then data. */
    static byte[] wav(byte[] fmt, byte[] data) {
        return riff(chunk("fmt ", fmt), chunk("data", data));
    }

    static byte[] int16(int... samples) {
        ByteBuffer b = le(2 * samples.length);
        for (int s : samples) {
            b.putShort((short) s);
        }
        return b.array();
    }

    static byte[] int24(int... samples) {
        ByteBuffer b = le(3 * samples.length);
        for (int s : samples) {
            b.put((byte) s).put((byte) (s >> 8)).put((byte) (s >> 16));
        }
        return b.array();
    }

    static byte[] int32(int... samples) {
        ByteBuffer b = le(4 * samples.length);
        for (int s : samples) {
            b.putInt(s);
        }
        return b.array();
    }

    static byte[] float32(float... samples) {
        ByteBuffer b = le(4 * samples.length);
        for (float s : samples) {
            b.putFloat(s);
        }
        return b.array();
    }

    static byte[] float64(double... samples) {
        ByteBuffer b = le(8 * samples.length);
        for (double s : samples) {
            b.putDouble(s);
        }
        return b.array();
    }

    /**
     * An uncompressed AIFF-C file of big-endian 16-bit samples (the JDK cannot write AIFF-C).
     * The sample rate is stored as an 80-bit extended float, as AIFF requires.
     */
    static byte[] aifc(int channels, int sampleRate, short... interleaved) {
        int frames = interleaved.length / channels;
        int exponent = 31 - Integer.numberOfLeadingZeros(sampleRate);
        ByteBuffer comm = ByteBuffer.allocate(24)
                .putShort((short) channels).putInt(frames).putShort((short) 16)
                .putShort((short) (16383 + exponent)).putLong((long) sampleRate << (63 - exponent))
                .put(ascii("NONE")).putShort((short) 0); // compression type, empty name + pad
        ByteBuffer ssnd = ByteBuffer.allocate(8 + 2 * interleaved.length).putInt(0).putInt(0);
        for (short s : interleaved) {
            ssnd.putShort(s);
        }
        ByteBuffer fver = ByteBuffer.allocate(4).putInt(0xA2805140);
        ByteBuffer form = ByteBuffer.allocate(4 + 12 + 32 + 8 + ssnd.capacity());
        form.put(ascii("AIFC"))
                .put(ascii("FVER")).putInt(4).put(fver.array())
                .put(ascii("COMM")).putInt(24).put(comm.array())
                .put(ascii("SSND")).putInt(ssnd.capacity()).put(ssnd.array());
        return ByteBuffer.allocate(8 + form.capacity()).put(ascii("FORM")).putInt(form.capacity())
                .put(form.array()).array();
    }

    static Path write(Path dir, String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
