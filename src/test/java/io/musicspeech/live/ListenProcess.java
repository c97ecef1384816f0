package io.musicspeech.live;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code Main listen ...} in a JVM of its own (as a user runs it), with its console collected
 * line by line. SIGINT is reset to its default for the child ({@code env --default-signal=INT}):
 * a JVM started with SIGINT ignored (as anything started with {@code &} from a script is) would
 * otherwise ignore Ctrl-C and never run its shutdown hooks.
 */
final class ListenProcess implements AutoCloseable {
    final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private ListenProcess(Process process) {
        this.process = process;
        this.reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }, "listen-output");
        reader.setDaemon(true);
        reader.start();
    }

    static ListenProcess start(Map<String, String> env, String... overrides) throws IOException {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/env"))) {
            command.addAll(List.of("/usr/bin/env", "--default-signal=INT"));
        }
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dorg.bytedeco.javacpp.maxphysicalbytes=1500M",
                "-cp", classpath, "io.musicspeech.cli.Main", "listen"));
        command.addAll(List.of(overrides));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("OMP_NUM_THREADS", "1");
        builder.environment().putAll(env);
        return new ListenProcess(builder.start());
    }

    /** Waits until a console line matches; false on timeout or if the process ended first. */
    boolean awaitLine(Predicate<String> matches, long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        synchronized (lines) {
            while (true) {
                if (lines.stream().anyMatch(matches)) {
                    return true;
                }
                long left = end - System.currentTimeMillis();
                if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
                    return false;
                }
                lines.wait(Math.min(left, 200));
            }
        }
    }

    /** Sends SIGINT, as Ctrl-C does. */
    void interrupt() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
        kill.waitFor(10, TimeUnit.SECONDS);
    }

    /** Waits for the exit code; -1 after the timeout. */
    int await(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            return -1;
        }
        reader.join(5000);
        return process.exitValue();
    }

    String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
