package io.musicspeech.live;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.TargetDataLine;
import java.lang.reflect.Proxy;
import java.util.function.IntFunction;

/**
 * A TargetDataLine without hardware: {@code read} copies from {@code bytes} until they run out,
 * then does what {@code afterEnd} says (return 0 like a dead sound server, or throw).
 */
final class FakeLine {
    final byte[] bytes;
    int position;
    AudioFormat opened;
    boolean started;
    boolean stopped;
    boolean closed;
    private final IntFunction<Integer> afterEnd;

    FakeLine(byte[] bytes, IntFunction<Integer> afterEnd) {
        this.bytes = bytes;
        this.afterEnd = afterEnd;
    }

    TargetDataLine line() {
        return (TargetDataLine) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {TargetDataLine.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "open" -> {
                        opened = (AudioFormat) args[0];
                        yield null;
                    }
                    case "start" -> {
                        started = true;
                        yield null;
                    }
                    case "stop" -> {
                        stopped = true;
                        yield null;
                    }
                    case "close" -> {
                        closed = true;
                        yield null;
                    }
                    case "read" -> read((byte[]) args[0], (Integer) args[1], (Integer) args[2]);
                    case "isOpen" -> opened != null && !closed;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "fake line";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private int read(byte[] b, int off, int len) {
        if (stopped) {
            return 0;
        }
        if (position >= bytes.length) {
            return afterEnd.apply(len);
        }
        int n = Math.min(len, bytes.length - position);
        System.arraycopy(bytes, position, b, off, n);
        position += n;
        return n;
    }

    /** A provider offering only {@code supported} formats (matched by rate, channels and byte order). */
    MicrophoneSource.LineProvider provider(AudioFormat... supported) {
        return new MicrophoneSource.LineProvider() {
            @Override
            public String name() {
                return "'fake'";
            }

            @Override
            public boolean supports(AudioFormat format) {
                for (AudioFormat f : supported) {
                    if (f.matches(format)) {
                        return true;
                    }
                }
                return false;
            }

            @Override
            public TargetDataLine line(AudioFormat format) throws LineUnavailableException {
                return FakeLine.this.line();
            }
        };
    }
}
