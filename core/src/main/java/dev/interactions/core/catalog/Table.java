package dev.interactions.core.catalog;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One table of the warehouse: where it lives, its schema and its natural key.
 * Every stage, the {@code sql} command and the data dictionary read tables through {@link Tables}.
 */
public record Table(String layer, String name, StructType schema, List<String> key, String description) {

  /** The name queries use, for example {@code bronze.gmail_messages}. */
  public String qualifiedName() {
    return layer + "." + name;
  }

  /** The table's location under a warehouse root: {@code <warehouse>/<layer>/<table>}. */
  public String path(String warehouse) {
    String root = warehouse.endsWith("/") ? warehouse.substring(0, warehouse.length() - 1) : warehouse;
    return root + "/" + layer + "/" + name;
  }

  /** Column names in catalog order. */
  public List<String> columns() {
    return List.of(schema.fieldNames());
  }

  /** The schema without the given columns (those a later step adds); unknown names fail. */
  public StructType schemaWithout(String... columns) {
    Set<String> drop = Set.of(columns);
    for (String c : drop) {
      if (!this.columns().contains(c)) {
        throw new IllegalArgumentException(qualifiedName() + " has no column '" + c + "'");
      }
    }
    StructType out = new StructType();
    for (StructField f : schema.fields()) {
      if (!drop.contains(f.name())) {
        out = out.add(f);
      }
    }
    return out;
  }

  /**
   * The frame in this table's shape: its columns in catalog order, cast to the catalog's types.
   * A missing or unexpected column is drift between a step and the catalog, and fails naming them.
   * The one welcome extra: a table with 30-day window columns takes the other windows that
   * {@code metrics --windows} asks for ({@code emails_<N>d}, {@code meetings_<N>d}), right after them.
   */
  public Dataset<Row> conform(Dataset<Row> rows) {
    Set<String> have = new LinkedHashSet<>(Arrays.asList(rows.columns()));
    List<String> missing = new ArrayList<>();
    for (String c : columns()) {
      if (!have.remove(c)) {
        missing.add(c);
      }
    }
    List<String> windows = have.stream().filter(this::isExtraWindow).toList();
    windows.forEach(have::remove);
    if (!missing.isEmpty() || !have.isEmpty()) {
      throw new IllegalStateException(qualifiedName() + " does not match the catalog: missing " + missing
          + ", unexpected " + have);
    }
    List<Column> cols = new ArrayList<>();
    for (StructField f : schema.fields()) {
      cols.add(rows.schema().apply(f.name()).dataType().equals(f.dataType())
          ? col(f.name()) : col(f.name()).cast(f.dataType()).as(f.name()));
      if (f.name().equals(LAST_WINDOW_COLUMN)) {
        windows.forEach(w -> cols.add(col(w)));
      }
    }
    return rows.select(cols.toArray(Column[]::new));
  }

  private static final String LAST_WINDOW_COLUMN = "meetings_30d";

  private boolean isExtraWindow(String column) {
    return columns().contains(LAST_WINDOW_COLUMN) && column.matches("(emails|meetings)_[1-9][0-9]*d");
  }

  @Override
  public String toString() {
    return qualifiedName();
  }
}
