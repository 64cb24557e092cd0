package dev.interactions.transform.incremental;

import static org.apache.spark.sql.functions.col;

import dev.interactions.core.RunContext;
import dev.interactions.core.catalog.Tables;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.spark.RowBuilder;
import dev.interactions.core.spark.RowValues;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;

/**
 * silver.transform_state: per bronze source, the latest ingested_at the last complete transform
 * read and the fingerprint of its decision inputs. It counts only when the run log holds that run
 * as complete (its invariants held): after any other end, the next run is a full one.
 */
public record TransformState(Map<String, Timestamp> consumed, String fingerprint) {
  public static final String GMAIL = "gmail";
  public static final String CALENDAR = "calendar";

  /** The state the last complete transform left, if any. */
  public static Optional<TransformState> load(Warehouse warehouse) {
    if (!warehouse.exists(Tables.TRANSFORM_STATE)) {
      return Optional.empty();
    }
    List<Row> rows = warehouse.read(Tables.TRANSFORM_STATE).collectAsList();
    Map<String, Timestamp> consumed = new HashMap<>();
    String fingerprint = null;
    for (Row r : rows) {
      consumed.put(RowValues.string(r, "source"), RowValues.value(r, "ingested_at"));
      String f = RowValues.string(r, "inputs_fingerprint");
      if (fingerprint != null && !fingerprint.equals(f)) {
        return Optional.empty(); // not one transform's state: start over
      }
      fingerprint = f;
    }
    if (rows.isEmpty() || !completed(warehouse, RowValues.string(rows.get(0), "run_id"))) {
      return Optional.empty();
    }
    return Optional.of(new TransformState(consumed, fingerprint));
  }

  /**
   * Whether the run log holds the run as complete: a run killed after its state, or one whose tables
   * failed the invariants, leaves tables that the next run must not build on.
   */
  private static boolean completed(Warehouse warehouse, String runId) {
    return runId != null && warehouse.exists(Tables.RUNS) && !warehouse.read(Tables.RUNS)
        .where(col("run_id").equalTo(runId).and(col("stage").equalTo("transform"))
            .and(col("outcome").equalTo("complete")))
        .isEmpty();
  }

  public void save(Warehouse warehouse, RunContext run) {
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, Timestamp> e : consumed.entrySet()) {
      rows.add(RowBuilder.of(Tables.TRANSFORM_STATE.schema())
          .set("source", e.getKey())
          .set("ingested_at", e.getValue())
          .set("inputs_fingerprint", fingerprint)
          .set("transformed_at", run.startedAtTimestamp())
          .build());
    }
    warehouse.replace(Tables.TRANSFORM_STATE,
        warehouse.spark().createDataFrame(rows, Tables.TRANSFORM_STATE.schema()));
  }

  /** Whether the given source's rows up to {@code latest} were all read by the last transform. */
  public boolean unchanged(String source, Timestamp latest) {
    Timestamp seen = consumed.get(source);
    return latest == null || (seen != null && !latest.after(seen));
  }
}
