package io.musicspeech.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * This process's CPU time and peak resident memory, from Linux's /proc (NaN and -1 elsewhere),
 * for the benchmarks: with {@code -Dmusicspeech.usage=FILE} a run writes them to FILE as it exits,
 * so the segment benchmark can time a whole child run, JVM start included, as {@code time} would.
 */
public final class ProcessUsage {
    /** The system property naming the file the figures are written to at exit. */
    public static final String PROPERTY = "musicspeech.usage";
    private static final double CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private ProcessUsage() {
    }

    /** User plus system CPU seconds of this process so far. */
    public static double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // Fields after the command name, which is in parentheses and may hold spaces.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** VmHWM: the most resident memory this process has held, in bytes; -1 if unknown. */
    public static long peakResidentBytes() {
        return peakResidentBytes("self");
    }

    /** The same for another process (a benchmark's child), by its pid. */
    static long peakResidentBytes(long pid) {
        return peakResidentBytes(Long.toString(pid));
    }

    private static long peakResidentBytes(String process) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/" + process + "/status"));
            for (String line : lines) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").trim()) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }

    /** Registers the exit hook if {@link #PROPERTY} is set. */
    static void reportAtExitIfAsked() {
        String file = System.getProperty(PROPERTY);
        if (file == null || file.isBlank()) {
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.writeString(Path.of(file), String.format(java.util.Locale.ROOT,
                        "{\"cpu_seconds\": %.3f, \"peak_resident_bytes\": %d}%n", cpuSeconds(), peakResidentBytes()));
            } catch (IOException ignored) {
                // the benchmark reports the run as unmeasured
            }
        }, "usage-report"));
    }
}
