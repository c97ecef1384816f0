package io.musicspeech.segment;

import java.util.List;
import java.util.Locale;

/**
 * An Audacity label track (File > Import > Labels): one line per segment,
 * {@code start<TAB>end<TAB>label}, times in seconds.
 */
public final class AudacityLabels {
    private AudacityLabels() {
    }

    public static String format(List<Segment> segments) {
        StringBuilder out = new StringBuilder();
        for (Segment s : segments) {
            out.append(String.format(Locale.ROOT, "%.6f\t%.6f\t%s%n", s.startSeconds(), s.endSeconds(), s.label().text()));
        }
        return out.toString().replace(System.lineSeparator(), "\n");
    }
}
