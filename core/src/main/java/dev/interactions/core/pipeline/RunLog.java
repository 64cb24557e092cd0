package dev.interactions.core.pipeline;

import static org.apache.spark.sql.functions.col;

import dev.interactions.core.RunContext;
import dev.interactions.core.catalog.Tables;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.spark.RowBuilder;
import dev.interactions.core.spark.RowValues;
import io.delta.tables.DeltaTable;
import java.net.InetAddress;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run log, {@code bronze.runs}: a stage's row is written as {@code running} when it starts and
 * completed when it ends (complete, partial or failed), after its invariants held. A killed run
 * leaves its row at {@code running}: the log shows it was started and never finished.
 */
public final class RunLog {
  private static final Logger LOG = LoggerFactory.getLogger(RunLog.class);

  private RunLog() {}

  /**
   * Runs one stage's body on behalf of {@code run}: logs its start, checks its invariants,
   * logs its end. The body gets the warehouse that stamps the run's id on what it replaces.
   */
  public static StageReport record(Warehouse warehouse, String stage, RunContext run,
      Function<Warehouse, StageReport> body) {
    Warehouse w = warehouse.forRun(run.runId());
    write(w, row(stage, run, null, "running", null));
    Map<String, Long> before = Invariants.countsBefore(w, stage);
    StageReport report;
    try {
      report = body.apply(w);
      Invariants.check(w, stage, report.details(), before);
    } catch (RuntimeException | Error e) {
      try {
        write(w, row(stage, run, null, "failed", oneLine(e)));
      } catch (RuntimeException logFailed) {
        LOG.warn("could not record the failed {} run {} in bronze.runs: {}", stage, run.runId(), oneLine(logFailed));
      }
      throw e;
    }
    write(w, row(stage, run, report.details(), report.partial() ? "partial" : "complete", null));
    return report;
  }

  private static Row row(String stage, RunContext run, Object details, String outcome, String error) {
    RowBuilder b = RowBuilder.of(Tables.RUNS.schema())
        .set("run_id", run.runId())
        .set("stage", stage)
        .set("started_at", run.startedAtTimestamp())
        .set("ended_at", outcome.equals("running") ? null : Timestamp.from(Instant.now()))
        .set("outcome", outcome)
        .set("error", error)
        .set("host", host())
        .set("pid", ProcessHandle.current().pid());
    if (details instanceof StageCounts counts) {
      b.set("inputs_read", counts.inputsRead()).set("rows_written", counts.rowsWritten())
          .set("quarantined", counts.quarantined());
    }
    return b.build();
  }

  /**
   * A stage's first row is appended: its run id is new, so there is nothing to match, and a MERGE's
   * join would cost a second or more of a small stage. Its last row updates it with a MERGE, which
   * also inserts it should the first be missing.
   */
  private static void write(Warehouse w, Row row) {
    Dataset<Row> rows = w.spark().createDataFrame(List.of(row), Tables.RUNS.schema());
    DeltaTable runs = w.deltaTable(Tables.RUNS);
    if (RowValues.string(row, "outcome").equals("running")) {
      rows.write().format("delta").mode("append").save(w.path(Tables.RUNS));
      return;
    }
    runs.as("t")
        .merge(rows.as("s"), col("t.run_id").equalTo(col("s.run_id")).and(col("t.stage").equalTo(col("s.stage"))))
        .whenMatched().updateAll()
        .whenNotMatched().insertAll()
        .execute();
  }

  static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
