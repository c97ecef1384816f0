package io.musicspeech.spark;

import io.musicspeech.cli.Cli;
import io.musicspeech.cli.Main;
import io.musicspeech.segment.TestProgramme;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spark stage on {@code local[2]} over a folder of WAV, MP3, FLAC, Ogg (and Opus, M4A) files and
 * a corrupt one: the job succeeds, its segments are the segment stage's row for row, the corrupt file
 * is a row of errors, and a rerun replaces the tables rather than adding to them.
 */
class SparkSegmentJobTest {
    @TempDir
    static Path work;
    static Path in;

    record Run(int code, String out) {
    }

    static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("run.outputs=" + work.resolve("runs"));
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int code = new Cli(Main.stages(), Path.of("config"), print, print).run(all.toArray(String[]::new));
        return new Run(code, out.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void makeTheFolder() throws IOException {
        TestProgramme.assumeTools();
        in = Files.createDirectories(work.resolve("in"));
        TestProgramme.writeAllFormats(TestProgramme.make(), in, "programme");
        byte[] noise = new byte[50_000];
        new Random(3).nextBytes(noise);
        Files.write(in.resolve("broken.mp3"), noise);
    }

    static List<CSVRecord> table(Path dir) throws IOException {
        List<CSVRecord> rows = new ArrayList<>();
        try (Stream<Path> parts = Files.list(dir)) {
            for (Path part : parts.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList()) {
                rows.addAll(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                        .parse(new StringReader(Files.readString(part))).getRecords());
            }
        }
        return rows;
    }

    @Test
    void theSegmentsAreTheSegmentStagesRowForRowAndACorruptFileIsAnErrorRow() throws IOException {
        Run segment = cli("segment", "segment.input=" + in, "segment.out=" + work.resolve("segmented"));
        assertTrue(segment.out().contains("1 error(s)"), segment.out());
        List<CSVRecord> expected = stageSegments(work.resolve("segmented/segments.csv"));

        Path out = work.resolve("tables");
        Run spark = cli("spark", "spark.input=" + in, "spark.out=" + out, "spark.format=csv", "spark.master=local[2]");
        assertEquals(0, spark.code(), spark.out());
        List<CSVRecord> segments = sorted(table(out.resolve("segments")));
        assertEquals(expected.size(), segments.size(), spark.out());
        for (int i = 0; i < expected.size(); i++) {
            CSVRecord want = expected.get(i);
            CSVRecord got = segments.get(i);
            assertEquals(want.get("file"), got.get("file"), "row " + i);
            assertEquals(Double.parseDouble(want.get("start_s")), Double.parseDouble(got.get("start_s")), 1e-9, "row " + i);
            assertEquals(Double.parseDouble(want.get("end_s")), Double.parseDouble(got.get("end_s")), 1e-9, "row " + i);
            assertEquals(want.get("label"), got.get("label"), "row " + i);
            assertEquals(Double.parseDouble(want.get("confidence")), Double.parseDouble(got.get("confidence")), 1e-9, "row " + i);
            assertTrue(got.get("model").endsWith("model.zip"));
        }
        List<CSVRecord> errors = table(out.resolve("errors"));
        assertEquals(1, errors.size());
        assertEquals("broken.mp3", errors.get(0).get("file"));
        assertTrue(errors.get(0).get("reason").contains("not an audio file"), errors.get(0).get("reason"));
        List<CSVRecord> summary = table(out.resolve("summary"));
        assertEquals(7, summary.size(), "one row per file segmented");

        Run again = cli("spark", "spark.input=" + in, "spark.out=" + out, "spark.format=csv", "spark.master=local[2]");
        assertEquals(0, again.code(), again.out());
        assertEquals(segments.size(), table(out.resolve("segments")).size(), "a rerun replaces the table, never adds to it");
    }

    @Test
    void parquetIsTheDefaultAndAFolderWithNothingDecodableFails() throws IOException {
        Path only = Files.createDirectories(work.resolve("only-programme"));
        Files.copy(in.resolve("programme.flac"), only.resolve("programme.flac"));
        Path out = work.resolve("parquet");
        Run spark = cli("spark", "spark.input=" + only, "spark.out=" + out, "spark.master=local[2]");
        assertEquals(0, spark.code(), spark.out());
        try (Stream<Path> parts = Files.list(out.resolve("segments"))) {
            assertTrue(parts.anyMatch(p -> p.getFileName().toString().endsWith(".parquet")));
        }
        Path broken = Files.createDirectories(work.resolve("only-broken"));
        Files.copy(in.resolve("broken.mp3"), broken.resolve("broken.mp3"));
        Run failed = cli("spark", "spark.input=" + broken, "spark.out=" + work.resolve("nothing"), "spark.master=local[2]");
        assertTrue(failed.code() != 0 && failed.out().contains("no input could be segmented"), failed.out());
    }

    /** segments.csv as written by the segment stage, sorted as the Spark table is compared. */
    static List<CSVRecord> stageSegments(Path csv) throws IOException {
        return sorted(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(Files.readString(csv))).getRecords());
    }

    static List<CSVRecord> sorted(List<CSVRecord> rows) {
        return rows.stream().sorted(Comparator.comparing((CSVRecord r) -> r.get("file"))
                .thenComparingDouble(r -> Double.parseDouble(r.get("start_s")))).toList();
    }
}
