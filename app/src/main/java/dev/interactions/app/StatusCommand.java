package dev.interactions.app;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import dev.interactions.core.catalog.Table;
import dev.interactions.core.catalog.Tables;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.spark.CsvFormat;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Per mailbox and source: auth state, last sync, counts and last error (CSV on stdout).",
        "With --runs: the last run of each stage, from bronze.runs."})
final class StatusCommand implements Callable<Integer> {
  @Mixin WarehouseOption warehouse;

  @Option(names = "--runs", description = "Show the last run of each stage (ingest, transform, metrics) instead.")
  boolean runs;

  @Override
  public Integer call() {
    Warehouse wh = warehouse.open();
    if (runs) {
      return lastRuns(wh);
    }
    if (!wh.exists(Tables.SYNC_STATE)) {
      throw new IllegalArgumentException("nothing ingested yet in " + warehouse.root + " (no bronze.sync_state)");
    }
    Dataset<Row> stored = counts(wh, Tables.GMAIL_MESSAGES, "gmail").union(counts(wh, Tables.CALENDAR_EVENTS, "calendar"));
    Dataset<Row> quarantined = wh.read(Tables.QUARANTINE).groupBy("mailbox", "source")
        .agg(count(lit(1)).as("quarantined_rows"));
    Dataset<Row> state = wh.read(Tables.SYNC_STATE)
        .join(stored, new String[] {"mailbox", "source"}, "left")
        .join(quarantined, new String[] {"mailbox", "source"}, "left")
        .selectExpr("mailbox", "source", "origin", "auth_state", "status", "last_success_at", "last_attempt_at",
            "coalesce(stored_rows, 0) AS stored", "coalesce(deleted_rows, 0) AS deleted",
            "coalesce(quarantined_rows, 0) AS quarantined", "cursor_kind", "error")
        .orderBy(col("mailbox"), col("source"));
    CsvFormat.write(state, System.out);
    return 0;
  }

  /** The latest row of each stage in the run log; a killed run shows as running with no end. */
  private int lastRuns(Warehouse wh) {
    if (!wh.exists(Tables.RUNS)) {
      throw new IllegalArgumentException("no run yet in " + warehouse.root + " (no bronze.runs)");
    }
    Dataset<Row> latest = wh.read(Tables.RUNS)
        .withColumn("rank", row_number().over(Window.partitionBy("stage").orderBy(col("started_at").desc())))
        .where(col("rank").equalTo(1))
        .selectExpr("stage", "run_id", "outcome", "started_at", "ended_at", "inputs_read", "rows_written",
            "quarantined", "host", "pid", "error")
        .orderBy(col("started_at"));
    CsvFormat.write(latest, System.out);
    return 0;
  }

  /** Rows kept (not deleted) and tombstones per mailbox of one bronze table. */
  private static Dataset<Row> counts(Warehouse wh, Table table, String source) {
    return wh.read(table).groupBy("mailbox")
        .agg(count(when(col("deleted_at").isNull(), 1)).as("stored_rows"),
            count(when(col("deleted_at").isNotNull(), 1)).as("deleted_rows"))
        .withColumn("source", lit(source))
        .select("mailbox", "source", "stored_rows", "deleted_rows");
  }
}
