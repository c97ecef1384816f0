package io.musicspeech.audio;


import java.util.Arrays;

/**
 * The project's {@link Resampler} for a stream that arrives in pieces, by overlap-save: input is
 * resampled in blocks of {@code L} samples together with {@code R} samples of context on each
 * side (both multiples of the reduced ratio's denominator, so every block starts on the same
 * filter phase), and only the block's own outputs are kept. The result is the whole-signal
 * resampling sample for sample (tested), delayed by {@code R} input samples of look-ahead.
 *
 * <p>Decoded files at another rate than the configured one go through it ({@link AudioStream}), and so
 * does a capture device that cannot deliver the configured rate itself; it allocates each block's
 * output on the decoding (capture) thread, never on the worker.
 */
public final class StreamingResampler {
    /** The kernel's half-width is under this many input samples at a lower Nyquist of the input's. */
    private static final int REACH_AT_UNIT_SCALE = 64;
    private static final int TARGET_BLOCK = 2048;

    private final Resampler resampler;
    private final int context;
    private final int block;
    private final int outPerBlock;
    private final int outSkip;
    /** Input from (next block start - context); {@code filled} samples valid. */
    private final float[] input;
    private int filled;
    private float[] output = new float[0];
    private int outStart;
    private int outEnd;
    private long written;
    private long emitted;
    private boolean finished;

    public StreamingResampler(int inRate, int outRate) {
        this.resampler = Resampler.of(inRate, outRate);
        int g = Resampler.gcd(inRate, outRate);
        int up = outRate / g;
        int down = inRate / g;
        int reach = (int) Math.ceil(REACH_AT_UNIT_SCALE * Math.max(1.0, (double) inRate / outRate)) + 1;
        this.context = roundUp(reach, down);
        this.block = roundUp(TARGET_BLOCK, down);
        this.outPerBlock = (int) ((long) block * up / down);
        this.outSkip = (int) ((long) context * up / down);
        this.input = new float[2 * context + block];
        this.filled = context; // zeros before the stream starts
    }

    /** Appends input samples. */
    public void write(float[] samples, int offset, int length) {
        if (finished) {
            throw new IllegalStateException("the stream has been finished");
        }
        written += length;
        int done = 0;
        while (done < length) {
            int n = Math.min(length - done, input.length - filled);
            System.arraycopy(samples, offset + done, input, filled, n);
            filled += n;
            done += n;
            if (filled == input.length) {
                processBlock();
            }
        }
    }

    /**
     * The input has ended: the held-back look-ahead is resampled against zeros, as the whole-signal
     * resampler treats samples past the end, and exactly {@link Resampler#outputLength} outputs of
     * the whole input become available in all. No writes after this.
     */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        long total = resampler.outputLength(written);
        while (emitted < total) {
            java.util.Arrays.fill(input, filled, input.length, 0f);
            filled = input.length;
            processBlock();
        }
        outEnd -= (int) (emitted - total);
    }

    /** Output samples ready to read. */
    public int available() {
        return outEnd - outStart;
    }

    /** Moves up to {@code length} ready output samples into {@code out}; returns how many. */
    public int read(float[] out, int offset, int length) {
        int n = Math.min(length, available());
        System.arraycopy(output, outStart, out, offset, n);
        outStart += n;
        return n;
    }

    private void processBlock() {
        float[] resampled = resampler.resample(input);
        int kept = available();
        if (output.length < kept + outPerBlock) {
            output = Arrays.copyOf(Arrays.copyOfRange(output, outStart, outEnd), Math.max(kept + outPerBlock, 2 * outPerBlock));
        } else {
            System.arraycopy(output, outStart, output, 0, kept);
        }
        System.arraycopy(resampled, outSkip, output, kept, outPerBlock);
        outStart = 0;
        outEnd = kept + outPerBlock;
        emitted += outPerBlock;
        System.arraycopy(input, block, input, 0, 2 * context);
        filled = 2 * context;
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }
}
