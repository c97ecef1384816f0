package io.musicspeech.segment;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A strict reader of Praat's long TextGrid format with one interval tier, as Praat itself would
 * insist: every line in its place, counts that agree, intervals that start where the last one
 * ended and cover the tier from xmin to xmax.
 */
final class TextGridParser {
    record Interval(double xmin, double xmax, String text) {
    }

    private final List<String> lines;
    private int at;

    private TextGridParser(String text) {
        this.lines = text.lines().toList();
    }

    static List<Interval> parse(String text) {
        return new TextGridParser(text).read();
    }

    private List<Interval> read() {
        expect("File type = \"ooTextFile\"");
        expect("Object class = \"TextGrid\"");
        expect("");
        double xmin = number("xmin");
        double xmax = number("xmax");
        expect("tiers? <exists>");
        assertEquals(1, (int) number("size"), "one tier");
        expect("item []:");
        expect("item [1]:");
        expect("class = \"IntervalTier\"");
        assertEquals(PraatTextGrid.TIER, string("name"));
        assertEquals(xmin, number("xmin"));
        assertEquals(xmax, number("xmax"));
        int size = (int) number("intervals: size");
        List<Interval> intervals = new ArrayList<>();
        double previous = xmin;
        for (int i = 1; i <= size; i++) {
            expect("intervals [" + i + "]:");
            Interval interval = new Interval(number("xmin"), number("xmax"), string("text"));
            assertEquals(previous, interval.xmin(), "interval " + i + " starts where the one before ended");
            assertTrue(interval.xmax() > interval.xmin(), "interval " + i + " is not empty");
            previous = interval.xmax();
            intervals.add(interval);
        }
        assertEquals(xmax, previous, "the intervals cover the tier");
        assertEquals(lines.size(), at, "nothing after the last interval");
        return intervals;
    }

    private void expect(String content) {
        assertTrue(at < lines.size(), "the file ends early, expected: " + content);
        assertEquals(content, lines.get(at).strip(), "line " + (at + 1));
        at++;
    }

    private double number(String key) {
        Matcher m = Pattern.compile(Pattern.quote(key) + " = (-?\\d+(\\.\\d+)?)").matcher(lines.get(at).strip());
        assertTrue(m.matches(), "line " + (at + 1) + " should be '" + key + " = <number>': " + lines.get(at));
        at++;
        return Double.parseDouble(m.group(1));
    }

    private String string(String key) {
        Matcher m = Pattern.compile(Pattern.quote(key) + " = \"([^\"]*)\"").matcher(lines.get(at).strip());
        assertTrue(m.matches(), "line " + (at + 1) + " should be '" + key + " = \"...\"': " + lines.get(at));
        at++;
        return m.group(1);
    }
}
