package io.musicspeech.spark;

import io.musicspeech.cli.Cli;
import io.musicspeech.cli.Main;
import io.musicspeech.segment.TestProgramme;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
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
 * is a row of errors, and a rerun replaces the tables rather than adding to them; the Parquet tables
 * read back (with parquet-hadoop's reader) as the segment stage's rows.
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
        Run segment = cli("segment", "segment.input=" + only, "segment.out=" + work.resolve("segmented-flac"));
        assertEquals(0, segment.code(), segment.out());
        List<CSVRecord> expected = stageSegments(work.resolve("segmented-flac/segments.csv"));
        List<Group> segments = parquet(out.resolve("segments"));
        assertEquals(expected.size(), segments.size());
        for (int i = 0; i < expected.size(); i++) {
            Group got = segments.get(i);
            assertEquals(expected.get(i).get("file"), got.getString("file", 0));
            assertEquals(Double.parseDouble(expected.get(i).get("start_s")), got.getDouble("start_s", 0), 1e-9);
            assertEquals(Double.parseDouble(expected.get(i).get("end_s")), got.getDouble("end_s", 0), 1e-9);
            assertEquals(expected.get(i).get("label"), got.getString("label", 0));
            assertEquals(Double.parseDouble(expected.get(i).get("confidence")), got.getDouble("confidence", 0), 1e-9);
        }
        List<Group> summary = parquet(out.resolve("summary"));
        assertEquals(1, summary.size());
        assertEquals(segments.size(), summary.get(0).getInteger("segments", 0));
        assertEquals(0, summary.get(0).getFieldRepetitionCount("damage"), "an undamaged file's damage is null");
        assertEquals(List.of(), parquet(out.resolve("errors")), "an empty table is still a table");
        Path broken = Files.createDirectories(work.resolve("only-broken"));
        Files.copy(in.resolve("broken.mp3"), broken.resolve("broken.mp3"));
        Run failed = cli("spark", "spark.input=" + broken, "spark.out=" + work.resolve("nothing"), "spark.master=local[2]");
        assertTrue(failed.code() != 0 && failed.out().contains("no input could be segmented"), failed.out());
    }

    @Test
    void aListFileNamesTheInputsAsTheSegmentStagesDoes() throws IOException {
        Path list = work.resolve("in/../inputs.txt");
        Files.writeString(list, "# the programme, once as FLAC (listed twice) and once as Ogg\nin/programme.flac\n\nin/programme.ogg\nin/programme.flac\n");
        Path out = work.resolve("listed");
        Run spark = cli("spark", "spark.input=" + list, "spark.out=" + out, "spark.format=csv", "spark.master=local[2]");
        assertEquals(0, spark.code(), spark.out());
        assertEquals(List.of("in/programme.flac", "in/programme.ogg"),
                table(out.resolve("summary")).stream().map(r -> r.get("file")).sorted().toList());
    }

    @Test
    void aModelThatCannotBeLoadedStopsTheJobAndSparkWithIt() throws IOException {
        Path model = work.resolve("not-a-model.zip");
        Files.writeString(model, "not a model bundle");
        Path out = work.resolve("bad-model");
        Run bad = cli("spark", "spark.input=" + in.resolve("programme.wav"), "spark.out=" + out, "spark.model=" + model,
                "spark.master=local[2]");
        assertTrue(bad.code() != 0 && bad.out().contains("not-a-model.zip"), bad.out());
        assertTrue(!bad.out().contains("Exception") && !Files.exists(out.resolve("segments")), bad.out());
        // Spark allows one context per JVM: the next job starts only if the failed one stopped its context.
        Run good = cli("spark", "spark.input=" + in.resolve("programme.wav"), "spark.out=" + out, "spark.master=local[2]");
        assertEquals(0, good.code(), good.out());
    }

    /** A Parquet table's rows in file order, read with parquet-hadoop's own reader. */
    static List<Group> parquet(Path dir) throws IOException {
        List<Group> rows = new ArrayList<>();
        try (Stream<Path> parts = Files.list(dir)) {
            List<Path> files = parts.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
            assertEquals(1, files.size(), "one file per table: " + files);
            try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
                    new org.apache.hadoop.fs.Path(files.get(0).toUri())).build()) {
                for (Group row = reader.read(); row != null; row = reader.read()) {
                    rows.add(row);
                }
            }
        }
        return rows;
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
