package io.musicspeech.segment;

import java.util.List;
import java.util.Locale;

/**
 * A Praat TextGrid in the long text format ("ooTextFile") with one interval tier, {@code
 * music_speech}, whose intervals are the segments; Praat opens it with Read from file.
 */
public final class PraatTextGrid {
    public static final String TIER = "music_speech";

    private PraatTextGrid() {
    }

    public static String format(List<Segment> segments, double durationSeconds) {
        StringBuilder out = new StringBuilder();
        out.append("File type = \"ooTextFile\"\n");
        out.append("Object class = \"TextGrid\"\n\n");
        out.append("xmin = 0 \n");
        out.append("xmax = ").append(number(durationSeconds)).append(" \n");
        out.append("tiers? <exists> \n");
        out.append("size = 1 \n");
        out.append("item []: \n");
        out.append("    item [1]:\n");
        out.append("        class = \"IntervalTier\" \n");
        out.append("        name = \"").append(TIER).append("\" \n");
        out.append("        xmin = 0 \n");
        out.append("        xmax = ").append(number(durationSeconds)).append(" \n");
        out.append("        intervals: size = ").append(segments.size()).append(" \n");
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            out.append("        intervals [").append(i + 1).append("]:\n");
            out.append("            xmin = ").append(number(s.startSeconds())).append(" \n");
            out.append("            xmax = ").append(number(s.endSeconds())).append(" \n");
            out.append("            text = \"").append(s.label().text()).append("\" \n");
        }
        return out.toString();
    }

    /** Seconds as Praat writes them: no exponent, trailing zeros dropped. */
    private static String number(double seconds) {
        String text = String.format(Locale.ROOT, "%.6f", seconds);
        text = text.replaceAll("0+$", "");
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
