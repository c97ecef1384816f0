package io.musicspeech.model.baseline;

/**
 * Summary features of one window for the linear and tree baselines: per MFCC coefficient the
 * mean and standard deviation over the frames, and the standard deviation of its frame-to-frame
 * change (delta). 3 x n_mfcc values; the CNN sees the whole frames x n_mfcc matrix instead.
 */
public final class WindowStatistics {
    private final int frames;
    private final int nMfcc;

    public WindowStatistics(int frames, int nMfcc) {
        if (frames < 2) {
            throw new IllegalArgumentException("need at least 2 frames for deltas, got " + frames);
        }
        this.frames = frames;
        this.nMfcc = nMfcc;
    }

    public int size() {
        return 3 * nMfcc;
    }

    public String[] names() {
        String[] names = new String[size()];
        for (int c = 0; c < nMfcc; c++) {
            names[c] = String.format("mfcc%02d_mean", c);
            names[nMfcc + c] = String.format("mfcc%02d_std", c);
            names[2 * nMfcc + c] = String.format("mfcc%02d_delta_std", c);
        }
        return names;
    }

    /** Statistics of the window at {@code windows[offset ..]} (frames x n_mfcc, frame-major) into {@code out}. */
    public void compute(float[] windows, int offset, double[] out) {
        for (int c = 0; c < nMfcc; c++) {
            double sum = 0;
            double sumSq = 0;
            double deltaSum = 0;
            double deltaSumSq = 0;
            for (int t = 0; t < frames; t++) {
                double v = windows[offset + t * nMfcc + c];
                sum += v;
                sumSq += v * v;
                if (t > 0) {
                    double d = v - windows[offset + (t - 1) * nMfcc + c];
                    deltaSum += d;
                    deltaSumSq += d * d;
                }
            }
            double mean = sum / frames;
            double deltaMean = deltaSum / (frames - 1);
            out[c] = mean;
            out[nMfcc + c] = Math.sqrt(Math.max(0, sumSq / frames - mean * mean));
            out[2 * nMfcc + c] = Math.sqrt(Math.max(0, deltaSumSq / (frames - 1) - deltaMean * deltaMean));
        }
    }
}
