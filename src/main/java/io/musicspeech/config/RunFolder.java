package io.musicspeech.config;

import io.musicspeech.UserError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A run's own folder, {@code <outputs>/<yyyy-MM-dd>/<HH-mm-ss>/} as Hydra lays it out, holding
 * the resolved config and whatever the stage writes. Two runs in the same second get
 * {@code HH-mm-ss_1}, {@code _2}, ... so nothing is overwritten.
 */
public final class RunFolder {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH-mm-ss");

    private RunFolder() {
    }

    /** Creates the folder for a run starting at {@code start} and writes {@code config.yaml} into it. */
    public static Path create(ResolvedConfig resolved, LocalDateTime start) {
        Path day = resolved.config().run().outputs().resolve(DAY.format(start));
        String time = TIME.format(start);
        try {
            Files.createDirectories(day);
            Path dir = null;
            for (int attempt = 0; dir == null; attempt++) {
                Path candidate = day.resolve(attempt == 0 ? time : time + "_" + attempt);
                try {
                    dir = Files.createDirectory(candidate);
                } catch (FileAlreadyExistsException taken) {
                    // another run started in the same second; try the next suffix
                }
            }
            Files.writeString(dir.resolve("config.yaml"), resolved.toYaml(), StandardCharsets.UTF_8);
            return dir;
        } catch (IOException e) {
            throw new UserError(day + ": cannot create the run folder (" + e.getMessage() + "); set run.outputs to a writable folder");
        }
    }
}
