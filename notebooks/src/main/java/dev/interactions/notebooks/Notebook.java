package dev.interactions.notebooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A SQL notebook: a title ({@code -- # Title}), prose in {@code --} comments, and cells that each
 * start with {@code -- %% Cell title} and hold one SQL query. Plain text, so analysts can open the
 * same file in any SQL editor.
 */
public record Notebook(String name, String title, List<Cell> cells) {
  /** The notebooks that ship with the pipeline, by name. */
  public static final List<String> BUNDLED = List.of("team_dashboard", "customer_health", "why_not_synced",
      "conversations");

  public record Cell(String title, String sql) {}

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
    try {
      String name = file.getFileName().toString().replaceFirst("\\.sql$", "");
      return parse(name, Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read notebook " + file + ": " + e.getMessage(), e);
    }
  }

  public static Notebook parse(String name, String text) {
    String title = name;
    List<Cell> cells = new ArrayList<>();
    String cellTitle = null;
    StringBuilder sql = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("-- # ") && cells.isEmpty() && cellTitle == null) {
        title = trimmed.substring(5).strip();
      } else if (trimmed.startsWith("-- %%")) {
        addCell(cells, cellTitle, sql);
        cellTitle = trimmed.substring(5).strip();
        sql.setLength(0);
      } else if (cellTitle != null && !trimmed.startsWith("--")) {
        sql.append(line).append('\n');
      }
    }
    addCell(cells, cellTitle, sql);
    if (cells.isEmpty()) {
      throw new IllegalArgumentException("notebook " + name + " has no cells (each starts with '-- %% Title')");
    }
    return new Notebook(name, title, List.copyOf(cells));
  }

  private static void addCell(List<Cell> cells, String title, StringBuilder sql) {
    String query = sql.toString().strip();
    if (query.endsWith(";")) {
      query = query.substring(0, query.length() - 1).strip();
    }
    if (title != null && !query.isEmpty()) {
      cells.add(new Cell(title, query));
    }
  }
}
