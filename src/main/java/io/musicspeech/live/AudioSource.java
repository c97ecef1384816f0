package io.musicspeech.live;

/**
 * Where live audio comes from: a microphone ({@link MicrophoneSource}) or a file played as if it
 * were one ({@link FileSource}). Both feed the same capture thread, queue and worker.
 *
 * <p>{@link #read} is called by the capture thread only; {@link #stop} may be called from any
 * thread and makes a blocked {@code read} return.
 */
public interface AudioSource extends AutoCloseable {

    /** One line for the console: what is being listened to. */
    String describe();

    /** Samples per second of what {@link #read} delivers (the configured rate). */
    int sampleRate();

    /**
     * True when audio arrives in real time and cannot wait (a microphone, a paced file): if the
     * worker falls behind, the oldest chunks are dropped. False for a file read as fast as
     * possible: the capture thread waits for the worker instead, and nothing is dropped.
     */
    boolean live();

    /** Opens the device or file; after this, audio is flowing (a microphone is recording). */
    void start();

    /**
     * Fills {@code buffer[offset, offset + length)} with mono samples in [-1, 1], blocking until
     * they are all there. A shorter count means the input ended (a file) or {@link #stop} was
     * called.
     *
     * @throws SourceLost if the device stopped delivering audio (unplugged, sound server gone)
     */
    int read(float[] buffer, int offset, int length) throws SourceLost, InterruptedException;

    /** Makes a blocked {@link #read} return early; safe from any thread, idempotent. */
    void stop();

    /** Releases the device; idempotent. */
    @Override
    void close();
}
