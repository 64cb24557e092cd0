package dev.interactions.notebooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A notebook in Databricks source format (SPEC.md "Notebooks"), so that the same file imports into
 * Databricks as it is and opens as plain SQL anywhere else: Markdown cells, widget cells (the
 * parameters) and SQL cells, which may carry {@code -- chart:} and {@code -- required}.
 */
public record Notebook(String name, String title, Map<String, String> widgets, List<Cell> cells) {
  /** The notebooks that ship with the pipeline (the top-level notebooks/ folder), by name. */
  public static final List<String> BUNDLED =
      List.of("customer_history", "team_dashboard", "customers_at_risk", "sync_health");

  /** One cell: Markdown prose or a SQL query. {@code title} is for output and error messages. */
  public record Cell(int number, String title, boolean markdown, String text, Optional<Chart> chart,
      boolean required) {}

  public static Notebook bundled(String name) {
    try (InputStream in = Notebook.class.getResourceAsStream("/notebooks/" + name + ".sql")) {
      if (in == null) {
        throw new IllegalArgumentException("no notebook named '" + name + "'; bundled: " + String.join(", ", BUNDLED));
      }
      return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Notebook fromFile(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read notebook " + file + ": " + e.getMessage(), e);
    }
    return parse(file.getFileName().toString().replaceFirst("\\.sql$", ""), text);
  }

  /** A file given by path when it is one, otherwise a bundled notebook's name. */
  public static Notebook load(String fileOrName) {
    Path path = Path.of(fileOrName);
    return fileOrName.endsWith(".sql") || Files.isRegularFile(path) ? fromFile(path) : bundled(fileOrName);
  }

  public static Notebook parse(String name, String text) {
    List<String> sources = NotebookFormat.cellSources(name, text);
    Map<String, String> widgets = new LinkedHashMap<>();
    List<Cell> cells = new ArrayList<>();
    String title = null;
    for (String source : sources) {
      int number = cells.size() + 1;
      Optional<String> markdown = NotebookFormat.markdown(source);
      if (markdown.isPresent()) {
        if (title == null) {
          title = NotebookFormat.firstHeading(markdown.get()).orElse(null);
        }
        cells.add(new Cell(number, "Markdown " + number, true, markdown.get(), Optional.empty(), false));
        continue;
      }
      Optional<Map.Entry<String, String>> widget = NotebookFormat.widget(source);
      if (widget.isPresent()) {
        if (widgets.put(widget.get().getKey(), widget.get().getValue()) != null) {
          throw new IllegalArgumentException("notebook " + name + ": widget '" + widget.get().getKey() + "' twice");
        }
        continue;
      }
      String sql = NotebookFormat.sql(source);
      if (sql.isEmpty()) {
        continue;
      }
      String cellTitle = NotebookFormat.title(source).orElse("Cell " + number);
      Optional<Chart> chart = NotebookFormat.chart(name, cellTitle, source);
      cells.add(new Cell(number, cellTitle, false, sql, chart, NotebookFormat.required(source)));
    }
    if (cells.stream().noneMatch(c -> !c.markdown())) {
      throw new IllegalArgumentException("notebook " + name + " has no SQL cells");
    }
    return new Notebook(name, title == null ? name : title, Map.copyOf(widgets), List.copyOf(cells));
  }

  /** The SQL cells, in order. */
  public List<Cell> sqlCells() {
    return cells.stream().filter(c -> !c.markdown()).toList();
  }
}
