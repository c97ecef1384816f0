package io.musicspeech.live;

import io.musicspeech.audio.AudioClip;
import io.musicspeech.audio.AudioStream;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * A file played as if it were a microphone: at real-time pace (a chunk is delivered when its last
 * sample would have been heard) or, unpaced, as fast as the worker takes it. It is decoded as it
 * is read ({@link AudioStream}), so a file of any length and format streams in constant memory,
 * and it can be streamed several times back to back (reopened each time).
 */
public final class FileSource implements AudioSource {
    private final String name;
    private final Supplier<AudioStream> opener;
    private final int sampleRate;
    private final boolean pace;
    private final int repeat;
    private final double declaredSeconds;
    private final Object lock = new Object();
    private volatile boolean stopped;
    private AudioStream stream;
    private int played;
    private long position;
    private long startNanos;
    private volatile String damage;

    /**
     * @param name   what to call it on the console (the file name)
     * @param opener opens the decoded audio, at the rate the pipeline runs at; called once per repeat
     * @param pace   real time (true) or as fast as possible (false)
     * @param repeat times the file is streamed
     */
    public FileSource(String name, Supplier<AudioStream> opener, boolean pace, int repeat) {
        if (repeat < 1) {
            throw new IllegalArgumentException("repeat must be >= 1, got " + repeat);
        }
        this.name = name;
        this.opener = opener;
        this.pace = pace;
        this.repeat = repeat;
        this.stream = opener.get(); // opened now, so a bad file is reported before anything starts
        this.sampleRate = stream.sampleRate();
        this.declaredSeconds = stream.declaredSeconds();
    }

    /** A clip already in memory (the demo clip, a test signal). */
    public FileSource(String name, AudioClip clip, boolean pace, int repeat) {
        this(name, () -> AudioStream.of(name, clip), pace, repeat);
    }

    @Override
    public String describe() {
        String length = Double.isNaN(declaredSeconds) ? "" : String.format(Locale.ROOT, "%.1f s", declaredSeconds);
        String times = repeat > 1 ? " x " + repeat : "";
        return String.format(Locale.ROOT, "file %s (%s%s%s%s)", name, length, times, length.isEmpty() && times.isEmpty() ? "" : ", ",
                pace ? "at real-time pace" : "as fast as possible");
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
        while (n < length && !stopped && stream != null) {
            int got = stream.read(buffer, offset + n, length - n);
            n += got;
            if (got == 0) {
                if (stream.damage() != null) {
                    damage = stream.damage();
                }
                stream.close();
                played++;
                stream = played < repeat ? opener.get() : null;
            }
        }
        position += n;
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

    /** What was wrong with the file but did not stop it (truncated, damaged packets); null if nothing was. */
    public String damage() {
        return damage;
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
        AudioStream open = stream;
        if (open != null) {
            open.close();
        }
    }
}
