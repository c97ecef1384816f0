package io.musicspeech.cli;

/** Prints the resolved configuration (after groups and overrides) without running anything. */
final class ShowConfigStage implements Stage {
    @Override
    public String name() {
        return "config";
    }

    @Override
    public String summary() {
        return "print the resolved configuration (config.yaml + groups + overrides) and exit";
    }

    @Override
    public boolean writesRunFolder() {
        return false;
    }

    @Override
    public void run(StageContext context) {
        context.out().print(context.resolved().toYaml());
    }
}
