package io.musicspeech.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Streams 16-bit PCM WAV to a file (created or truncated). Samples reach the file on every
 * {@link #write}; {@link #flush} rewrites the two size fields, so a recording that is still
 * going (or whose process died) is a valid WAV up to the last flush.
 */
public final class WavWriter implements AutoCloseable {

    private static final int HEADER_BYTES = 44;
    private static final int RIFF_SIZE_OFFSET = 4;
    private static final int DATA_SIZE_OFFSET = 40;
    /** The RIFF size field (data + 36 header bytes) must fit in 32 bits unsigned. */
    private static final long MAX_DATA_BYTES = 0xFFFFFFFFL - (HEADER_BYTES - 8);
    private static final int BUFFER_BYTES = 1 << 16;

    private final Path path;
    private final FileChannel channel;
    private final int channels;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private long dataBytes;

    private WavWriter(Path path, FileChannel channel, int channels) {
        this.path = path;
        this.channel = channel;
        this.channels = channels;
    }

    /** Opens a mono writer. */
    public static WavWriter open(Path path, int sampleRate) {
        return open(path, sampleRate, 1);
    }

    /** Opens a writer whose {@link #write} takes interleaved frames of {@code channels} samples. */
    public static WavWriter open(Path path, int sampleRate, int channels) {
        if (sampleRate <= 0 || channels <= 0 || channels > 0xFFFF) {
            throw new IllegalArgumentException("invalid WAV format: " + sampleRate + " Hz, " + channels + " channels");
        }
        try {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            WavWriter writer = new WavWriter(path, channel, channels);
            try {
                writer.writeHeader(sampleRate);
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            return writer;
        } catch (IOException e) {
            throw AudioFileError.io(path, "cannot write file", e);
        }
    }

    /** Writes a whole mono clip and closes the file. */
    public static void write(Path path, float[] samples, int sampleRate) {
        try (WavWriter writer = open(path, sampleRate)) {
            writer.write(samples, 0, samples.length);
        }
    }

    /**
     * Appends {@code length} samples (whole frames), clipped to [-1, 1] and scaled by 32768
     * with rounding (+1.0 becomes 32767), so a sample decoded as s / 32768 is written back as s.
     * NaN is written as 0.
     */
    public void write(float[] samples, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, samples.length);
        if (length % channels != 0) {
            throw new IllegalArgumentException(length + " samples is not a whole number of "
                    + channels + "-channel frames");
        }
        if (dataBytes + 2L * length > MAX_DATA_BYTES) {
            throw new AudioFileError(path, "cannot write file: WAV size limit (4 GiB) reached");
        }
        try {
            for (int i = offset; i < offset + length; i++) {
                if (!buffer.hasRemaining()) {
                    drain();
                }
                buffer.putShort(toInt16(samples[i]));
            }
            drain();
        } catch (IOException e) {
            throw AudioFileError.io(path, "cannot write file", e);
        }
        dataBytes += 2L * length;
    }

    /** Makes the file a valid WAV holding everything written so far. */
    public void flush() {
        ByteBuffer size = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        try {
            channel.write(size.putInt(0, (int) (dataBytes + HEADER_BYTES - 8)), RIFF_SIZE_OFFSET);
            channel.write(size.clear().putInt(0, (int) dataBytes), DATA_SIZE_OFFSET);
        } catch (IOException e) {
            throw AudioFileError.io(path, "cannot write file", e);
        }
    }

    /** Flushes and closes; closing twice does nothing. */
    @Override
    public void close() {
        if (!channel.isOpen()) {
            return;
        }
        try (channel) {
            flush();
        } catch (IOException e) {
            throw AudioFileError.io(path, "cannot write file", e);
        }
    }

    private static short toInt16(float x) {
        float clipped = Math.max(-1f, Math.min(1f, x));
        return (short) Math.min(Short.MAX_VALUE, Math.round(clipped * 32768f));
    }

    private void writeHeader(int sampleRate) throws IOException {
        int blockAlign = 2 * channels;
        buffer.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(HEADER_BYTES - 8)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) channels).putInt(sampleRate)
                .putInt(sampleRate * blockAlign).putShort((short) blockAlign).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(0);
        drain();
    }

    private void drain() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }
}
