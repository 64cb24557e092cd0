package dev.interactions.ingest.files;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.interactions.core.RunContext;
import dev.interactions.core.catalog.Tables;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.spark.RowValues;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

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

  /**
   * The listing joined to what the table holds, cached as {@code listing} (unpersist it once its
   * files are read and recorded): the task rows to read, and the unchanged files, counted and with
   * their resources per mailbox.
   */
  record Split(Dataset<Row> listing, Dataset<Row> toRead, int files, int unchanged,
      Map<String, Long> unchangedResources) {}

  /**
   * Splits the listing's task rows (FilesIngest's) by what the table holds for this source, in
   * Spark: nothing per file comes to the driver, only counts per mailbox. {@code toRead} comes in
   * {@code partitions} slices of many files each.
   */
  Split split(Dataset<Row> listed, int partitions) {
    // Hashed on the join keys into an explicit number of slices: the join needs no second exchange
    // of the listing, adaptive execution keeps the number, and the slices become the read tasks.
    Dataset<Row> l = listed.repartition(partitions, col("ref"), col("size_bytes"), col("modified_at")).as("l");
    Dataset<Row> r = recorded().as("r");
    Column sameFile = col("l.ref").equalTo(col("r.ref")).and(col("l.size_bytes").equalTo(col("r.size_bytes")))
        .and(col("l.modified_at").equalTo(col("r.modified_at")));
    // A file in a bad folder is never unchanged: its quarantine rows are written on every run.
    Column unchanged = col("l.problem").isNull().and(col("r.ref").isNotNull());
    Dataset<Row> listing = l.join(r, sameFile, "left")
        .select(col("l.*"), unchanged.as("_unchanged"), col("r.resources").as("_recorded_resources"))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      List<Row> perMailbox = listing.groupBy("mailbox")
          .agg(count(lit(1)).as("files"), count(when(col("_unchanged"), 1)).as("unchanged"),
              sum(when(col("_unchanged"), col("_recorded_resources"))).as("resources"))
          .collectAsList();
      long files = 0;
      long unchangedFiles = 0;
      Map<String, Long> resources = new HashMap<>();
      for (Row m : perMailbox) {
        files += m.<Long>getAs("files");
        unchangedFiles += m.<Long>getAs("unchanged");
        if (m.<Long>getAs("unchanged") > 0) {
          resources.put(m.getAs("mailbox"), m.<Long>getAs("resources"));
        }
      }
      Dataset<Row> toRead = listing.where(not(col("_unchanged"))).drop("_unchanged", "_recorded_resources");
      return new Split(listing, toRead, Math.toIntExact(files), Math.toIntExact(unchangedFiles), resources);
    } catch (RuntimeException e) {
      listing.unpersist();
      throw e;
    }
  }

  /**
   * What previous ingests recorded of this source's files (none before the first), pinned to the
   * table's version: a lost cached slice of the split, recomputed after this ingest recorded its
   * files, still splits as it did.
   */
  private Dataset<Row> recorded() {
    Dataset<Row> table = warehouse.exists(Tables.INGESTED_FILES) ? warehouse.readPinned(Tables.INGESTED_FILES)
        : warehouse.read(Tables.INGESTED_FILES);
    return table.where(col("source").equalTo(source)).select("ref", "size_bytes", "modified_at", "resources");
  }

  /**
   * Records the files just read whole: those with no quarantined record, not in a bad folder and
   * settled before the ingest started. {@code read} is the split's {@code toRead} and {@code parsed}
   * holds its landing rows.
   */
  void record(Dataset<Row> read, Dataset<Row> parsed) {
    long settledBefore = run.startedAtTimestamp().getTime() - SETTLE_MILLIS;
    Dataset<Row> files = read.filter((FilterFunction<Row>) task -> recordable(task, settledBefore));
    if (files.isEmpty()) {
      warehouse.deltaTable(Tables.INGESTED_FILES); // created empty: "what was read whole?" is always a query away
      return;
    }
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
