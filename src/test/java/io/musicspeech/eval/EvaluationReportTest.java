package io.musicspeech.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicspeech.config.DecisionConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationReportTest {
    @Test
    void writesMetricsJsonWithTheContractKeysReportAndFigures(@TempDir Path out) throws Exception {
        Random random = new Random(3);
        List<String> files = new ArrayList<>();
        boolean[] speech = new boolean[200];
        float[] p = new float[200];
        for (int i = 0; i < 200; i++) {
            files.add((i < 100 ? "music/m" : "speech/s") + (i % 100) / 20 + ".wav");
            speech[i] = i >= 100;
            p[i] = (float) Math.min(1, Math.max(0, (speech[i] ? 0.75 : 0.25) + random.nextGaussian() * 0.25));
        }
        WindowPredictions predictions = new WindowPredictions(files, speech, p);
        DecisionConfig decision = new DecisionConfig(0.7, 0.01, new DecisionConfig.Smoothing(true, 0.5, 0.1));
        EvaluationReport.write(out, Metrics.compute(predictions, decision), predictions, Map.of("model", "test"));

        JsonNode json = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        for (String key : List.of("windows", "files", "threshold", "window_accuracy", "balanced_accuracy", "music_recall",
                "speech_recall", "roc_auc", "clip_accuracy", "smoothed_window_accuracy", "per_file")) {
            assertTrue(json.has(key), "metrics.json lacks " + key);
        }
        assertEquals(200, json.get("windows").asInt());
        assertEquals(10, json.get("files").asInt());
        assertEquals(10, json.get("per_file").size());
        assertEquals(List.of("file", "label", "windows", "accuracy", "mean_p_speech"),
                iterable(json.get("per_file").get(0).fieldNames()));
        for (String png : List.of("confusion_matrix.png", "roc.png", "per_file_accuracy.png", "accuracy_vs_threshold.png")) {
            byte[] bytes = Files.readAllBytes(out.resolve(png));
            assertEquals((byte) 0x89, bytes[0], png);
            assertEquals("PNG", new String(bytes, 1, 3), png);
        }
        assertTrue(Files.readString(out.resolve("report.md")).contains("| window accuracy |"));
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    @Test
    void thePerFileFigureShowsTheWorstFilesWhateverTheirNumber() {
        for (int n : new int[] {10, 128, 500}) {
            java.util.List<Metrics.FileScore> files = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                files.add(new Metrics.FileScore("a/very/long/folder/a_clip_with_a_rather_long_name_" + i + ".wav",
                        i % 2 == 0 ? "music" : "speech", 120, (i * 37 % n) / (double) n, 0.5));
            }
            org.knowm.xchart.HorizontalBarChart chart = Figures.perFileAccuracy(files);
            java.util.List<?> names = new java.util.ArrayList<>(chart.getSeries("window accuracy").getYData());
            assertEquals(Math.min(n, Figures.PER_FILE_SHOWN), names.size());
            assertTrue(names.get(0).toString().endsWith("_0.wav"), "the worst file first: " + names.get(0));
            assertTrue(names.stream().allMatch(s -> s.toString().length() <= 42), names.toString());
            assertTrue(chart.getHeight() >= 20 * names.size(), "a bar needs room for its name");
            assertEquals(n > Figures.PER_FILE_SHOWN, chart.getTitle().contains((n - Figures.PER_FILE_SHOWN) + " more"), chart.getTitle());
        }
    }
}
