package io.musicspeech.live;

import org.opentest4j.TestAbortedException;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * DESIGN.md's microphone without hardware, for one test: a PulseAudio daemon of its own (own
 * runtime folder, so it meets no other server) with a null sink 'vsink' and a source 'vmic' on
 * its monitor, both defaults. Java Sound's 'default [default]' device in a process given
 * {@link #environment()} records what {@link #play} plays. The same recipe as
 * {@code .ci/virtual-mic.sh}. Where the daemon cannot start, the test is skipped with the reason
 * (printed too, so a skip is never silent).
 */
final class VirtualMicrophone implements AutoCloseable {
    private final Path runtime;
    private final Process daemon;

    private VirtualMicrophone(Path runtime, Process daemon) {
        this.runtime = runtime;
        this.daemon = daemon;
    }

    static VirtualMicrophone start(Path runtime, int rate) throws IOException, InterruptedException {
        for (String tool : List.of("pulseaudio", "pactl", "paplay")) {
            skipUnless(onPath(tool), tool + " is not installed (Debian: apt-get install --no-install-recommends pulseaudio pulseaudio-utils)");
        }
        Files.createDirectories(runtime);
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwx------"));
        Path log = runtime.resolve("pulseaudio.log");
        ProcessBuilder builder = new ProcessBuilder("pulseaudio", "--daemonize=no", "--exit-idle-time=-1", "-n",
                "--load=module-native-protocol-unix",
                "--load=module-null-sink sink_name=vsink rate=" + rate + " channels=1",
                "--load=module-remap-source master=vsink.monitor source_name=vmic")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env(runtime));
        Process daemon = builder.start();
        VirtualMicrophone mic = new VirtualMicrophone(runtime, daemon);
        long end = System.currentTimeMillis() + 15_000;
        while (!mic.pactl("info")) {
            if (!daemon.isAlive() || System.currentTimeMillis() > end) {
                mic.close();
                skipUnless(false, "PulseAudio did not start (" + (daemon.isAlive() ? "no answer in 15 s" : "exit " + daemon.exitValue())
                        + "): " + Files.readString(log, StandardCharsets.UTF_8).strip().replace('\n', ' '));
            }
            Thread.sleep(200);
        }
        if (!mic.pactl("set-default-sink", "vsink") || !mic.pactl("set-default-source", "vmic")) {
            mic.close();
            skipUnless(false, "PulseAudio started but the virtual devices could not be made the defaults");
        }
        return mic;
    }

    /** What a client process needs to find this daemon. */
    Map<String, String> environment() {
        return env(runtime);
    }

    private static Map<String, String> env(Path runtime) {
        return Map.of("XDG_RUNTIME_DIR", runtime.toString(),
                "PULSE_SERVER", "unix:" + runtime.resolve("pulse").resolve("native"));
    }

    /** Plays a WAV into the sink, in real time; returns when it has been played. */
    void play(Path wav) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("paplay", "-d", "vsink", wav.toString()).redirectErrorStream(true);
        builder.environment().putAll(environment());
        Process paplay = builder.start();
        String output = new String(paplay.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!paplay.waitFor(120, TimeUnit.SECONDS) || paplay.exitValue() != 0) {
            throw new IllegalStateException("paplay failed: " + output);
        }
    }

    private boolean pactl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("pactl"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment());
        Process p = builder.start();
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (daemon.isAlive()) {
            pactl("exit");
            if (!daemon.waitFor(5, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
            }
        }
    }

    static void skipUnless(boolean condition, String reason) {
        if (!condition) {
            System.err.println("SKIPPED: " + reason);
            throw new TestAbortedException(reason);
        }
    }

    static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
