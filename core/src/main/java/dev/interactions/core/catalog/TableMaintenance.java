package dev.interactions.core.catalog;

import static org.apache.spark.sql.functions.col;

import dev.interactions.core.spark.RowValues;
import io.delta.tables.DeltaTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code maintain}: per table, compacts small files into large ones (Delta's OPTIMIZE, Z-ordered
 * by the columns the dashboards and drill-downs look up), then deletes the files that no table
 * version within the retention still needs (VACUUM). Rows never change: a reader sees the same
 * table before and after, and time travel keeps working within the retention.
 */
public record TableMaintenance(Warehouse warehouse) {
  private static final Logger LOG = LoggerFactory.getLogger(TableMaintenance.class);

  /**
   * Delta's default retention ({@code delta.deletedFileRetentionDuration}), which its VACUUM keeps
   * to: files a query reading an older version, or a writer not yet committed, may still need.
   */
  public static final Duration RETENTION = Duration.ofDays(7);

  /**
   * Z-order columns of the tables read by lookup: per customer, team member, entity and time
   * (a month of a customer, say). The other tables are read whole, or are bronze, which is
   * compacted only: its raw JSON is most of the warehouse and is only scanned whole by transform.
   */
  static final Map<Table, List<String>> CLUSTERING = Map.of(
      Tables.DAILY_ACTIVITY, List.of("customer_id", "team_member_id", "date"),
      // Read whole; clustered by day for its writes: a night replaces its changed days only.
      Tables.METRIC_DAYS, List.of("day"),
      Tables.METRIC_HISTORY, List.of("entity_id", "as_of"),
      Tables.TEAM_ACTIVITY_ITEMS, List.of("team_member_id", "at"),
      Tables.INTERACTION_LINKS, List.of("id", "role"),
      Tables.INTERACTION_MESSAGES, List.of("interaction_id"),
      Tables.INTERACTIONS, List.of("last_activity_at"),
      Tables.EMAIL_MESSAGES, List.of("sent_at"),
      Tables.MEETINGS, List.of("start_at"));

  /**
   * What maintain did to one table: data files and bytes of its current version before and after,
   * files vacuum deleted, and the Z-order columns when it was rewritten clustered.
   */
  public record Outcome(Table table, long filesBefore, long filesAfter, long bytesBefore, long bytesAfter,
      long deleted, List<String> zorderBy) {}

  /** The Z-order columns of a table, none for a table that is only compacted. */
  public static List<String> clustering(Table table) {
    return CLUSTERING.getOrDefault(table, List.of());
  }

  /** Maintains every table that exists, in catalog order. */
  public List<Outcome> run() {
    List<Outcome> outcomes = new ArrayList<>();
    for (Table table : Tables.all()) {
      if (warehouse.exists(table)) {
        outcomes.add(maintain(table));
      }
    }
    return outcomes;
  }

  Outcome maintain(Table table) {
    DeltaTable delta = DeltaTable.forPath(warehouse.spark(), warehouse.path(table));
    Row detail = delta.detail().select("numFiles", "sizeInBytes").first();
    long files = RowValues.<Long>value(detail, "numFiles");
    long bytes = RowValues.<Long>value(detail, "sizeInBytes");
    long filesAfter = files;
    long bytesAfter = bytes;
    List<String> zorder = List.of();
    // One file has nothing to compact, and nothing for a Z-order to skip between.
    if (files > 1) {
      zorder = clustering(table);
      Dataset<Row> result = zorder.isEmpty() ? delta.optimize().executeCompaction()
          : delta.optimize().executeZOrderBy(zorder.toArray(String[]::new));
      Row m = result.select(col("metrics.numFilesAdded").as("added"), col("metrics.numFilesRemoved").as("removed"),
          col("metrics.filesAdded.totalSize").as("added_bytes"),
          col("metrics.filesRemoved.totalSize").as("removed_bytes")).first();
      filesAfter = files - RowValues.<Long>value(m, "removed") + RowValues.<Long>value(m, "added");
      bytesAfter = bytes - RowValues.<Long>value(m, "removed_bytes") + RowValues.<Long>value(m, "added_bytes");
    }
    // VACUUM deletes only files older than the retention: with none, it would find nothing to delete.
    Stored stored = stored(table);
    long deleted = 0;
    if (stored.oldestMillis() < System.currentTimeMillis() - RETENTION.toMillis()) {
      vacuum(delta);
      deleted = stored.files() - stored(table).files();
    }
    Outcome outcome = new Outcome(table, files, filesAfter, bytes, bytesAfter, deleted, zorder);
    LOG.info("maintain: {} from {} to {} data files, {} files deleted", table, files, filesAfter, deleted);
    return outcome;
  }

  /** Delta's vacuum prints a summary line to the console, where only results belong: it goes to the log. */
  private void vacuum(DeltaTable delta) {
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    scala.Console.withOut(new PrintStream(said, true, StandardCharsets.UTF_8), () -> {
      delta.vacuum();
      return null;
    });
    LOG.debug("vacuum: {}", said.toString(StandardCharsets.UTF_8).strip());
  }

  /** Files under a table's folder outside its log (current, replaced and orphaned), and the oldest one's time. */
  private record Stored(long files, long oldestMillis) {}

  private Stored stored(Table table) {
    Path dir = new Path(warehouse.path(table));
    try {
      FileSystem fs = dir.getFileSystem(warehouse.spark().sessionState().newHadoopConf());
      long n = 0;
      long oldest = Long.MAX_VALUE;
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(dir, true);
      while (files.hasNext()) {
        LocatedFileStatus f = files.next();
        if (!underLog(dir, f.getPath())) {
          n++;
          oldest = Math.min(oldest, f.getModificationTime());
        }
      }
      return new Stored(n, oldest);
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + dir + ": " + e.getMessage(), e);
    }
  }

  private static boolean underLog(Path tableDir, Path file) {
    for (Path p = file.getParent(); p != null && !p.equals(tableDir); p = p.getParent()) {
      if (p.getName().equals("_delta_log")) {
        return true;
      }
    }
    return false;
  }
}
