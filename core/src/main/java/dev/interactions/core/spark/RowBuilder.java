package dev.interactions.core.spark;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
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

  /** The row; the builder starts again from all nulls. */
  public Row build() {
    Row row = new GenericRowWithSchema(values, schema);
    values = new Object[schema.size()];
    return row;
  }
}
