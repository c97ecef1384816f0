package io.musicspeech.spark;

import io.musicspeech.segment.SegmentsCsv;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetOutputFormat;
import org.apache.parquet.hadoop.example.ExampleOutputFormat;
import org.apache.parquet.hadoop.example.GroupWriteSupport;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One of the job's tables, its name and columns, and how its rows are written: one file, Parquet
 * (parquet-hadoop's Group writer, Snappy) or CSV with a header (Commons CSV, the project's format), by
 * Hadoop output formats under Spark's commit protocol (a retried task's file appears whole or not at
 * all), into a hidden folder beside the table that then takes the old table's place.
 *
 * <p>Not Spark SQL's DataFrame writer: on this machine (local[2], three tables of a few hundred rows)
 * its first DataFrame and first write took 1.0 + 2.1 s (session state, code generation) against 0.65 s
 * for the first Parquet write through the RDD API and 0.33 s for text: most of the job's fixed cost on
 * an hour of audio.
 */
record OutputTable(String name, List<Column> columns) implements Serializable {
    enum Type {
        STRING, DOUBLE, INT
    }

    /** A column; only an optional one may hold null. */
    record Column(String name, Type type, boolean optional) implements Serializable {
    }

    static Column required(String name, Type type) {
        return new Column(name, type, false);
    }

    static Column optional(String name, Type type) {
        return new Column(name, type, true);
    }

    /** Writes the rows (one value per column, in order) as the table {@code out/name}, replacing what was there. */
    void write(JavaSparkContext jsc, JavaRDD<Object[]> rows, String format, String out) throws IOException {
        Configuration hadoop = new Configuration(jsc.hadoopConfiguration());
        Path target = new Path(out, name);
        Path staged = new Path(out, "." + name + "-" + UUID.randomUUID());
        FileSystem fs = target.getFileSystem(hadoop);
        try {
            if (format.equals("parquet")) {
                writeParquet(rows.coalesce(1), staged.toString(), hadoop);
            } else {
                writeCsv(rows.coalesce(1), staged, fs);
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

    private void writeParquet(JavaRDD<Object[]> rows, String path, Configuration hadoop) {
        MessageType parquetSchema = parquetSchema();
        GroupWriteSupport.setSchema(parquetSchema, hadoop);
        hadoop.set(ParquetOutputFormat.COMPRESSION, "SNAPPY");
        hadoop.set(ParquetOutputFormat.JOB_SUMMARY_LEVEL, "NONE");
        String schema = parquetSchema.toString(); // MessageType is not Serializable; each task parses it
        rows.mapPartitionsToPair(part -> {
            SimpleGroupFactory groups = new SimpleGroupFactory(MessageTypeParser.parseMessageType(schema));
            return stream(part).map(row -> new Tuple2<Void, Group>(null, group(groups.newGroup(), row))).iterator();
        }).saveAsNewAPIHadoopFile(path, Void.class, Group.class, ExampleOutputFormat.class, hadoop);
    }

    private static Stream<Object[]> stream(Iterator<Object[]> rows) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(rows, Spliterator.ORDERED), false);
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

    private void writeCsv(JavaRDD<Object[]> rows, Path staged, FileSystem fs) throws IOException {
        String header = SegmentsCsv.FORMAT.format(columns.stream().map(Column::name).toArray());
        rows.mapPartitions(part -> Stream.concat(Stream.of(header), stream(part).map(SegmentsCsv.FORMAT::format)).iterator())
                .saveAsTextFile(staged.toString());
        // Hadoop names a text part part-00000; readers and people look for .csv.
        List<Path> parts = new ArrayList<>();
        for (FileStatus status : fs.listStatus(staged)) {
            if (status.getPath().getName().startsWith("part-")) {
                parts.add(status.getPath());
            }
        }
        for (Path part : parts) {
            if (!fs.rename(part, part.suffix(".csv"))) {
                throw new IOException("cannot name " + part + " .csv");
            }
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%d columns)", name, columns.size());
    }
}
