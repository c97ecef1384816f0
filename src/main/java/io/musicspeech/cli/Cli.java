package io.musicspeech.cli;

import io.musicspeech.UserError;
import io.musicspeech.config.ConfigLoader;
import io.musicspeech.config.ResolvedConfig;
import io.musicspeech.config.RunFolder;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code <stage> [key=value ...]}: loads and checks the configuration before any work, gives the
 * stage its run folder, and turns a {@link UserError} into one line on stderr (exit 2).
 * Anything else is a bug and is printed with its stack trace (exit 1).
 */
public final class Cli {
    public static final int OK = 0;
    public static final int BUG = 1;
    public static final int USER_ERROR = 2;

    private final Map<String, Stage> stages = new LinkedHashMap<>();
    private final Path configDir;
    private final PrintStream out;
    private final PrintStream err;

    public Cli(List<Stage> stages, Path configDir, PrintStream out, PrintStream err) {
        stages.forEach(s -> this.stages.put(s.name(), s));
        this.configDir = configDir;
        this.out = out;
        this.err = err;
    }

    public int run(String... args) {
        if (args.length == 0 || List.of("help", "-h", "--help").contains(args[0])) {
            out.print(usage());
            return args.length == 0 ? USER_ERROR : OK;
        }
        Stage stage = stages.get(args[0]);
        try {
            if (stage == null) {
                throw new UserError("unknown stage '" + args[0] + "'; stages: " + String.join(", ", stages.keySet()));
            }
            List<String> overrides = Arrays.stream(args, 1, args.length).filter(a -> !a.isBlank()).toList();
            ResolvedConfig resolved = new ConfigLoader(configDir).load(overrides);
            Path runDir = stage.writesRunFolder() ? RunFolder.create(resolved, LocalDateTime.now()) : null;
            if (runDir != null) {
                out.println("run folder: " + runDir);
            }
            stage.run(new StageContext(resolved, runDir, out));
            return OK;
        } catch (UserError e) {
            err.println("error: " + e.getMessage());
            return USER_ERROR;
        } catch (Exception e) {
            err.println("internal error (a bug, not your input; please report it with this trace):");
            e.printStackTrace(err);
            return BUG;
        }
    }

    private String usage() {
        StringBuilder text = new StringBuilder("usage: <stage> [key=value ...] [group=option ...]\n\nstages:\n");
        stages.values().forEach(s -> text.append(String.format("  %-10s %s%n", s.name(), s.summary())));
        text.append("\nOverrides: a.b=c sets a value of config/config.yaml; group=option picks config/<group>/<option>.yaml.\n")
                .append("With Maven: mvn exec:java -P<stage> -Dexec.args=\"a.b=c ...\"\n");
        return text.toString();
    }
}
