package io.musicspeech.audio;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Reads the containers Java Sound understands (AIFF, AIFF-C, AU, and A-law/mu-law WAV).
 * Java Sound only parses the container and expands companded data to PCM; the bytes are
 * turned into floats by {@link SampleFormat}, because Java Sound's own float conversion
 * divides by 2^(bits-1) - 1 and would not match librosa.
 */
final class JavaSoundReader {

    private JavaSoundReader() {
    }

    /**
     * Decodes the file at its own sample rate, channels averaged to mono.
     *
     * @param unreadable the problem to report when Java Sound does not recognise the file
     */
    static AudioClip read(Path path, String unreadable) {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(path.toFile());
             AudioInputStream pcm = toPcm(path, in)) {
            AudioFormat f = pcm.getFormat();
            SampleFormat format = sampleFormat(f);
            int channels = f.getChannels();
            // AIFF stores the rate as a float (old Macs: 22254.545 Hz); the nearest integer is within 0.003 %.
            int sampleRate = Math.round(f.getSampleRate());
            if (format == null || channels < 1 || f.getFrameSize() != channels * format.bytes) {
                throw new AudioFileError(path, "unsupported encoding: " + in.getFormat());
            }
            if (sampleRate <= 0) {
                throw new AudioFileError(path, "invalid header: sample rate " + f.getSampleRate());
            }
            byte[] bytes = pcm.readAllBytes();
            long frames = bytes.length / f.getFrameSize();
            long declared = pcm.getFrameLength();
            if (declared != AudioSystem.NOT_SPECIFIED && frames < declared) {
                throw new AudioFileError(path, "truncated audio: the header declares " + declared
                        + " frames but only " + frames + " are present");
            }
            if (frames == 0) {
                throw new AudioFileError(path, "no audio samples");
            }
            ByteBuffer data = ByteBuffer.wrap(bytes, 0, (int) frames * f.getFrameSize())
                    .order(f.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            return new AudioClip(format.decodeMono(data, channels), sampleRate);
        } catch (UnsupportedAudioFileException e) {
            throw new AudioFileError(path, unreadable, e);
        } catch (IOException e) {
            throw AudioFileError.io(path, "cannot read file", e);
        }
    }

    /** The stream itself if its bytes are PCM we decode, else Java Sound's 16-bit PCM conversion of it. */
    private static AudioInputStream toPcm(Path path, AudioInputStream in) {
        if (sampleFormat(in.getFormat()) != null) {
            return in;
        }
        AudioFormat f = in.getFormat();
        AudioFormat pcm16 = new AudioFormat(f.getSampleRate(), 16, f.getChannels(), true, f.isBigEndian());
        if (!AudioSystem.isConversionSupported(pcm16, f)) {
            throw new AudioFileError(path, "unsupported encoding: " + f);
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
