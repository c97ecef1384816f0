package io.musicspeech.audio;

import java.io.IOException;

/**
 * One container's samples as they come off the file, channels already averaged to mono, at the
 * file's own rate. {@link AudioStream} puts them at the configured rate; this is the part each
 * container (WAV, Java Sound's AIFF/AU, everything FFmpeg reads) does its own way.
 */
interface MonoReader extends AutoCloseable {

    /** Samples per second of what {@link #read} delivers. */
    int sampleRate();

    /** What the file holds, for messages: e.g. "WAV, 16-bit PCM, 44100 Hz, 2 channels". */
    String describe();

    /** Mono samples the header promises, or -1 when the container does not say exactly. */
    long declaredFrames();

    /** Fills {@code buffer[offset, offset + length)} as far as it can; 0 only at the end of the audio. */
    int read(float[] buffer, int offset, int length) throws IOException;

    /**
     * What was wrong with the file but did not stop the decoding (a truncated file, damaged packets),
     * once {@link #read} has returned 0; null if nothing was.
     */
    String damage();

    @Override
    void close();
}
