package dev.interactions.core.spark;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructType;

/**
 * Builds a row of a given schema by column name, so that adding a column to the catalog never
 * shifts the values of another. Unset columns are null; Java lists become Spark array values.
 * Not thread-safe; one builder per row, or reuse after {@link #build()}.
 */
public final class RowBuilder {
  private final StructType schema;
  private Object[] values;

  private RowBuilder(StructType schema) {
    this.schema = schema;
    this.values = new Object[schema.size()];
  }

  public static RowBuilder of(StructType schema) {
    return new RowBuilder(schema);
  }

  /** Sets a column; a name the schema lacks fails at once, naming the column and the schema. */
  public RowBuilder set(String column, Object value) {
    int index;
    try {
      index = schema.fieldIndex(column);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("no column '" + column + "' in " + schema.simpleString(), e);
    }
    values[index] = value instanceof List<?> list ? Seqs.seq(list) : value;
    return this;
  }

  /** Copies every column of {@code row} that this schema also has. */
  public RowBuilder setAll(Row row) {
    for (String name : row.schema().fieldNames()) {
      if (schema.getFieldIndex(name).isDefined()) {
        set(name, row.get(row.fieldIndex(name)));
      }
    }
    return this;
  }

  /**
   * Sets a column from each component of a record, the column named as the component in snake
   * case ({@code iCalUid} to {@code i_cal_uid}); a list of records becomes an array of rows of the
   * column's element struct. Components named in {@code except} are left for the caller.
   */
  public RowBuilder setRecord(Record record, String... except) {
    Set<String> skipped = Set.of(except);
    for (RecordComponent c : record.getClass().getRecordComponents()) {
      if (skipped.contains(c.getName())) {
        continue;
      }
      String column = snakeCase(c.getName());
      Object value = valueOf(c, record);
      if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Record) {
        StructType element = (StructType) ((ArrayType) schema.apply(column).dataType()).elementType();
        List<Row> rows = new ArrayList<>(list.size());
        for (Object item : list) {
          rows.add(RowBuilder.of(element).setRecord((Record) item).build());
        }
        value = rows;
      }
      set(column, value);
    }
    return this;
  }

  private static Object valueOf(RecordComponent component, Record record) {
    try {
      return component.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + component + " of " + record.getClass().getName(), e);
    }
  }

  static String snakeCase(String name) {
    StringBuilder out = new StringBuilder(name.length() + 4);
    for (int i = 0; i < name.length(); i++) {
      char ch = name.charAt(i);
      if (Character.isUpperCase(ch)) {
        out.append('_').append(Character.toLowerCase(ch));
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }

  /** The row; the builder starts again from all nulls. */
  public Row build() {
    Row row = new GenericRowWithSchema(values, schema);
    values = new Object[schema.size()];
    return row;
  }
}
