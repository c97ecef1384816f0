package io.musicspeech.live;

import java.io.IOException;
import java.io.Writer;

/**
 * A reusable line buffer for the sinks: fixed-point numbers are appended digit by digit, so
 * writing a line allocates nothing (StringBuilder.append(double) would).
 */
public final class TextLine {
    private final StringBuilder text = new StringBuilder(128);
    private char[] chars = new char[128];

    public TextLine clear() {
        text.setLength(0);
        return this;
    }

    public TextLine append(String s) {
        text.append(s);
        return this;
    }

    public TextLine append(char c) {
        text.append(c);
        return this;
    }

    TextLine repeat(char c, int times) {
        for (int i = 0; i < times; i++) {
            text.append(c);
        }
        return this;
    }

    /** {@code value} rounded to {@code decimals} places (NaN as the empty string). */
    public TextLine fixed(double value, int decimals) {
        if (Double.isNaN(value)) {
            return this;
        }
        long scale = 1;
        for (int i = 0; i < decimals; i++) {
            scale *= 10;
        }
        long scaled = Math.round(Math.abs(value) * scale);
        if (value < 0 && scaled != 0) {
            text.append('-');
        }
        text.append(scaled / scale);
        if (decimals > 0) {
            text.append('.');
            long fraction = scaled % scale;
            for (long s = scale / 10; s > 0; s /= 10) {
                text.append((char) ('0' + (fraction / s) % 10));
            }
        }
        return this;
    }

    /** Pads with spaces on the left to {@code width} characters from {@code mark}. */
    TextLine padLeft(int mark, int width) {
        int missing = width - (text.length() - mark);
        for (int i = 0; i < missing; i++) {
            text.insert(mark, ' ');
        }
        return this;
    }

    int length() {
        return text.length();
    }

    void writeTo(Writer out) throws IOException {
        int n = text.length();
        if (chars.length < n) {
            chars = new char[Math.max(n, 2 * chars.length)];
        }
        text.getChars(0, n, chars, 0);
        out.write(chars, 0, n);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
