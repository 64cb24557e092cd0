package dev.interactions.notebooks;

import dev.interactions.core.catalog.Warehouse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Runs a notebook's SQL cells, in order, over a warehouse's registered tables. */
public final class NotebookRunner {
  private final Warehouse warehouse;

  public NotebookRunner(Warehouse warehouse) {
    this.warehouse = warehouse;
  }

  /** One SQL cell's result; {@code rows} is lazy, so a caller collects only what it shows. */
  public record CellResult(Notebook.Cell cell, Dataset<Row> rows) {}

  /** The cells' results with the widgets' defaults. */
  public List<CellResult> run(Notebook notebook) {
    return run(notebook, Map.of());
  }

  /**
   * The cells' results with {@code params} over the widgets' defaults. An unknown parameter, a
   * failing cell or a required cell without rows fails with a one-line message naming it.
   */
  public List<CellResult> run(Notebook notebook, Map<String, String> params) {
    Map<String, String> values = widgetValues(notebook, params);
    warehouse.register();
    List<CellResult> out = new ArrayList<>();
    for (Notebook.Cell cell : notebook.sqlCells()) {
      Dataset<Row> rows;
      try {
        rows = warehouse.spark().sql(substitute(notebook, cell, values));
        if (cell.required() && rows.isEmpty()) {
          throw new IllegalArgumentException("notebook " + notebook.name() + ", cell '" + cell.title()
              + "' is required but returned no rows");
        }
      } catch (IllegalArgumentException e) {
        throw e;
      } catch (Exception e) { // Spark's AnalysisException is a checked exception thrown from Scala
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        throw new IllegalArgumentException("notebook " + notebook.name() + ", cell '" + cell.title() + "' failed: "
            + reason.strip().lines().findFirst().orElse(""), e);
      }
      out.add(new CellResult(cell, rows));
    }
    return out;
  }

  static Map<String, String> widgetValues(Notebook notebook, Map<String, String> params) {
    Map<String, String> values = new LinkedHashMap<>(notebook.widgets());
    for (Map.Entry<String, String> p : params.entrySet()) {
      if (!values.containsKey(p.getKey())) {
        throw new IllegalArgumentException("unknown --param '" + p.getKey() + "' for notebook " + notebook.name()
            + "; its widgets: " + (values.isEmpty() ? "none" : String.join(", ", new TreeSet<>(values.keySet()))));
      }
      values.put(p.getKey(), p.getValue());
    }
    return values;
  }

  /** Replaces each {@code ${name}} as Databricks does: the value's text, as it is. */
  static String substitute(Notebook notebook, Notebook.Cell cell, Map<String, String> values) {
    Matcher m = NotebookFormat.REFERENCE.matcher(cell.text());
    StringBuilder sql = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException("notebook " + notebook.name() + ", cell '" + cell.title()
            + "' uses ${" + m.group(1) + "}, which no widget defines");
      }
      m.appendReplacement(sql, Matcher.quoteReplacement(value));
    }
    m.appendTail(sql);
    return sql.toString();
  }
}
