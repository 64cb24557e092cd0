package dev.interactions.core.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** How {@link Tables} defines its tables, and the registry they land in, in definition order. */
final class TableDefinitions {
  private static final Map<String, Table> ALL = new LinkedHashMap<>();

  /** Column types several tables share. */
  static final DataType STRINGS = DataTypes.createArrayType(DataTypes.StringType, true);
  static final ArrayType ATTENDEES = DataTypes.createArrayType(new StructType()
      .add("email", DataTypes.StringType)
      .add("response_status", DataTypes.StringType)
      .add("resource", DataTypes.BooleanType)
      .add("organizer", DataTypes.BooleanType));

  private TableDefinitions() {}

  /** A column with its meaning stored in the schema's metadata (read by the data dictionary). */
  static StructField col(String name, DataType type, String comment) {
    Metadata md = new MetadataBuilder().putString("comment", comment).build();
    return new StructField(name, type, true, md);
  }

  static Table define(String layer, String name, String description, List<String> key, StructField... columns) {
    Table table = new Table(layer, name, new StructType(columns), List.copyOf(key), description);
    synchronized (ALL) {
      if (ALL.putIfAbsent(table.qualifiedName(), table) != null) {
        throw new IllegalStateException("table defined twice: " + table);
      }
    }
    return table;
  }

  static List<Table> all() {
    synchronized (ALL) {
      return new ArrayList<>(ALL.values());
    }
  }

  static Optional<Table> byName(String qualifiedName) {
    synchronized (ALL) {
      return Optional.ofNullable(ALL.get(qualifiedName));
    }
  }
}
