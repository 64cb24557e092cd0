package dev.interactions.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interactions.core.catalog.Table;
import dev.interactions.core.catalog.Tables;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.testkit.Examples;
import dev.interactions.testkit.SharedSpark;
import dev.interactions.testkit.SparkTest;
import java.nio.file.Path;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the pipeline writes is what the catalog (and so the data dictionary) says: every table,
 * every column, in order, with its type.
 */
@SparkTest
class WrittenSchemasTest {
  @TempDir Path tmp;

  @Test
  void everyTableIsWrittenWithTheCatalogsColumnsAndTypes() {
    Path example = Examples.unpack("basic");
    String wh = tmp.resolve("wh").toString();
    CommandLineTest.Result r = CommandLineTest.cli("run", "--input", example.resolve("input").toString(),
        "--reference", example.resolve("reference").toString(), "--warehouse", wh);
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("Team dashboard (last 30 days):", "Waiting longest for our answer:",
        "Customers going quiet against their own baseline (trend dropping or dark):");

    // bronze.suppressions is written by forget only: erase an address the data does not hold.
    CommandLineTest.Result forget = CommandLineTest.cli("forget", "--warehouse", wh, "--email", "nobody@example.org");
    assertThat(forget.exit()).as(forget.err()).isZero();

    Warehouse warehouse = new Warehouse(SharedSpark.spark(), wh);
    for (Table table : Tables.all()) {
      assertThat(warehouse.exists(table)).as(table + " written").isTrue();
      assertThat(simple(warehouse.read(table).schema())).as(table.qualifiedName())
          .isEqualTo(simple(table.schema()));
    }
  }

  /** Names and types only: nullability and metadata are not part of the contract. */
  private static String simple(StructType schema) {
    StringBuilder b = new StringBuilder();
    for (StructField f : schema.fields()) {
      b.append(f.name()).append(' ').append(f.dataType().simpleString()).append('\n');
    }
    return b.toString();
  }
}
