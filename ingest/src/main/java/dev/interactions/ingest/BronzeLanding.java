package dev.interactions.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import dev.interactions.core.RunContext;
import dev.interactions.core.catalog.Table;
import dev.interactions.core.catalog.Tables;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.privacy.Suppressions;
import io.delta.tables.DeltaTable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Writes landed resources into bronze, idempotently: MERGE on each table's key, where a copy
 * replaces the stored one only when it is newer, so reading the same input twice changes nothing.
 */
public record BronzeLanding(Warehouse warehouse, RunContext run) {
  /** Rows inserted and updated by one MERGE. */
  public record MergeCounts(long inserted, long updated) {
    public static final MergeCounts NONE = new MergeCounts(0, 0);
  }

  /**
   * Gmail messages in bronze.gmail_messages' columns (ingested_at and run_id are added here). A row
   * with deleted_at is a tombstone: it marks the stored copy deleted and keeps its fields; a
   * deleted row is never replaced again, so a late or re-ingested copy cannot revive it.
   */
  public MergeCounts landGmail(Dataset<Row> messages) {
    String newer = "s.history_id > t.history_id OR (t.history_id IS NULL AND s.history_id IS NOT NULL)";
    // A copy that transform stripped to its bookkeeping (internal mail) stays stripped: a newer
    // copy updates only its labels and dates.
    Map<String, String> bookkeeping = new LinkedHashMap<>();
    for (String c : List.of("thread_id", "history_id", "internal_date", "label_ids", "source_ref")) {
      bookkeeping.put(c, "s." + c);
    }
    return upsert(Tables.GMAIL_MESSAGES, messages, col("history_id"), Map.of("t.retained_decision IS NOT NULL AND (" + newer + ")", bookkeeping), newer);
  }

  /**
   * Calendar events in bronze.calendar_events' columns (ingested_at and run_id are added here). A
   * cancellation without 'updated' (Google's minimal form: id, status, recurringEventId,
   * originalStartTime) updates the stored row's status and keeps its other fields.
   */
  public MergeCounts landCalendar(Dataset<Row> events) {
    return upsert(Tables.CALENDAR_EVENTS, events, col("updated"),
        Map.of("s.updated IS NULL AND s.status = 'cancelled'", Map.of("status", "s.status")),
        "s.updated > t.updated OR (t.updated IS NULL AND s.updated IS NOT NULL)");
  }

  /** Quarantine rows (source, mailbox, ref, reason, raw); a ref already quarantined keeps its row. */
  public MergeCounts quarantine(Dataset<Row> rows) {
    Table table = Tables.QUARANTINE;
    Dataset<Row> source = Suppressions.load(warehouse).drop(rows)
        .withColumn("quarantined_at", lit(run.startedAtTimestamp()))
        .withColumn("run_id", lit(run.runId()));
    source = table.conform(latestPerKey(source, table.key(), col("reason")));
    DeltaTable target = warehouse.deltaTable(table);
    long before = latestVersion(target);
    target.as("t")
        .merge(source.as("s"), keyMatch(table.key()))
        .whenNotMatched().insertAll()
        .execute();
    return mergeCountsSince(target, before);
  }

  /**
   * Upserts sync-state rows (already in bronze.sync_state's columns). A row without cursor or
   * last_success_at (a failed attempt) keeps the stored ones, so the next run resumes from the
   * last cursor whose data landed.
   */
  public void recordSyncState(Dataset<Row> rows) {
    Table table = Tables.SYNC_STATE;
    Map<String, String> update = new LinkedHashMap<>();
    for (String c : table.columns()) {
      update.put(c, "s." + c);
    }
    for (String kept : List.of("cursor", "cursor_kind", "last_success_at")) {
      update.put(kept, "coalesce(s." + kept + ", t." + kept + ")");
    }
    DeltaTable target = warehouse.deltaTable(table);
    target.as("t")
        .merge(table.conform(rows).as("s"), keyMatch(table.key()))
        .whenMatched().updateExpr(update)
        .whenNotMatched().insertAll()
        .execute();
  }

  private MergeCounts upsert(Table table, Dataset<Row> rows, Column version,
      Map<String, Map<String, String>> partialUpdates, String newerCondition) {
    // Forgotten people are not landed again (forget's suppression list).
    Dataset<Row> source = Suppressions.load(warehouse).drop(rows)
        .withColumn("ingested_at", lit(run.startedAtTimestamp()))
        .withColumn("run_id", lit(run.runId()));
    // MERGE fails when two source rows match one target row: keep one copy of each key, a
    // tombstone first (a deletion is final), then the newest.
    source = table.conform(latestPerKey(source, table.key(), col("deleted_at").isNotNull(), version,
        col("source_ref")));
    DeltaTable target = warehouse.deltaTable(table);
    long before = latestVersion(target);
    var merge = target.as("t")
        .merge(source.as("s"), keyMatch(table.key()))
        .whenMatched("t.deleted_at IS NULL AND s.deleted_at IS NOT NULL")
        .updateExpr(Map.of("deleted_at", "s.deleted_at", "ingested_at", "s.ingested_at", "run_id", "s.run_id"));
    for (Map.Entry<String, Map<String, String>> partial : partialUpdates.entrySet()) {
      Map<String, String> set = new LinkedHashMap<>(partial.getValue());
      set.put("ingested_at", "s.ingested_at");
      set.put("run_id", "s.run_id");
      merge = merge.whenMatched("t.deleted_at IS NULL AND (" + partial.getKey() + ")").updateExpr(set);
    }
    merge.whenMatched("t.deleted_at IS NULL AND s.deleted_at IS NULL AND (" + newerCondition + ")").updateAll()
        .whenNotMatched().insertAll()
        .execute();
    return mergeCountsSince(target, before);
  }

  /** One row per key: the first by the given columns, descending (deterministic for MERGE). */
  private static Dataset<Row> latestPerKey(Dataset<Row> rows, List<String> key, Column... order) {
    Column[] keyCols = key.stream().map(k -> col(k)).toArray(Column[]::new);
    Column[] orderCols = Arrays.stream(order).map(Column::desc_nulls_last).toArray(Column[]::new);
    return rows
        .withColumn("_rank", row_number().over(Window.partitionBy(keyCols).orderBy(orderCols)))
        .where(col("_rank").equalTo(1))
        .drop("_rank");
  }

  private static String keyMatch(List<String> key) {
    return String.join(" AND ", key.stream().map(k -> "t." + k + " = s." + k).toList());
  }

  private static long latestVersion(DeltaTable table) {
    return table.history(1).select("version").first().<Long>getAs("version");
  }

  /**
   * The counts of the MERGE just run. A MERGE that changes nothing may commit nothing (an empty
   * source, an insert-only MERGE with nothing new): then the latest commit is an older one.
   */
  private static MergeCounts mergeCountsSince(DeltaTable table, long before) {
    Row last = table.history(1).select("version", "operation", "operationMetrics").first();
    if (last.<Long>getAs("version") <= before || !"MERGE".equals(last.getAs("operation"))) {
      return MergeCounts.NONE;
    }
    Map<String, String> metrics = last.getJavaMap(last.fieldIndex("operationMetrics"));
    return new MergeCounts(
        Long.parseLong(metrics.getOrDefault("numTargetRowsInserted", "0")),
        Long.parseLong(metrics.getOrDefault("numTargetRowsUpdated", "0")));
  }
}
