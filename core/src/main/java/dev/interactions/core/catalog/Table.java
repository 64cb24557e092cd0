package dev.interactions.core.catalog;

import java.util.List;
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

  @Override
  public String toString() {
    return qualifiedName();
  }
}
