package dev.interactions.notebooks;

import dev.interactions.core.spark.CsvFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;

/**
 * A notebook's run as one self-contained HTML page: the prose, each result as a table with its row
 * count, and charts as inline SVG. No script, nothing loaded from anywhere, every value escaped.
 */
public final class HtmlReport {
  /** Rows shown per table; a longer result says how many it left out. */
  public static final int MAX_ROWS = 200;
  /** Rows a chart draws at most (a chart of more is unreadable anyway). */
  static final int MAX_CHART_ROWS = 1000;

  private static final String STYLE = String.join("\n",
      "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:1100px;",
      "padding:0 1rem;color:#1f2328;line-height:1.45}",
      "h1,h2,h3{line-height:1.2}section.cell{margin:1.5rem 0}",
      "h2.cell-title{font-size:1.1rem;border-bottom:1px solid #d0d7de;padding-bottom:.25rem}",
      "table.result{border-collapse:collapse;font-size:.85rem;display:block;overflow-x:auto;max-width:100%}",
      "table.result th,table.result td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;",
      "vertical-align:top;white-space:nowrap}",
      "table.result th{background:#f6f8fa}table.result td.num{text-align:right}",
      "p.count{color:#57606a;font-size:.85rem;margin:.25rem 0}p.truncated{color:#9a6700}",
      "code,pre{background:#f6f8fa;font-family:ui-monospace,monospace;font-size:.85em}pre{padding:.5rem}",
      "svg.chart{max-width:100%;height:auto;font-size:11px}svg .axis{stroke:#57606a}",
      "svg .grid{stroke:#d0d7de;stroke-dasharray:2 3}svg .tick{fill:#57606a}",
      "svg .axis-title{fill:#1f2328;text-anchor:middle}svg .legend text{fill:#1f2328}",
      "p.params{color:#57606a;font-size:.85rem}");

  private HtmlReport() {}

  /** The report of {@code results}, the run of {@code notebook} with the widget {@code values}. */
  public static String render(Notebook notebook, java.util.Map<String, String> values,
      List<NotebookRunner.CellResult> results) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(Html.escape(notebook.title())).append("</title>\n")
        .append("<style>\n").append(STYLE).append("\n</style>\n</head>\n<body>\n");
    boolean titled = notebook.cells().stream().anyMatch(c -> c.markdown() && c.text().startsWith("# "));
    if (!titled) {
      html.append("<h1>").append(Html.escape(notebook.title())).append("</h1>\n");
    }
    int next = 0;
    for (Notebook.Cell cell : notebook.cells()) {
      if (cell.markdown()) {
        html.append("<section class=\"cell prose\">\n").append(Markdown.toHtml(cell.text())).append("</section>\n");
        if (next == 0 && !values.isEmpty()) {
          html.append(params(values));
        }
      } else {
        html.append(result(results.get(next)));
      }
      if (!cell.markdown()) {
        next++;
      }
    }
    return html.append("</body>\n</html>\n").toString();
  }

  private static String params(java.util.Map<String, String> values) {
    List<String> shown = new ArrayList<>();
    values.forEach((k, v) -> shown.add("<code>" + Html.escape(k) + "</code> = <code>" + Html.escape(v) + "</code>"));
    return "<p class=\"params\">Parameters: " + String.join(", ", shown) + "</p>\n";
  }

  private static String result(NotebookRunner.CellResult result) {
    Notebook.Cell cell = result.cell();
    String[] columns = result.rows().columns();
    int fetch = Math.max(MAX_ROWS, cell.chart().isPresent() ? MAX_CHART_ROWS : 0) + 1;
    List<Row> rows = result.rows().limit(fetch).collectAsList();
    long total = rows.size() < fetch ? rows.size() : result.rows().count();
    StringBuilder html = new StringBuilder("<section class=\"cell result\">\n");
    html.append("<h2 class=\"cell-title\">").append(Html.escape(cell.title())).append("</h2>\n");
    cell.chart().ifPresent(chart -> html.append(SvgChart.render(chart, series(cell, chart, columns, rows))));
    int shown = (int) Math.min(rows.size(), MAX_ROWS);
    html.append("<p class=\"count\">").append(total).append(total == 1 ? " row" : " rows").append("</p>\n");
    html.append("<table class=\"result\">\n<thead><tr>");
    for (String column : columns) {
      html.append("<th>").append(Html.escape(column)).append("</th>");
    }
    html.append("</tr></thead>\n<tbody>\n");
    for (Row row : rows.subList(0, shown)) {
      html.append("<tr>");
      for (int i = 0; i < row.size(); i++) {
        Object v = row.get(i);
        html.append(v instanceof Number ? "<td class=\"num\">" : "<td>").append(Html.escape(CsvFormat.format(v)))
            .append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</tbody>\n</table>\n");
    if (total > shown) {
      html.append("<p class=\"count truncated\">Showing the first ").append(shown).append(" of ").append(total)
          .append(" rows; run the query with <code>bin/interactions sql</code> for all of them.</p>\n");
    }
    return html.append("</section>\n").toString();
  }

  /** The chart's columns of the rows; a column the result lacks fails naming the cell. */
  static SvgChart.Series series(Notebook.Cell cell, Chart chart, String[] columns, List<Row> rows) {
    List<String> names = Arrays.asList(columns);
    int x = index(cell, names, chart.x());
    List<Row> drawn = rows.subList(0, Math.min(rows.size(), MAX_CHART_ROWS));
    List<String> labels = drawn.stream().map(r -> CsvFormat.format(r.get(x))).toList();
    List<double[]> values = new ArrayList<>();
    for (String y : chart.y()) {
      int column = index(cell, names, y);
      double[] v = new double[drawn.size()];
      for (int i = 0; i < drawn.size(); i++) {
        v[i] = number(drawn.get(i).get(column));
      }
      values.add(v);
    }
    return new SvgChart.Series(labels, chart.y(), values);
  }

  private static int index(Notebook.Cell cell, List<String> columns, String column) {
    int i = columns.indexOf(column);
    if (i < 0) {
      throw new IllegalArgumentException("cell '" + cell.title() + "': chart column '" + column
          + "' is not in its result (" + String.join(", ", columns) + ")");
    }
    return i;
  }

  private static double number(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value == null) {
      return 0;
    }
    try {
      return Double.parseDouble(value.toString().strip().toLowerCase(Locale.ROOT));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
