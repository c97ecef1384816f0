package io.musicspeech.live;

import io.musicspeech.UserError;
import io.musicspeech.audio.StreamingResampler;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.TargetDataLine;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A capture device through Java Sound's TargetDataLine. It asks for 16-bit mono at the configured
 * rate; a device that cannot deliver that is opened in a format it can (16-bit, mono or stereo,
 * at the configured rate or a common one) and converted: channels averaged, rate changed by the
 * project's resampler ({@link StreamingResampler}).
 *
 * <p>A read that returns no bytes while the line should be running means the device is gone
 * (unplugged, or the sound server died): that is a {@link SourceLost}, as is any exception
 * from the line.
 */
public final class MicrophoneSource implements AudioSource {

    /** Opens lines on one device (or the system default). Tests substitute a fake. */
    interface LineProvider {
        String name();

        boolean supports(AudioFormat format);

        TargetDataLine line(AudioFormat format) throws LineUnavailableException;
    }

    private static final int[] COMMON_RATES = {48000, 44100, 32000, 16000, 96000, 8000};
    /** Device buffer, in seconds: absorbs a capture thread held up by the GC or a busy machine. */
    private static final double BUFFER_SECONDS = 1.0;
    private static final int DEVICE_BLOCK_FRAMES = 1024;

    private final LineProvider provider;
    private final int sampleRate;
    private TargetDataLine line;
    private AudioFormat format;
    private int frameSize;
    private int channels;
    private boolean bigEndian;
    private StreamingResampler resampler;
    private byte[] bytes = new byte[0];
    private float[] mono = new float[0];
    private volatile boolean stopped;
    private long bytesRead;

    /** @param device the device, or null for the system default */
    public static MicrophoneSource open(CaptureDevices.Device device, int sampleRate) {
        return new MicrophoneSource(device == null ? defaultProvider() : mixerProvider(device), sampleRate);
    }

    MicrophoneSource(LineProvider provider, int sampleRate) {
        this.provider = provider;
        this.sampleRate = sampleRate;
    }

    @Override
    public String describe() {
        String how = format == null ? "" : format.getSampleRate() == sampleRate && format.getChannels() == 1
                ? String.format(Locale.ROOT, ", 16-bit mono %d Hz", sampleRate)
                : String.format(Locale.ROOT, ", recording %s, converted to mono %d Hz", format, sampleRate);
        return "microphone " + provider.name() + how;
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public boolean live() {
        return true;
    }

    /** The formats tried, best first: 16-bit mono at the configured rate, then what might convert. */
    List<AudioFormat> candidates() {
        Set<Integer> rates = new LinkedHashSet<>();
        rates.add(sampleRate);
        for (int r : COMMON_RATES) {
            rates.add(r);
        }
        List<AudioFormat> formats = new ArrayList<>();
        for (boolean big : new boolean[] {false, true}) {
            for (int rate : rates) {
                for (int ch = 1; ch <= 2; ch++) {
                    formats.add(new AudioFormat(rate, 16, ch, true, big));
                }
            }
        }
        return formats;
    }

    @Override
    public void start() {
        List<String> problems = new ArrayList<>();
        for (AudioFormat candidate : candidates()) {
            if (!provider.supports(candidate)) {
                continue;
            }
            try {
                TargetDataLine opened = provider.line(candidate);
                int frames = (int) Math.round(BUFFER_SECONDS * candidate.getSampleRate());
                opened.open(candidate, frames * candidate.getFrameSize());
                opened.start();
                use(opened, candidate);
                return;
            } catch (LineUnavailableException | IllegalArgumentException | IllegalStateException | SecurityException e) {
                problems.add(candidate + ": " + e.getMessage());
            }
        }
        throw new UserError("cannot record from " + provider.name() + (problems.isEmpty()
                ? ": it offers no 16-bit PCM format" : ": " + String.join("; ", problems))
                + ". Is it in use by another program? Pick another with realtime.device (stage 'devices' lists them)");
    }

    private void use(TargetDataLine opened, AudioFormat chosen) {
        line = opened;
        format = chosen;
        frameSize = chosen.getFrameSize();
        channels = chosen.getChannels();
        bigEndian = chosen.isBigEndian();
        int rate = Math.round(chosen.getSampleRate());
        resampler = rate == sampleRate ? null : new StreamingResampler(rate, sampleRate);
    }

    @Override
    public int read(float[] buffer, int offset, int length) throws SourceLost {
        if (resampler == null) {
            return readFrames(buffer, offset, length);
        }
        while (resampler.available() < length) {
            int got = readFrames(null, 0, DEVICE_BLOCK_FRAMES);
            resampler.write(mono, 0, got);
            if (got < DEVICE_BLOCK_FRAMES) {
                break; // stopped
            }
        }
        return resampler.read(buffer, offset, length);
    }

    /**
     * Reads {@code frames} frames from the line as mono into {@code out} (or into {@link #mono}
     * when out is null); fewer only when stopped.
     */
    private int readFrames(float[] out, int offset, int frames) throws SourceLost {
        int need = frames * frameSize;
        if (bytes.length < need) {
            bytes = new byte[need];
        }
        if (out == null) {
            if (mono.length < frames) {
                mono = new float[frames];
            }
            out = mono;
            offset = 0;
        }
        int got = 0;
        while (got < need) {
            int n;
            try {
                n = line.read(bytes, got, need - got);
            } catch (RuntimeException e) {
                if (stopped) {
                    break;
                }
                throw new SourceLost(provider.name() + " failed after " + seconds() + ": " + e, e);
            }
            if (n <= 0) {
                if (stopped) {
                    break;
                }
                throw new SourceLost(provider.name() + " stopped delivering audio after " + seconds()
                        + " (a read returned " + n + " bytes: unplugged, or the sound server stopped)");
            }
            got += n;
            bytesRead += n;
        }
        int whole = got / frameSize;
        decode(bytes, whole, out, offset);
        return whole;
    }

    private String seconds() {
        return String.format(Locale.ROOT, "%.1f s", bytesRead / (double) frameSize / format.getSampleRate());
    }

    /** 16-bit signed PCM frames to mono floats (channels averaged, scaled by 1/32768). */
    private void decode(byte[] in, int frames, float[] out, int offset) {
        float scale = 1f / (32768f * channels);
        for (int f = 0; f < frames; f++) {
            int sum = 0;
            int base = f * frameSize;
            for (int c = 0; c < channels; c++) {
                int lo = in[base + 2 * c + (bigEndian ? 1 : 0)] & 0xff;
                int hi = in[base + 2 * c + (bigEndian ? 0 : 1)];
                sum += (short) ((hi << 8) | lo);
            }
            out[offset + f] = sum * scale;
        }
    }

    @Override
    public void stop() {
        stopped = true;
        TargetDataLine l = line;
        if (l != null) {
            l.stop();
        }
    }

    @Override
    public void close() {
        stop();
        TargetDataLine l = line;
        if (l != null) {
            l.close();
        }
        // close() runs on the capture thread after its last read (ListenSession), so the resampler is idle.
        StreamingResampler r = resampler;
        if (r != null) {
            r.close();
        }
    }

    private static LineProvider defaultProvider() {
        return new LineProvider() {
            @Override
            public String name() {
                return "system default";
            }

            @Override
            public boolean supports(AudioFormat format) {
                return AudioSystem.isLineSupported(new DataLine.Info(TargetDataLine.class, format));
            }

            @Override
            public TargetDataLine line(AudioFormat format) throws LineUnavailableException {
                return (TargetDataLine) AudioSystem.getLine(new DataLine.Info(TargetDataLine.class, format));
            }
        };
    }

    private static LineProvider mixerProvider(CaptureDevices.Device device) {
        Mixer mixer = AudioSystem.getMixer(device.info());
        return new LineProvider() {
            @Override
            public String name() {
                return "'" + device.name() + "'";
            }

            @Override
            public boolean supports(AudioFormat format) {
                return mixer.isLineSupported(new DataLine.Info(TargetDataLine.class, format));
            }

            @Override
            public TargetDataLine line(AudioFormat format) throws LineUnavailableException {
                return (TargetDataLine) mixer.getLine(new DataLine.Info(TargetDataLine.class, format));
            }
        };
    }
}
