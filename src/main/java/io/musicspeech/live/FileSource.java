package io.musicspeech.live;

import io.musicspeech.audio.AudioClip;

import java.util.Locale;

/**
 * A decoded file played as if it were a microphone: at real-time pace (a chunk is delivered when
 * its last sample would have been heard) or, unpaced, as fast as the worker takes it. The file
 * can be streamed several times back to back.
 */
public final class FileSource implements AudioSource {
    private final String name;
    private final float[] samples;
    private final int sampleRate;
    private final boolean pace;
    private final long total;
    private final Object lock = new Object();
    private volatile boolean stopped;
    private long position;
    private long startNanos;

    /**
     * @param name   what to call it on the console (the file name)
     * @param clip   the decoded audio, at the rate the pipeline runs at
     * @param pace   real time (true) or as fast as possible (false)
     * @param repeat times the clip is streamed
     */
    public FileSource(String name, AudioClip clip, boolean pace, int repeat) {
        if (repeat < 1) {
            throw new IllegalArgumentException("repeat must be >= 1, got " + repeat);
        }
        this.name = name;
        this.samples = clip.samples();
        this.sampleRate = clip.sampleRate();
        this.pace = pace;
        this.total = (long) samples.length * repeat;
    }

    @Override
    public String describe() {
        long repeat = samples.length == 0 ? 1 : total / samples.length;
        return String.format(Locale.ROOT, "file %s (%.1f s%s, %s)", name, samples.length / (double) sampleRate,
                repeat > 1 ? " x " + repeat : "", pace ? "at real-time pace" : "as fast as possible");
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public boolean live() {
        return pace;
    }

    @Override
    public void start() {
        startNanos = System.nanoTime();
    }

    @Override
    public int read(float[] buffer, int offset, int length) throws InterruptedException {
        int n = 0;
        while (n < length && position < total && !stopped) {
            int at = (int) (position % samples.length);
            int count = (int) Math.min(Math.min(length - n, samples.length - at), total - position);
            System.arraycopy(samples, at, buffer, offset + n, count);
            n += count;
            position += count;
        }
        if (pace && n > 0) {
            long due = startNanos + Math.round(position * 1e9 / sampleRate);
            synchronized (lock) {
                for (long wait = due - System.nanoTime(); wait > 0 && !stopped; wait = due - System.nanoTime()) {
                    lock.wait(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            if (stopped) {
                return 0;
            }
        }
        return n;
    }

    @Override
    public void stop() {
        stopped = true;
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
