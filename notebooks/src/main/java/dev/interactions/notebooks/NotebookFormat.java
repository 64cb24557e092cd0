package dev.interactions.notebooks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The lines of the Databricks source format: what marks a notebook, a cell, prose, a widget, a chart. */
public final class NotebookFormat {
  public static final String FIRST_LINE = "-- Databricks notebook source";
  public static final String SEPARATOR = "-- COMMAND ----------";
  static final String MAGIC = "-- MAGIC";
  static final String TITLE = "-- DBTITLE 1,";

  /** {@code CREATE WIDGET TEXT name DEFAULT 'value'}, as Databricks writes it. */
  public static final Pattern WIDGET = Pattern.compile(
      "(?is)\\s*CREATE\\s+WIDGET\\s+TEXT\\s+([A-Za-z_][A-Za-z0-9_]*)\\s+DEFAULT\\s+'((?:[^']|'')*)'\\s*;?\\s*");
  public static final Pattern CHART = Pattern.compile(
      "--\\s*chart:\\s*(bar|line)\\s+x=([A-Za-z_][A-Za-z0-9_]*)\\s+y=([A-Za-z_][A-Za-z0-9_]*(?:,[A-Za-z_][A-Za-z0-9_]*)*)\\s*");
  public static final Pattern REQUIRED = Pattern.compile("--\\s*required\\s*");
  /** A widget used in a query. */
  public static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private NotebookFormat() {}

  /** The text of each cell, in order; fails when the first line is not Databricks' marker. */
  static List<String> cellSources(String name, String text) {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<String> lines = Arrays.asList(body.replace("\r\n", "\n").split("\n", -1));
    if (lines.isEmpty() || !lines.get(0).strip().equals(FIRST_LINE)) {
      throw new IllegalArgumentException("notebook " + name + " does not start with '" + FIRST_LINE + "'");
    }
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    for (String line : lines.subList(1, lines.size())) {
      if (line.strip().equals(SEPARATOR)) {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(line).append('\n');
      }
    }
    cells.add(cell.toString());
    return cells;
  }

  private static List<String> nonBlank(String source) {
    return source.lines().filter(l -> !l.isBlank()).toList();
  }

  /** The Markdown of a cell whose lines are all {@code -- MAGIC} and start with {@code %md}. */
  static Optional<String> markdown(String source) {
    List<String> lines = nonBlank(source).stream().filter(l -> !l.startsWith(TITLE)).toList();
    if (lines.isEmpty() || !lines.stream().allMatch(l -> l.startsWith(MAGIC))) {
      return Optional.empty();
    }
    List<String> text = lines.stream().map(l -> l.substring(MAGIC.length()))
        .map(l -> l.startsWith(" ") ? l.substring(1) : l).toList();
    if (!text.get(0).strip().startsWith("%md")) {
      return Optional.empty();
    }
    List<String> out = new ArrayList<>(text);
    out.set(0, text.get(0).strip().substring(3).strip());
    return Optional.of(String.join("\n", out).strip());
  }

  static Optional<String> firstHeading(String markdown) {
    return markdown.lines().filter(l -> l.startsWith("# ")).map(l -> l.substring(2).strip()).findFirst();
  }

  static Optional<Map.Entry<String, String>> widget(String source) {
    Matcher m = WIDGET.matcher(sql(source));
    return m.matches() ? Optional.of(Map.entry(m.group(1), m.group(2).replace("''", "'"))) : Optional.empty();
  }

  /** The query: lines that are not whole-line comments, without the trailing semicolon. */
  static String sql(String source) {
    StringBuilder sql = new StringBuilder();
    for (String line : source.split("\n", -1)) {
      if (!line.strip().startsWith("--")) {
        sql.append(line).append('\n');
      }
    }
    String query = sql.toString().strip();
    return query.endsWith(";") ? query.substring(0, query.length() - 1).strip() : query;
  }

  /** Databricks keeps a cell's title as {@code -- DBTITLE 1,Title}. */
  static Optional<String> title(String source) {
    return source.lines().filter(l -> l.startsWith(TITLE)).map(l -> l.substring(TITLE.length()).strip())
        .filter(t -> !t.isEmpty()).findFirst();
  }

  static boolean required(String source) {
    return source.lines().anyMatch(l -> REQUIRED.matcher(l.strip()).matches());
  }

  static Optional<Chart> chart(String notebook, String cell, String source) {
    for (String line : source.lines().map(String::strip).toList()) {
      if (line.matches("--\\s*chart:.*")) {
        Matcher m = CHART.matcher(line);
        if (!m.matches()) {
          throw new IllegalArgumentException("notebook " + notebook + ", cell '" + cell + "': bad chart line '" + line
              + "' (want '-- chart: bar|line x=COLUMN y=COLUMN[,COLUMN]')");
        }
        Chart.Kind kind = m.group(1).equals("bar") ? Chart.Kind.BAR : Chart.Kind.LINE;
        return Optional.of(new Chart(kind, m.group(2), List.of(m.group(3).split(","))));
      }
    }
    return Optional.empty();
  }
}
