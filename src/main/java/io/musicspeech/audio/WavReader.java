package io.musicspeech.audio;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads RIFF/WAVE files with its own parser rather than Java Sound, whose float conversion
 * divides 16-bit samples by 32767 and so cannot reproduce librosa exactly.
 * A-law and mu-law data are handed to Java Sound, which decodes them to 16-bit PCM.
 */
final class WavReader {

    private static final int TAG_PCM = 0x0001;
    private static final int TAG_FLOAT = 0x0003;
    private static final int TAG_ALAW = 0x0006;
    private static final int TAG_MULAW = 0x0007;
    private static final int TAG_EXTENSIBLE = 0xFFFE;
    /** Bytes 2..15 of every standard KSDATAFORMAT_SUBTYPE GUID; bytes 0..1 are the format tag. */
    private static final byte[] GUID_TAIL = {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00,
            0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};
    private static final int RIFF_HEADER_BYTES = 12;
    private static final int CHUNK_HEADER_BYTES = 8;
    private static final int FMT_BASIC_BYTES = 16;
    private static final int FMT_EXTENSIBLE_BYTES = 40;
    private static final long STREAMING_SIZE = 0xFFFFFFFFL;

    private WavReader() {
    }

    /** Blocks of about this many bytes are read from the data chunk at a time. */
    private static final int BLOCK_BYTES = 1 << 16;

    /**
     * Reads the header and returns a reader positioned at the first sample; samples are then read
     * in blocks, never the whole data chunk at once. A data chunk that declares more bytes than
     * the file holds is read as far as it goes and reported as {@link MonoReader#damage()}.
     */
    static MonoReader open(String name, SeekableByteChannel ch) throws IOException {
        long size = ch.size();
        if (size < RIFF_HEADER_BYTES) {
            throw new AudioFileError(name, "truncated WAV header: the file has only " + size + " bytes");
        }
        ByteBuffer riff = readAt(ch, 0, RIFF_HEADER_BYTES);
        if (!"RIFF".equals(fourCc(riff, 0)) || !"WAVE".equals(fourCc(riff, 8))) {
            throw new AudioFileError(name, "not a WAV file (no RIFF/WAVE header)");
        }
        // The RIFF size field is often wrong in the wild, so the chunks are walked up to the
        // real end of the file instead.
        Fmt fmt = null;
        long dataStart = -1;
        long dataBytes = 0;
        String damage = null;
        long pos = RIFF_HEADER_BYTES;
        while (pos + CHUNK_HEADER_BYTES <= size && (fmt == null || dataStart < 0)) {
            ByteBuffer header = readAt(ch, pos, CHUNK_HEADER_BYTES);
            String id = fourCc(header, 0);
            long declared = header.getInt(4) & 0xFFFFFFFFL;
            long body = pos + CHUNK_HEADER_BYTES;
            long remain = size - body;
            if (id.equals("fmt ")) {
                if (declared > remain) {
                    throw new AudioFileError(name, "truncated WAV header: fmt chunk declares " + declared
                            + " bytes but only " + remain + " remain");
                }
                fmt = parseFmt(name, readAt(ch, body, (int) Math.min(declared, FMT_EXTENSIBLE_BYTES)));
            } else if (id.equals("data")) {
                dataStart = body;
                dataBytes = declared;
                // Recorders that stream a WAV write 0xFFFFFFFF until they close it: the data runs to the end of the file.
                if (declared == STREAMING_SIZE) {
                    dataBytes = remain;
                } else if (declared > remain) {
                    damage = "truncated WAV: data chunk declares " + declared + " bytes but only " + remain + " remain";
                    dataBytes = remain;
                }
            }
            // Chunks are word-aligned: an odd-sized chunk is followed by one pad byte.
            pos = body + declared + (declared & 1);
        }
        if (fmt == null) {
            throw new AudioFileError(name, "truncated WAV header: no fmt chunk");
        }
        if (dataStart < 0) {
            throw new AudioFileError(name, "truncated WAV header: no data chunk");
        }
        if (fmt.tag == TAG_ALAW || fmt.tag == TAG_MULAW) {
            return JavaSoundReader.open(name, ch, "unsupported encoding: Java Sound cannot decode this A-law/mu-law WAV");
        }
        int frameBytes = fmt.format.bytes * fmt.channels;
        if (dataBytes == 0) {
            throw new AudioFileError(name, "no audio samples: the data chunk is empty");
        }
        if (damage == null && dataBytes % frameBytes != 0) {
            // As libsndfile: the partial frame is left out (and reported).
            damage = "truncated WAV: data chunk of " + dataBytes + " bytes ends inside a sample frame ("
                    + frameBytes + " bytes per frame)";
        }
        if (dataBytes / frameBytes == 0) {
            throw new AudioFileError(name, "no audio samples: " + (damage != null ? damage : "the data chunk is empty"));
        }
        return new Data(fmt, ch, dataStart, dataBytes / frameBytes, frameBytes, damage);
    }

    /** The samples of an opened WAV file, read block by block from the data chunk. */
    private static final class Data implements MonoReader {
        private final Fmt fmt;
        private final SeekableByteChannel ch;
        private final long frames;
        private final int frameBytes;
        private final String damage;
        private final ByteBuffer block;
        private long position;
        private long next;

        Data(Fmt fmt, SeekableByteChannel ch, long dataStart, long frames, int frameBytes, String damage) {
            this.fmt = fmt;
            this.ch = ch;
            this.frames = frames;
            this.frameBytes = frameBytes;
            this.damage = damage;
            this.block = ByteBuffer.allocate(Math.max(1, BLOCK_BYTES / frameBytes) * frameBytes).order(ByteOrder.LITTLE_ENDIAN);
            this.next = dataStart;
        }

        @Override
        public int sampleRate() {
            return fmt.sampleRate;
        }

        @Override
        public String describe() {
            return "WAV, " + encoding(fmt.tag, fmt.format.bytes * 8) + ", " + fmt.sampleRate + " Hz, " + fmt.channels
                    + (fmt.channels == 1 ? " channel" : " channels");
        }

        @Override
        public long declaredFrames() {
            return frames;
        }

        @Override
        public int read(float[] buffer, int offset, int length) throws IOException {
            int wanted = (int) Math.min(Math.min(length, frames - position), block.capacity() / frameBytes);
            if (wanted <= 0) {
                return 0;
            }
            block.clear().limit(wanted * frameBytes);
            while (block.hasRemaining()) {
                ch.position(next + block.position());
                if (ch.read(block) < 0) {
                    throw new EOFException("unexpected end of file at byte " + (next + block.position()));
                }
            }
            block.flip();
            next += wanted * (long) frameBytes;
            position += wanted;
            return fmt.format.decodeMono(block, fmt.channels, buffer, offset);
        }

        @Override
        public String damage() {
            return damage;
        }

        @Override
        public void close() {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing was written; the samples read so far are good
            }
        }
    }

    private static Fmt parseFmt(String path, ByteBuffer b) {
        if (b.limit() < FMT_BASIC_BYTES) {
            throw new AudioFileError(path, "invalid fmt chunk: " + b.limit() + " bytes, at least "
                    + FMT_BASIC_BYTES + " needed");
        }
        int tag = b.getShort(0) & 0xFFFF;
        int channels = b.getShort(2) & 0xFFFF;
        long sampleRate = b.getInt(4) & 0xFFFFFFFFL;
        int bits = b.getShort(14) & 0xFFFF;
        if (tag == TAG_EXTENSIBLE) {
            if (b.limit() < FMT_EXTENSIBLE_BYTES) {
                throw new AudioFileError(path, "invalid fmt chunk: WAVE_FORMAT_EXTENSIBLE needs "
                        + FMT_EXTENSIBLE_BYTES + " bytes, found " + b.limit());
            }
            byte[] tail = new byte[GUID_TAIL.length];
            b.get(26, tail);
            if (!Arrays.equals(tail, GUID_TAIL)) {
                throw new AudioFileError(path, "unsupported encoding: WAVE_FORMAT_EXTENSIBLE with a non-standard sub-format GUID");
            }
            tag = b.getShort(24) & 0xFFFF;
        }
        if (channels == 0) {
            throw new AudioFileError(path, "invalid fmt chunk: 0 channels");
        }
        if (sampleRate == 0 || sampleRate > Integer.MAX_VALUE) {
            throw new AudioFileError(path, "invalid fmt chunk: sample rate " + sampleRate);
        }
        SampleFormat format = switch (tag) {
            // Like libsndfile, widths that are not a whole number of bytes (12-, 20-bit) are
            // read as the next byte width: such samples are stored left-justified.
            case TAG_PCM -> bits == 0 || bits > 32 ? null
                    : bits <= 8 ? SampleFormat.UNSIGNED_8 : SampleFormat.signed((bits + 7) / 8 * 8);
            case TAG_FLOAT -> SampleFormat.floating(bits);
            default -> null;
        };
        if (format == null && tag != TAG_ALAW && tag != TAG_MULAW) {
            throw new AudioFileError(path, "unsupported encoding: " + encoding(tag, bits)
                    + " (supported: PCM 8/16/24/32-bit, IEEE float 32/64-bit, A-law, mu-law)");
        }
        return new Fmt(tag, channels, (int) sampleRate, format);
    }

    private record Fmt(int tag, int channels, int sampleRate, SampleFormat format) {
    }

    private static String encoding(int tag, int bits) {
        return switch (tag) {
            case TAG_PCM -> bits + "-bit PCM";
            case TAG_FLOAT -> bits + "-bit IEEE float";
            default -> String.format("WAV format tag 0x%04X (compressed audio; convert it to PCM WAV)", tag);
        };
    }

    private static String fourCc(ByteBuffer b, int at) {
        byte[] id = new byte[4];
        b.get(at, id);
        return new String(id, StandardCharsets.ISO_8859_1);
    }

    /** Reads exactly {@code n} bytes at {@code pos}; callers have checked they exist. */
    private static ByteBuffer readAt(SeekableByteChannel ch, long pos, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            ch.position(pos + b.position());
            if (ch.read(b) < 0) {
                throw new EOFException("unexpected end of file at byte " + (pos + b.position()));
            }
        }
        return b.flip();
    }
}
