package io.musicspeech.audio;

import io.musicspeech.UserError;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the system's audio tools (ffmpeg, espeak-ng, sox from Debian's packages) and turns
 * every way it can fail into a one-line {@link UserError} that names the tool and how to install it.
 */
public final class ExternalCommand {
    private ExternalCommand() {
    }

    /**
     * Runs {@code command} (its first word is the tool) to completion.
     *
     * @param purpose        what it is doing, for the messages ("write out.mp3")
     * @param debianPackage  the package that installs the tool
     * @param timeoutSeconds after this it is killed and an error is thrown
     * @return what it printed (standard output and error together)
     */
    public static String run(List<String> command, String purpose, String debianPackage, long timeoutSeconds) {
        String tool = command.get(0);
        Process process;
        File log;
        try {
            // Output to a file, so that waiting (with its timeout) never blocks on a full pipe.
            log = File.createTempFile(tool + "-", ".log");
            log.deleteOnExit();
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        } catch (IOException e) {
            throw new UserError("cannot run " + tool + " to " + purpose + " (" + e.getMessage()
                    + "); install it (Debian: apt-get install " + debianPackage + ")");
        }
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new UserError(tool + " did not " + purpose + " within " + timeoutSeconds + " s");
            }
            String output = Files.readString(log.toPath(), StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                throw new UserError(String.format(Locale.ROOT, "%s failed to %s (exit %d): %s", tool, purpose,
                        process.exitValue(), output.lines().reduce((a, b) -> b).orElse("")));
            }
            return output;
        } catch (IOException e) {
            throw new UserError(tool + " failed to " + purpose + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while " + tool + " was to " + purpose);
        } finally {
            log.delete();
        }
    }
}
