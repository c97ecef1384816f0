package io.musicspeech.spark;

import io.musicspeech.segment.SegmentsCsv;
import org.apache.commons.csv.CSVPrinter;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * One of the job's tables, its name and columns, and how its rows are written: one file, Parquet
 * (parquet-hadoop's Group writer, Snappy) or CSV with a header (Commons CSV, the project's format), by
 * the driver through Hadoop's file system, into a hidden folder beside the table that then takes the
 * old table's place (a failed or interrupted write leaves the old table as it was).
 *
 * <p>The driver writes, from rows it fetches a batch of partitions at a time, because on this machine
 * (local[2], an hour of audio in 4 files) each table written by Spark cost a job and the commit
 * protocol's classes: 1.0 s for the three tables and the two small jobs around them, against 0.6 s
 * this way (the whole run 5.6 -> 5.1 s). Spark SQL's DataFrame writer was slower still (its first
 * DataFrame and first write 1.0 + 2.1 s: session state, code generation). One writer per table is
 * what the single-file table had before too (a coalesce(1) task), and a table holds a few hundred
 * rows per hour of audio.
 */
record OutputTable(String name, List<Column> columns) {
    enum Type {
        STRING, DOUBLE, INT
    }

    /** A column; only an optional one may hold null. */
    record Column(String name, Type type, boolean optional) {
    }

    static Column required(String name, Type type) {
        return new Column(name, type, false);
    }

    static Column optional(String name, Type type) {
        return new Column(name, type, true);
    }

    /** Writes the rows (one value per column, in order) as the table {@code out/name}, replacing what was there. */
    void write(Iterator<Object[]> rows, String format, String out, Configuration jobHadoop) throws IOException {
        Configuration hadoop = withoutLocalChecksums(jobHadoop);
        Path target = new Path(out, name);
        Path staged = new Path(out, "." + name + "-" + UUID.randomUUID());
        FileSystem fs = target.getFileSystem(hadoop);
        try {
            if (format.equals("parquet")) {
                writeParquet(rows, new Path(staged, "part-00000.snappy.parquet"), hadoop);
            } else {
                writeCsv(rows, new Path(staged, "part-00000.csv"), fs);
            }
            if (fs.exists(target) && !fs.delete(target, true)) {
                throw new IOException("cannot remove the previous table " + target);
            }
            if (!fs.rename(staged, target)) {
                throw new IOException("cannot move the new table into place: " + staged + " -> " + target);
            }
        } finally {
            fs.delete(staged, true);
        }
    }

    /**
     * Hadoop's file system for local paths (file:), wrapped in its checksum layer, writes a .crc file
     * beside each file and sets each one's permissions with a chmod process (without Hadoop's native
     * library): 3 processes and 0.1 s per table here. The raw local file system writes only the files.
     */
    private static Configuration withoutLocalChecksums(Configuration jobHadoop) {
        Configuration hadoop = new Configuration(jobHadoop);
        hadoop.set("fs.file.impl", RawLocalFileSystem.class.getName());
        hadoop.setBoolean("fs.file.impl.disable.cache", true);
        return hadoop;
    }

    private void writeParquet(Iterator<Object[]> rows, Path file, Configuration hadoop) throws IOException {
        MessageType schema = parquetSchema();
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(file, hadoop)).withConf(hadoop)
                .withType(schema).withCompressionCodec(CompressionCodecName.SNAPPY).build()) {
            while (rows.hasNext()) {
                writer.write(group(groups.newGroup(), rows.next()));
            }
        }
    }

    private void writeCsv(Iterator<Object[]> rows, Path file, FileSystem fs) throws IOException {
        try (CSVPrinter csv = new CSVPrinter(new OutputStreamWriter(fs.create(file, false), StandardCharsets.UTF_8), SegmentsCsv.FORMAT)) {
            csv.printRecord(columns.stream().map(Column::name).toArray());
            while (rows.hasNext()) {
                csv.printRecord(rows.next());
            }
        }
    }

    private Group group(Group group, Object[] row) {
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            Object value = row[i];
            if (value == null) {
                if (!column.optional()) {
                    throw new IllegalStateException("column " + column.name() + " of " + name + " is null");
                }
                continue;
            }
            switch (column.type()) {
                case STRING -> group.append(column.name(), (String) value);
                case DOUBLE -> group.append(column.name(), (Double) value);
                case INT -> group.append(column.name(), (Integer) value);
            }
        }
        return group;
    }

    MessageType parquetSchema() {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (Column column : columns) {
            Repetition repetition = column.optional() ? Repetition.OPTIONAL : Repetition.REQUIRED;
            switch (column.type()) {
                case STRING -> message.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType())
                        .named(column.name());
                case DOUBLE -> message.primitive(PrimitiveTypeName.DOUBLE, repetition).named(column.name());
                case INT -> message.primitive(PrimitiveTypeName.INT32, repetition).named(column.name());
            }
        }
        return message.named(name);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%d columns)", name, columns.size());
    }
}
