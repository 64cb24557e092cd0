package dev.interactions.ingest.files;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import dev.interactions.core.RunContext;
import dev.interactions.core.pipeline.StageCounts;
import dev.interactions.core.catalog.Table;
import dev.interactions.core.catalog.Tables;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.spark.PerRow;
import dev.interactions.core.spark.SerializableHadoopConf;
import dev.interactions.ingest.BronzeLanding;
import dev.interactions.ingest.BronzeRows;
import dev.interactions.ingest.SyncState;
import dev.interactions.ingest.google.GoogleOptions.StoreBodies;
import dev.interactions.ingest.BronzeLanding.MergeCounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lands {@code DIR/gmail/<mailbox>/} and {@code DIR/calendar/<mailbox>/} files into bronze. The
 * driver lists only the mailbox folders; executors list their files, and read and parse them with
 * Jackson, so input of any size is listed and read in parallel, and parsed once.
 */
public record FilesIngest(Warehouse warehouse, RunContext run, StoreBodies storeBodies) {
  private static final Logger LOG = LoggerFactory.getLogger(FilesIngest.class);
  /** Files a slice of the parsed rows holds, about 40 MB of Gmail JSON. */
  private static final int FILES_PER_SLICE = 10_000;

  /** The default {@code --store-bodies snippet}. */
  public FilesIngest(Warehouse warehouse, RunContext run) {
    this(warehouse, run, StoreBodies.SNIPPET);
  }

  static final StructType TASK_SCHEMA = new StructType()
      .add("mailbox", DataTypes.StringType)
      .add("path", DataTypes.StringType)
      .add("ref", DataTypes.StringType)
      .add("problem", DataTypes.StringType)
      .add("size_bytes", DataTypes.LongType)
      .add("modified_at", DataTypes.TimestampType);

  /** What one source (gmail or calendar) landed; {@code unchanged} files were skipped, as read before. */
  public record SourceReport(String source, int mailboxes, int files, int unchanged, long resources,
      long quarantined, MergeCounts landed) {}

  public record Report(List<SourceReport> sources) implements StageCounts {
    @Override
    public long quarantined() {
      return sources.stream().mapToLong(SourceReport::quarantined).sum();
    }

    @Override
    public long inputsRead() {
      return sources.stream().mapToLong(s -> s.resources() + s.quarantined()).sum();
    }

    @Override
    public long rowsWritten() {
      return sources.stream().mapToLong(s -> s.landed().inserted() + s.landed().updated()).sum();
    }

    @Override
    public Map<String, Long> rowsAdded() {
      Map<String, Long> out = new LinkedHashMap<>();
      sources.forEach(s -> out.put((s.source().equals("gmail") ? Tables.GMAIL_MESSAGES
          : Tables.CALENDAR_EVENTS).qualifiedName(), s.landed().inserted()));
      return out;
    }
  }

  public Report ingest(String inputDir) {
    SparkSession spark = warehouse.spark();
    Path root = new Path(inputDir);
    FileSystem fs;
    try {
      fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(root) || !fs.getFileStatus(root).isDirectory()) {
        throw new IllegalArgumentException("input folder not found: " + inputDir);
      }
      root = fs.makeQualified(root);
      if (!fs.exists(new Path(root, "gmail")) && !fs.exists(new Path(root, "calendar"))) {
        throw new IllegalArgumentException("no gmail/ or calendar/ folder in " + inputDir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read input folder " + inputDir + ": " + e.getMessage(), e);
    }
    List<SourceReport> reports = new ArrayList<>();
    List<Dataset<Row>> persisted = new ArrayList<>();
    Dataset<Row> quarantine = null;
    Dataset<Row> syncState = null;
    try {
      for (ResourceKind kind : ResourceKind.values()) {
        Path dir = new Path(root, kind.folder());
        if (exists(fs, dir)) {
          Landed landed = ingestSource(fs, root, dir, kind);
          persisted.addAll(landed.cached());
          reports.add(landed.report());
          if (landed.report().quarantined() > 0) {
            quarantine = quarantine == null ? landed.quarantine() : quarantine.unionByName(landed.quarantine());
          }
          syncState = syncState == null ? landed.syncState() : syncState.unionByName(landed.syncState());
        }
      }
      // One commit per table and run, whatever the number of sources.
      BronzeLanding landing = new BronzeLanding(warehouse, run);
      if (quarantine != null) {
        landing.quarantine(quarantine);
      } else {
        // Created empty, so that "was anything quarantined?" is always a query away.
        warehouse.deltaTable(Tables.QUARANTINE);
      }
      if (syncState != null) {
        landing.recordSyncState(syncState);
      }
    } finally {
      persisted.forEach(Dataset::unpersist);
    }
    return new Report(reports);
  }

  /** One source's landing: its report, the rows still to commit, and the caches they come from. */
  private record Landed(SourceReport report, Dataset<Row> quarantine, Dataset<Row> syncState, List<Dataset<Row>> cached) {}

  private Landed ingestSource(FileSystem fs, Path root, Path dir, ResourceKind kind) {
    SparkSession spark = warehouse.spark();
    SerializableHadoopConf hadoopConf = new SerializableHadoopConf(spark.sparkContext().hadoopConfiguration());
    List<InputListing.MailboxFolder> folders = InputListing.folders(fs, dir);
    Set<String> mailboxes = new LinkedHashSet<>();
    folders.forEach(f -> mailboxes.add(f.mailbox()));
    Dataset<Row> listed = InputListing.files(spark, root, folders, hadoopConf);
    IngestedFiles ingested = new IngestedFiles(warehouse, run, kind.source());
    // Many files to a task: a few tasks per core, each reading the files its slice of the listing holds.
    IngestedFiles.Split split = ingested.split(listed, Math.max(1, spark.sparkContext().defaultParallelism() * 4));
    Dataset<Row> tasks = split.toRead();
    LOG.info("{}: {} files in {} mailboxes, {} unchanged since read", kind.source(), split.files(),
        mailboxes.size(), split.unchanged());

    StructType landingSchema = kind.landingSchema();
    Dataset<Row> parsed = PerRow.flatMap(tasks, landingSchema, new ParseFiles(kind, storeBodies, hadoopConf));
    // The parsed rows carry their raw JSON: cached in slices of some thousands of files each, so that
    // a slice stays small beside a 1 GB driver however many files there are (a few slices of a
    // million files each ran it out of heap reading a slice back from disk).
    int slices = Math.max(spark.sessionState().conf().numShufflePartitions(),
        (split.files() - split.unchanged()) / FILES_PER_SLICE + 1);
    Column[] key = kind.table.key().stream().map(k -> col(k)).toArray(Column[]::new);
    parsed = quarantineDuplicates(parsed.repartition(slices, key), kind).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> good = parsed.where(col("q_reason").isNull()).drop("q_reason", "q_raw");
      Dataset<Row> bad = parsed.where(col("q_reason").isNotNull())
          .select(lit(kind.source()).as("source"), col("mailbox"), col("source_ref").as("ref"),
              col("q_reason").as("reason"), col("q_raw").as("raw"));

      List<Row> perMailbox = parsed.groupBy("mailbox")
          .agg(count(when(col("q_reason").isNull(), 1)).as("resources"),
              count(when(col("q_reason").isNotNull(), 1)).as("quarantined"))
          .collectAsList();

      BronzeLanding landing = new BronzeLanding(warehouse, run);
      MergeCounts landed = kind == ResourceKind.GMAIL ? landing.landGmail(good) : landing.landCalendar(good);
      // After the resources' commit: a run killed in between reads the files again, which changes nothing.
      ingested.record(tasks, parsed);
      long quarantined = 0;
      for (Row r : perMailbox) {
        quarantined += r.<Long>getAs("quarantined");
      }
      if (quarantined > 0) {
        LOG.warn("{}: {} files or lines quarantined (see bronze.quarantine)", kind.source(), quarantined);
      }
      long resources = perMailbox.stream().mapToLong(r -> r.<Long>getAs("resources")).sum();
      return new Landed(new SourceReport(kind.source(), mailboxes.size(), split.files(), split.unchanged(),
          resources, quarantined, landed), bad, syncState(kind, mailboxes, perMailbox,
          split.unchangedResources()), List.of(split.listing(), parsed));
    } catch (RuntimeException e) {
      parsed.unpersist();
      split.listing().unpersist();
      throw e;
    }
  }

  /**
   * Two records with the same key in one ingest: the newest (as the MERGE would choose) lands,
   * every other one is quarantined naming the copy that landed, so each record is accounted for.
   */
  static Dataset<Row> quarantineDuplicates(Dataset<Row> parsed, ResourceKind kind) {
    Column[] key = kind.table.key().stream().map(k -> col(k)).toArray(Column[]::new);
    Column version = col(kind == ResourceKind.GMAIL ? "history_id" : "updated");
    WindowSpec newestFirst = Window.partitionBy(key).orderBy(version.desc_nulls_last(), col("source_ref").desc());
    Column landable = col("q_reason").isNull();
    Column superseded = landable.and(row_number().over(newestFirst).gt(1));
    return parsed
        .withColumn("_kept", first("source_ref").over(newestFirst))
        .withColumn("q_raw", when(superseded, substring(col("raw_json"), 1, ResourceFileReader.RAW_LIMIT))
            .otherwise(col("q_raw")))
        .withColumn("q_reason", when(superseded,
            concat(lit("duplicate id "), col("id"), lit(" in this ingest; the copy at "), col("_kept"),
                lit(" landed"))).otherwise(col("q_reason")))
        .drop("_kept");
  }

  private Dataset<Row> syncState(ResourceKind kind, Iterable<String> mailboxes, List<Row> perMailbox,
      Map<String, Long> unchangedResources) {
    Map<String, long[]> counts = new LinkedHashMap<>();
    for (String m : mailboxes) {
      counts.put(m, new long[2]);
    }
    // Resources seen are the input's, whether read now or in files unchanged since they were read.
    unchangedResources.forEach((m, n) -> counts.computeIfAbsent(m, k -> new long[2])[0] += n);
    for (Row r : perMailbox) {
      long[] c = counts.computeIfAbsent(r.getAs("mailbox"), k -> new long[2]);
      c[0] += r.<Long>getAs("resources");
      c[1] = r.<Long>getAs("quarantined");
    }
    List<Row> rows = new ArrayList<>();
    java.sql.Timestamp now = new java.sql.Timestamp(System.currentTimeMillis());
    counts.forEach((mailbox, c) -> rows.add(new SyncState(mailbox, kind.source(), SyncState.ORIGIN_FILES,
        SyncState.NOT_APPLICABLE, null, null, c[1] == 0 ? SyncState.OK : SyncState.PARTIAL, now, now,
        c[1] == 0 ? null : c[1] + " files or lines quarantined", c[0], c[1]).toRow(run.runId())));
    return warehouse.spark().createDataFrame(rows, Tables.SYNC_STATE.schema());
  }

  private static boolean exists(FileSystem fs, Path p) {
    try {
      return fs.exists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The two kinds of resource folder: where they live and what their landing rows look like. */
  enum ResourceKind {
    GMAIL("gmail", "gmail", "messages", Tables.GMAIL_MESSAGES),
    CALENDAR("calendar", "calendar", "items", Tables.CALENDAR_EVENTS);

    private final String folder;
    private final String source;
    private final String listField;
    private final Table table;

    ResourceKind(String folder, String source, String listField, Table table) {
      this.folder = folder;
      this.source = source;
      this.listField = listField;
      this.table = table;
    }

    String folder() {
      return folder;
    }

    String source() {
      return source;
    }

    String listField() {
      return listField;
    }

    /** The table's columns without ingested_at and run_id, plus the quarantine reason and excerpt. */
    StructType landingSchema() {
      return BronzeRows.landingSchema(table);
    }
  }
}
