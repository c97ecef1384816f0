package io.musicspeech.notebook;

import tech.tablesaw.api.Table;

/** A Tablesaw table as an HTML table of its first rows (tablesaw-core has no HTML writer). */
final class TableHtml {
    private TableHtml() {
    }

    static String of(Table table, int maxRows) {
        int rows = Math.min(maxRows, table.rowCount());
        StringBuilder html = new StringBuilder("<table>\n<caption>")
                .append(escape(table.name() == null ? "" : table.name()))
                .append(" (").append(table.rowCount()).append(" rows, ").append(table.columnCount()).append(" columns")
                .append(rows < table.rowCount() ? ", first " + rows + " shown" : "")
                .append(")</caption>\n<thead><tr>");
        for (String name : table.columnNames()) {
            html.append("<th>").append(escape(name)).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (int row = 0; row < rows; row++) {
            html.append("<tr>");
            for (int column = 0; column < table.columnCount(); column++) {
                html.append("<td>").append(escape(table.getString(row, column))).append("</td>");
            }
            html.append("</tr>\n");
        }
        return html.append("</tbody>\n</table>").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
