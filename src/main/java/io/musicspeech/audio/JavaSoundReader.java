package io.musicspeech.audio;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;

/**
 * Reads the containers Java Sound understands (AIFF, AIFF-C, AU, and A-law/mu-law WAV).
 * Java Sound only parses the container and expands companded data to PCM; the bytes are
 * turned into floats by {@link SampleFormat}, because Java Sound's own float conversion
 * divides by 2^(bits-1) - 1 and would not match librosa.
 */
final class JavaSoundReader implements MonoReader {
    private static final int BLOCK_FRAMES = 1 << 14;

    private final AudioInputStream in;
    private final AudioInputStream pcm;
    private final SampleFormat format;
    private final int channels;
    private final int frameSize;
    private final int sampleRate;
    private final long declared;
    private final ByteBuffer block;
    private final String original;
    private long frames;
    private String damage;

    private JavaSoundReader(AudioInputStream in, AudioInputStream pcm, SampleFormat format, int sampleRate) {
        AudioFormat f = pcm.getFormat();
        this.in = in;
        this.pcm = pcm;
        this.format = format;
        this.channels = f.getChannels();
        this.frameSize = f.getFrameSize();
        this.sampleRate = sampleRate;
        long length = pcm.getFrameLength();
        this.declared = length == AudioSystem.NOT_SPECIFIED ? -1 : length;
        this.block = ByteBuffer.allocate(BLOCK_FRAMES * frameSize)
                .order(f.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        this.original = in.getFormat().toString();
    }

    /**
     * Opens the file's audio at its own sample rate, channels averaged to mono.
     *
     * @param unreadable the problem to report when Java Sound does not recognise the file
     */
    static MonoReader open(String name, SeekableByteChannel ch, String unreadable) throws IOException {
        ch.position(0);
        AudioInputStream in;
        try {
            in = AudioSystem.getAudioInputStream(new BufferedInputStream(Channels.newInputStream(ch)));
        } catch (UnsupportedAudioFileException e) {
            throw new AudioFileError(name, unreadable, e);
        }
        AudioInputStream pcm = toPcm(name, in);
        AudioFormat f = pcm.getFormat();
        SampleFormat format = sampleFormat(f);
        int channels = f.getChannels();
        // AIFF stores the rate as a float (old Macs: 22254.545 Hz); the nearest integer is within 0.003 %.
        int sampleRate = Math.round(f.getSampleRate());
        if (format == null || channels < 1 || f.getFrameSize() != channels * format.bytes) {
            pcm.close();
            throw new AudioFileError(name, "unsupported encoding: " + in.getFormat());
        }
        if (sampleRate <= 0) {
            pcm.close();
            throw new AudioFileError(name, "invalid header: sample rate " + f.getSampleRate());
        }
        return new JavaSoundReader(in, pcm, format, sampleRate);
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public String describe() {
        return original;
    }

    @Override
    public long declaredFrames() {
        return declared;
    }

    @Override
    public int read(float[] buffer, int offset, int length) throws IOException {
        int want = Math.min(length, BLOCK_FRAMES) * frameSize;
        int got = pcm.readNBytes(block.array(), 0, want);
        int whole = got / frameSize;
        if (whole == 0) {
            if (declared >= 0 && frames < declared) {
                damage = "truncated audio: the header declares " + declared + " frames but only " + frames + " are present";
            }
            return 0;
        }
        block.clear().limit(whole * frameSize);
        frames += whole;
        return format.decodeMono(block, channels, buffer, offset);
    }

    @Override
    public String damage() {
        return damage;
    }

    @Override
    public void close() {
        try {
            pcm.close();
            in.close();
        } catch (IOException ignored) {
            // read-only: nothing to lose
        }
    }

    /** The stream itself if its bytes are PCM we decode, else Java Sound's 16-bit PCM conversion of it. */
    private static AudioInputStream toPcm(String name, AudioInputStream in) {
        if (sampleFormat(in.getFormat()) != null) {
            return in;
        }
        AudioFormat f = in.getFormat();
        AudioFormat pcm16 = new AudioFormat(f.getSampleRate(), 16, f.getChannels(), true, f.isBigEndian());
        if (!AudioSystem.isConversionSupported(pcm16, f)) {
            throw new AudioFileError(name, "unsupported encoding: " + f);
        }
        return AudioSystem.getAudioInputStream(pcm16, in);
    }

    private static SampleFormat sampleFormat(AudioFormat f) {
        AudioFormat.Encoding e = f.getEncoding();
        int bits = f.getSampleSizeInBits();
        if (AudioFormat.Encoding.PCM_SIGNED.equals(e)) {
            return SampleFormat.signed(bits);
        }
        if (AudioFormat.Encoding.PCM_UNSIGNED.equals(e) && bits == 8) {
            return SampleFormat.UNSIGNED_8;
        }
        if (AudioFormat.Encoding.PCM_FLOAT.equals(e)) {
            return SampleFormat.floating(bits);
        }
        return null;
    }
}
