package dev.interactions.core.spark;

import java.io.PrintStream;
import java.sql.Timestamp;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The pipeline's text form of results (the {@code sql} command, exports, tests): CSV with a
 * header, nulls as empty fields, timestamps as ISO 8601 UTC ({@code 2026-06-20T10:00:00Z}) and
 * arrays as {@code ;}-joined values.
 */
public final class CsvFormat {
  private CsvFormat() {}

  public static void write(Dataset<Row> rows, PrintStream out) {
    out.println(line(List.of(rows.columns())));
    Iterator<Row> it = rows.toLocalIterator();
    while (it.hasNext()) {
      out.println(line(it.next()));
    }
  }

  /** One row as a CSV line. */
  public static String line(Row row) {
    StringJoiner fields = new StringJoiner(",");
    for (int i = 0; i < row.size(); i++) {
      fields.add(escape(format(row.get(i))));
    }
    return fields.toString();
  }

  /** One value as text. */
  public static String format(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Timestamp ts) {
      return ts.toInstant().toString();
    }
    if (value instanceof java.time.Instant instant) {
      return instant.toString();
    }
    if (value instanceof scala.collection.Seq<?> seq) {
      StringJoiner j = new StringJoiner(";");
      for (Object o : CollectionConverters.asJava(seq)) {
        j.add(format(o));
      }
      return j.toString();
    }
    if (value instanceof scala.collection.Map<?, ?> map) {
      StringJoiner j = new StringJoiner(";");
      for (Map.Entry<?, ?> e : CollectionConverters.asJava(map).entrySet()) {
        j.add(format(e.getKey()) + "=" + format(e.getValue()));
      }
      return j.toString();
    }
    if (value instanceof Row struct) {
      StringJoiner j = new StringJoiner(" ", "{", "}");
      for (int i = 0; i < struct.size(); i++) {
        j.add(format(struct.get(i)));
      }
      return j.toString();
    }
    return value.toString();
  }

  private static String line(List<String> values) {
    StringJoiner j = new StringJoiner(",");
    values.forEach(v -> j.add(escape(v)));
    return j.toString();
  }

  static String escape(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
