package io.musicspeech.data;

import java.util.Arrays;
import java.util.stream.Collectors;

/** One CSV line (RFC 4180 quoting, '\n' line ends) so the files read the same in pandas, Tablesaw and spreadsheets. */
public final class Csv {
    private Csv() {
    }

    public static String line(Object... fields) {
        return Arrays.stream(fields).map(Csv::field).collect(Collectors.joining(",")) + "\n";
    }

    private static String field(Object value) {
        String text = value == null ? "" : value.toString();
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
