package dev.interactions.core.spark;

import java.util.List;
import org.apache.spark.sql.Row;

/** Reads row values by column name, with nulls where a nullable column has none. */
public final class RowValues {
  private RowValues() {}

  public static String string(Row row, String column) {
    int i = row.fieldIndex(column);
    return row.isNullAt(i) ? null : row.getString(i);
  }

  /** A boolean column; null counts as false. */
  public static boolean flag(Row row, String column) {
    int i = row.fieldIndex(column);
    return !row.isNullAt(i) && row.getBoolean(i);
  }

  /** An array column as a Java list; null is the empty list. */
  public static <T> List<T> list(Row row, String column) {
    int i = row.fieldIndex(column);
    return row.isNullAt(i) ? List.of() : row.getList(i);
  }

  @SuppressWarnings("unchecked")
  public static <T> T value(Row row, String column) {
    int i = row.fieldIndex(column);
    return row.isNullAt(i) ? null : (T) row.get(i);
  }
}
