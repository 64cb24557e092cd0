package dev.interactions.core.catalog;

import org.apache.spark.sql.types.StructField;

/** Renders the catalog as the analysts' data dictionary (docs/data-dictionary.md). */
public final class DataDictionary {
  private DataDictionary() {}

  public static String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Data dictionary\n\n")
        .append("Generated from the table catalog (`Tables.java`); a test fails when this file and the catalog differ.\n")
        .append("Regenerate with `mvn -pl core test -Dtest=DataDictionaryTest -Ddictionary.write=true`.\n")
        .append("Tables live at `<warehouse>/<layer>/<table>` and are queried as `<layer>.<table>`.\n")
        .append("Timestamps are UTC.\n");
    String layer = null;
    for (Table t : Tables.all()) {
      if (!t.layer().equals(layer)) {
        layer = t.layer();
        md.append("\n## ").append(layer).append("\n");
      }
      md.append("\n### ").append(t.qualifiedName()).append("\n\n").append(t.description()).append("\n\n");
      if (!t.key().isEmpty()) {
        md.append("Key: ").append(String.join(", ", t.key().stream().map(k -> "`" + k + "`").toList())).append("\n\n");
      }
      md.append("| column | type | meaning |\n|---|---|---|\n");
      for (StructField f : t.schema().fields()) {
        String comment = f.metadata().contains("comment") ? f.metadata().getString("comment") : "";
        md.append("| `").append(f.name()).append("` | ").append(f.dataType().simpleString().replace("|", "\\|"))
            .append(" | ").append(comment.replace("|", "\\|")).append(" |\n");
      }
    }
    return md.toString();
  }
}
