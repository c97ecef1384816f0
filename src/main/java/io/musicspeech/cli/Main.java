package io.musicspeech.cli;

import java.nio.file.Path;
import java.util.List;

/** The one entry point; every Maven profile runs it with its stage name first. */
public final class Main {
    /** Folder of config.yaml; relative to where the command runs (the project root under Maven). */
    private static final String CONFIG_DIR_PROPERTY = "musicspeech.config.dir";

    private Main() {
    }

    public static List<Stage> stages() {
        return List.of(new PrepareStage(), new TrainStage(), new EvaluateStage(), new CrossValidateStage(), new ListenStage(), new SegmentStage(), new ServeStage(), new SparkStage(), new StreamsStage(), new SynthStage(),
                new DevicesStage(), new BenchStage(), new ShowConfigStage());
    }

    public static void main(String[] args) {
        ProcessUsage.reportAtExitIfAsked();
        Path configDir = Path.of(System.getProperty(CONFIG_DIR_PROPERTY, "config"));
        int code = new Cli(stages(), configDir, System.out, System.err).run(args);
        System.out.flush();
        if (code != Cli.OK) {
            System.exit(code);
        }
    }
}
