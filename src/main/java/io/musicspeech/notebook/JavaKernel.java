package io.musicspeech.notebook;

import java.util.List;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;

/**
 * The Jupyter side of the kernel: basekernel does the protocol and swaps System.out/err for the
 * notebook's streams during each cell; this class evaluates cells and turns values into outputs.
 */
public class JavaKernel extends BaseKernel {
    private final CellEvaluator evaluator;
    private final LanguageInfo languageInfo;

    public JavaKernel(String classpath) throws CellError {
        Renderers.registerAll(getRenderer());
        this.evaluator = new CellEvaluator(classpath);
        this.languageInfo = new LanguageInfo.Builder("Java")
                .version(Runtime.version().toString())
                .mimetype("text/x-java-source")
                .fileExtension(".jshell")
                .pygments("java")
                .codemirror("java")
                .build();
        Display.setSink(value -> display(render(value)));
    }

    /** A cell's outputs go out as they happen; the returned data is the final expression's value, if any. */
    @Override
    public DisplayData eval(String code) throws CellError {
        int cellNumber = executionCount.get() - 1; // basekernel counts this cell before calling eval
        return evaluator.evaluate(code, cellNumber).map(value -> render(value.value())).orElse(null);
    }

    DisplayData render(Object value) {
        return value == null ? new DisplayData("null") : getRenderer().render(value);
    }

    @Override
    public String isComplete(String code) {
        return switch (evaluator.completeness(code)) {
            case COMPLETE -> IS_COMPLETE_YES;
            case INVALID -> IS_COMPLETE_BAD;
            case INCOMPLETE -> ""; // any other string means "incomplete, indent the next line by this"
        };
    }

    @Override
    public void interrupt() {
        evaluator.stop();
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return languageInfo;
    }

    /** A cell's failure shows as its own report; the kernel's stack trace would only hide it. */
    @Override
    public List<String> formatError(Exception e) {
        if (e instanceof CellError cellError) {
            return cellError.report().stream().map(errorStyler::secondary).toList();
        }
        return super.formatError(e);
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        evaluator.close();
    }
}
