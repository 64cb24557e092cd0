package dev.interactions.ingest.files;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.interactions.core.RunContext;
import dev.interactions.core.catalog.Tables;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.spark.RowValues;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The files the files source read whole (bronze.ingested_files), so that a night reads only what
 * is new or changed. A file counts as unchanged when its size and modification time are those it
 * had when read, the quick check rsync and make rely on. Two kinds of file are never recorded, and
 * so are read again every time: one with a quarantined record (it may be fixed in place, and its
 * quarantine rows must stay accounted for) and one modified within {@link #SETTLE_MILLIS} of the
 * ingest's start (a writer may still be at it, within the file system's time granularity).
 */
record IngestedFiles(Warehouse warehouse, RunContext run, String source) {
  static final long SETTLE_MILLIS = 2_000;

  /** What a previous ingest recorded of a file. */
  private record Recorded(long size, long modifiedMillis, long resources) {}

  /** The listing split into the files to read and the unchanged ones, with their resources per mailbox. */
  record Split(List<Row> toRead, int unchanged, Map<String, Long> unchangedResources) {}

  /** Splits the listing's tasks (FilesIngest's task rows) by what the table holds for this source. */
  Split split(List<Row> tasks) {
    Map<String, Recorded> recorded = recorded();
    List<Row> toRead = new ArrayList<>();
    Map<String, Long> resources = new HashMap<>();
    int unchanged = 0;
    for (Row task : tasks) {
      Recorded r = recorded.get(RowValues.string(task, "ref"));
      if (r != null && RowValues.string(task, "problem") == null && r.size() == RowValues.<Long>value(task, "size_bytes")
          && r.modifiedMillis() == RowValues.<Timestamp>value(task, "modified_at").getTime()) {
        unchanged++;
        resources.merge(RowValues.string(task, "mailbox"), r.resources(), Long::sum);
      } else {
        toRead.add(task);
      }
    }
    return new Split(toRead, unchanged, resources);
  }

  private Map<String, Recorded> recorded() {
    Map<String, Recorded> out = new HashMap<>();
    if (!warehouse.exists(Tables.INGESTED_FILES)) {
      return out;
    }
    // Streamed, a partition at a time: the driver holds the map, never a second copy of the rows.
    Iterator<Row> rows = warehouse.read(Tables.INGESTED_FILES).where(col("source").equalTo(source))
        .select("ref", "size_bytes", "modified_at", "resources").toLocalIterator();
    while (rows.hasNext()) {
      Row r = rows.next();
      out.put(RowValues.string(r, "ref"), new Recorded(RowValues.<Long>value(r, "size_bytes"),
          RowValues.<Timestamp>value(r, "modified_at").getTime(), RowValues.<Long>value(r, "resources")));
    }
    return out;
  }

  /**
   * Records the files just read whole: those with no quarantined record, not in a bad folder and
   * settled before the ingest started. {@code tasks} is {@code read} as distributed to the
   * executors (read again from its slices rather than shipped whole from the driver a second
   * time) and {@code parsed} holds its landing rows.
   */
  void record(List<Row> read, Dataset<Row> tasks, Dataset<Row> parsed) {
    long settledBefore = run.startedAtTimestamp().getTime() - SETTLE_MILLIS;
    if (read.stream().noneMatch(task -> recordable(task, settledBefore))) {
      warehouse.deltaTable(Tables.INGESTED_FILES); // created empty: "what was read whole?" is always a query away
      return;
    }
    Dataset<Row> files = tasks.filter((FilterFunction<Row>) task -> recordable(task, settledBefore));
    Dataset<Row> perFile = parsed
        .withColumn("file_ref", ParseFiles.fileOf(col("source_ref")))
        .groupBy("file_ref")
        .agg(count(when(col("q_reason").isNull(), 1)).as("resources"),
            count(when(col("q_reason").isNotNull(), 1)).as("quarantined"));
    Dataset<Row> whole = files.join(perFile, files.col("ref").equalTo(perFile.col("file_ref")), "left")
        .where(coalesce(col("quarantined"), lit(0L)).equalTo(0L))
        .select(lit(source).as("source"), col("mailbox"), col("ref"), col("size_bytes"), col("modified_at"),
            coalesce(col("resources"), lit(0L)).as("resources"), lit(run.runId()).as("run_id"));
    warehouse.deltaTable(Tables.INGESTED_FILES).as("t")
        .merge(Tables.INGESTED_FILES.conform(whole).as("s"), "t.source = s.source AND t.ref = s.ref")
        .whenMatched().updateAll()
        .whenNotMatched().insertAll()
        .execute();
  }

  /** A task whose file may be recorded once read: in a good folder, and settled before the ingest. */
  private static boolean recordable(Row task, long settledBefore) {
    return RowValues.string(task, "problem") == null
        && RowValues.<Timestamp>value(task, "modified_at").getTime() < settledBefore;
  }
}
