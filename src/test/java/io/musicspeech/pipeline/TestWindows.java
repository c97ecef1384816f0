package io.musicspeech.pipeline;

/** Windows as the chain would have left them, for tests of the sinks that read them. */
public final class TestWindows {
    private TestWindows() {
    }

    /** A decided window starting at {@code start} (samples at 22050 Hz, 0.25 s windows). */
    public static WindowEvent decided(long start, boolean silent, float pSpeech, Label label, double rms) {
        WindowEvent w = new WindowEvent(5512, 143, 22050);
        w.startSample = start;
        w.silent = silent;
        w.pSpeech = pSpeech;
        w.label = label;
        w.rms = rms;
        return w;
    }
}
