package dev.interactions.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interactions.core.Settings;
import dev.interactions.core.catalog.Table;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.pipeline.Pipeline;
import dev.interactions.core.pipeline.PipelineRequest;
import dev.interactions.core.pipeline.StageReport;
import dev.interactions.core.spark.CsvFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Base of the Spark tests, in the style of Iceberg's {@code TestBase}: the JVM's shared session,
 * SQL over a warehouse as rows or CSV lines, Datasets from JSON, order-insensitive assertions,
 * and one way to run the pipeline's stages on a files-source folder.
 */
@SparkTest
public abstract class SparkTestBase {
  protected static SparkSession spark() {
    return SharedSpark.spark();
  }

  /** A new, empty warehouse in its own folder. */
  protected static Warehouse newWarehouse() {
    return new Warehouse(spark(), SharedSpark.newWarehouse());
  }

  /** Rows of a query over the warehouse's tables ({@code bronze.*}, {@code silver.*}, {@code gold.*}). */
  protected static List<Row> sql(Warehouse wh, String query, Object... args) {
    wh.register();
    return spark().sql(args.length == 0 ? query : String.format(query, args)).collectAsList();
  }

  /** The same rows as the {@code sql} command prints them: CSV lines, arrays ;-joined, ISO UTC instants. */
  protected static List<String> lines(Warehouse wh, String query, Object... args) {
    return sql(wh, query, args).stream().map(CsvFormat::line).toList();
  }

  /** The single value of a one-row, one-column query. */
  protected static Object scalar(Warehouse wh, String query, Object... args) {
    List<Row> rows = sql(wh, query, args);
    assertThat(rows).as(query).hasSize(1);
    return rows.get(0).get(0);
  }

  protected static Row row(Object... values) {
    return RowFactory.create(values);
  }

  /** A Dataset of the given schema from JSON objects, one a string. */
  protected static Dataset<Row> jsonRows(StructType schema, String... json) {
    return spark().read().schema(schema).json(spark().createDataset(List.of(json), Encoders.STRING()));
  }

  /** A Dataset shaped like a catalog table, from JSON objects (missing fields are null). */
  protected static Dataset<Row> tableRows(Table table, String... json) {
    return table.conform(jsonRows(table.schema(), json));
  }

  /** Same rows in any order, compared as CSV lines with a context message. */
  protected static void assertSameRows(String context, Dataset<Row> actual, Dataset<Row> expected) {
    assertThat(actual.collectAsList().stream().map(CsvFormat::line).toList()).as(context)
        .containsExactlyInAnyOrderElementsOf(expected.collectAsList().stream().map(CsvFormat::line).toList());
  }

  protected static void assertLines(String context, List<String> actual, String... expected) {
    assertThat(actual).as(context).containsExactlyInAnyOrder(expected);
  }

  /**
   * A worked example's expected CSV file against the same columns selected from a table (the
   * file's header, unless columns are given), as multisets of CSV lines. With a tolerance, two
   * decimal fields also match when they differ by at most it (the examples round doubles).
   */
  protected static void assertMatchesExpected(Warehouse wh, Path expectedCsv, String table, double tolerance,
      String... columns) {
    List<String> lines;
    try {
      lines = Files.readAllLines(expectedCsv);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String selected = columns.length == 0 ? lines.get(0) : String.join(", ", columns);
    List<String> actual = lines(wh, "SELECT " + selected + " FROM " + table);
    List<String> unmatched = new ArrayList<>(actual);
    List<String> missing = new ArrayList<>();
    for (String e : lines.subList(1, lines.size())) {
      if (e.isBlank()) {
        continue;
      }
      String match = unmatched.stream().filter(a -> sameFields(e, a, tolerance)).findFirst().orElse(null);
      if (match == null) {
        missing.add(e);
      } else {
        unmatched.remove(match);
      }
    }
    assertThat(missing).as(table + ": expected rows not found (" + selected + ") in " + actual).isEmpty();
    assertThat(unmatched).as(table + ": rows not expected").isEmpty();
  }

  private static boolean sameFields(String expected, String actual, double tolerance) {
    if (expected.equals(actual)) {
      return true;
    }
    String[] e = expected.split(",", -1);
    String[] a = actual.split(",", -1);
    if (tolerance <= 0 || e.length != a.length) {
      return false;
    }
    for (int i = 0; i < e.length; i++) {
      if (!e[i].equals(a[i]) && !(isDecimal(e[i]) && isDecimal(a[i])
          && Math.abs(Double.parseDouble(e[i]) - Double.parseDouble(a[i])) <= tolerance)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDecimal(String s) {
    return s.matches("-?[0-9]+(\\.[0-9]+)?([eE]-?[0-9]+)?");
  }

  /**
   * Runs the named stages (default: every stage on the classpath) on a folder holding
   * {@code input/} and {@code reference/}, into the warehouse.
   */
  protected static List<StageReport> runStages(Warehouse wh, Path folder, Settings settings, Instant asOf,
      String... stages) {
    Pipeline pipeline = stages.length == 0 ? Pipeline.discover() : Pipeline.discover().only(stages);
    PipelineRequest request = PipelineRequest.of(folder.resolve("input").toString(),
        folder.resolve("reference").toString(), settings, asOf);
    List<StageReport> reports = pipeline.run(wh, request);
    wh.register();
    return reports;
  }

  /** Ingest and transform a folder into a new warehouse. */
  protected static Warehouse ingestAndTransform(Path folder, Settings settings) {
    Warehouse wh = newWarehouse();
    runStages(wh, folder, settings, null, "ingest", "transform");
    return wh;
  }

  /** Ingest, transform and metrics as of T on a folder, into a new warehouse. */
  protected static Warehouse runPipeline(Path folder, Settings settings, Instant asOf) {
    Warehouse wh = newWarehouse();
    runStages(wh, folder, settings, asOf, "ingest", "transform", "metrics");
    return wh;
  }
}
