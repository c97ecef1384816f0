package io.musicspeech.notebook;

import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.common.Image;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Rich output for the project's types, on top of basekernel's own (images as PNG, text):
 * XChart charts as PNG, Tablesaw tables as HTML, {@link Html} as HTML.
 */
final class Renderers {
    /** Rows of a table shown in a notebook; more would bloat the .ipynb and its HTML. */
    static final int MAX_TABLE_ROWS = 50;

    private Renderers() {
    }

    @SuppressWarnings("rawtypes") // Chart's type parameters do not matter for rendering
    static void registerAll(Renderer renderer) {
        // A chart is drawn into an image; basekernel's image renderer encodes it (base64 PNG).
        renderer.createRegistration(Chart.class)
                .preferring(MIMEType.IMAGE_PNG)
                .register((chart, context) -> Image.renderImage(BitmapEncoder.getBufferedImage(chart), context));
        renderer.createRegistration(Table.class)
                .preferring(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
                .register((table, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> TableHtml.of(table, MAX_TABLE_ROWS));
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> table.print(MAX_TABLE_ROWS));
                });
        renderer.createRegistration(Html.class)
                .preferring(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
                .register((html, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, html::html);
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, html::html);
                });
    }
}
