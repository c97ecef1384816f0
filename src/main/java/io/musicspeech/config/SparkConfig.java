package io.musicspeech.config;

import java.nio.file.Path;
import java.util.Set;

/**
 * The segment job on Apache Spark (the {@code spark} stage, built with {@code -Pspark}).
 *
 * @param input  a folder, an audio file, or a text file listing paths or URIs, one per line
 * @param out    where the tables go (a local folder, or a URI Spark's file systems know)
 * @param master Spark's master URL: local[*] (this machine's cores), local[N], spark://..., yarn
 * @param format the tables' format: parquet or csv
 * @param model  a bundle or Keras file; null: {@code models.shipped}, else {@code models.original}
 */
public record SparkConfig(@Nullable String input, @Nullable String out, String master, String format, @Nullable Path model) {
    public static final Set<String> FORMATS = Set.of("parquet", "csv");

    public SparkConfig {
        Check.that(!master.isBlank(), "master", "must not be empty (local[*] runs on this machine)");
        Check.that(FORMATS.contains(format), "format", "must be parquet or csv, got '" + format + "'");
    }
}
