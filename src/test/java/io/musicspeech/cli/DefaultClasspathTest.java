package io.musicspeech.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The default build carries no Spark: the spark stage says how to get it instead of failing to link. */
class DefaultClasspathTest {
    @TempDir
    Path runs;

    @Test
    void sparkIsNotOnTheDefaultClasspathAndTheSparkStageSaysWhichProfileBringsIt() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.spark.SparkContext"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int code = new Cli(Main.stages(), Path.of("config"), print, print).run("spark", "spark.input=x", "spark.out=y", "run.outputs=" + runs);
        assertNotEquals(0, code);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("-Pspark"), out.toString(StandardCharsets.UTF_8));
    }
}
