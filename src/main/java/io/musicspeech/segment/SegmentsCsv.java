package io.musicspeech.segment;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * {@code segments.csv}: {@code file,start_s,end_s,label,confidence}, one row per segment, times in
 * seconds to the millisecond (the same rounding for a segment's end and the next one's start, so
 * the rows tile each file exactly).
 */
public final class SegmentsCsv {
    public static final String[] HEADER = {"file", "start_s", "end_s", "label", "confidence"};
    /** RFC 4180 with '\n' line ends, as every CSV of the project. */
    public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    private SegmentsCsv() {
    }

    public static void printHeader(CSVPrinter out) throws IOException {
        out.printRecord((Object[]) HEADER);
    }

    public static void print(CSVPrinter out, String file, Segment segment) throws IOException {
        out.printRecord(file, seconds(segment.startSeconds()), seconds(segment.endSeconds()), segment.label().text(),
                String.format(Locale.ROOT, "%.4f", segment.confidence()));
    }

    public static void print(CSVPrinter out, String file, List<Segment> segments) throws IOException {
        for (Segment segment : segments) {
            print(out, file, segment);
        }
    }

    /** The whole table for these results: the header, then every file's segments in order. */
    public static String table(List<SegmentedFile> results) {
        StringWriter text = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(text, FORMAT)) {
            printHeader(csv);
            for (SegmentedFile r : results) {
                print(csv, r.file(), r.segments());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
    }

    static String seconds(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
