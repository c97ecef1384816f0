package io.musicspeech.segment;

import io.musicspeech.UserError;
import io.musicspeech.data.AtomicFiles;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run's segments scored against reference segments ({@link SegmentMetrics}), the way segment
 * ({@code segment.reference}, every file) and listen ({@code realtime.reference}, its input) report
 * it: {@code segment_metrics.json} and one line on the console. Files without a reference are named
 * and left out; none with one is an error.
 */
public final class ReferenceScoring {
    private ReferenceScoring() {
    }

    /**
     * @param segmentsByFile each file's segments, by the name its reference is looked up with
     * @param key            the config key that gave the reference, for the error
     * @return the metrics, already written to {@code json}
     */
    public static SegmentMetrics score(Map<String, List<Segment>> segmentsByFile, ReferenceSegments reference, double collarSeconds,
                                       Path json, String key, PrintStream console) throws IOException {
        SegmentMetrics metrics = new SegmentMetrics(collarSeconds);
        List<String> unreferenced = new ArrayList<>();
        segmentsByFile.forEach((file, segments) -> {
            List<Segment> truth = reference.forFile(file);
            if (truth == null) {
                unreferenced.add(file);
            } else {
                metrics.add(file, segments, truth);
            }
        });
        if (!unreferenced.isEmpty()) {
            console.println("note: no reference segments for " + unreferenced.size() + " file(s), e.g. " + unreferenced.get(0)
                    + "; they are not scored");
        }
        if (metrics.files() == 0) {
            throw new UserError(key + ": none of the files has reference segments (matched by its name, its file name, or that "
                    + "without the extension)");
        }
        Map<String, Object> report = new LinkedHashMap<>(metrics.toMap());
        report.put("unreferenced", unreferenced);
        AtomicFiles.writeString(json, SegmentsJson.MAPPER.writeValueAsString(report) + "\n");
        console.printf(Locale.ROOT, "against the reference (%d file(s)): frame accuracy %.2f %%, event F1 (%.1f s collar) %.2f %%, "
                        + "segment F1 %.2f %%; %s%n", metrics.files(), 100 * metrics.frameAccuracy(), collarSeconds, 100 * metrics.eventF1(),
                100 * metrics.segmentF1(), json);
        return metrics;
    }
}
