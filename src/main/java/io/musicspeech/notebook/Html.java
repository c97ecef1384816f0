package io.musicspeech.notebook;

/** HTML for a cell's output: {@code display(new Html("<b>done</b>"))} shows it rendered, not as text. */
public record Html(String html) {
    @Override
    public String toString() {
        return html;
    }
}
