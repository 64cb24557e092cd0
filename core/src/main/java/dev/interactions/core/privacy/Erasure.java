package dev.interactions.core.privacy;

import static org.apache.spark.sql.functions.not;

import dev.interactions.core.catalog.Table;
import dev.interactions.core.catalog.Tables;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.mail.Addresses;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code forget}: erases one person from every table of the warehouse and its Parquet exports,
 * then suppresses the address so that no later ingest lands it again.
 *
 * <p>Without purge the current version of every table no longer holds the address, but older Delta
 * versions (time travel) still do until they are vacuumed. With purge every table is rewritten as a
 * new table of one version (its data files, log, checksums and checkpoints replaced), so that no
 * file under the warehouse holds the address; the price is the tables' history.
 */
public record Erasure(Warehouse warehouse) {
  private static final Logger LOG = LoggerFactory.getLogger(Erasure.class);

  /** Where {@code metrics --export-parquet} writes, under the warehouse root. */
  public static final String EXPORTS = "exports";

  /** Rows removed per table (and export); whether every table was rewritten without history. */
  public record Report(Map<String, Long> removed, boolean purged) {
    public long total() {
      return removed.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  public Report forget(String rawAddress, boolean purge) {
    String address = Addresses.normalize(rawAddress);
    if (address == null || address.indexOf('@') < 1) {
      throw new IllegalArgumentException("--email: not an address: '" + rawAddress + "'");
    }
    // Suppressed first: an ingest that runs meanwhile already drops the person.
    Suppressions.add(warehouse, address);
    Map<String, Long> removed = new LinkedHashMap<>();
    for (Table table : Tables.all()) {
      if (table != Tables.SUPPRESSIONS && warehouse.exists(table)) {
        removed.put(table.qualifiedName(), removeFrom(table, address));
      }
    }
    for (Path export : exports()) {
      removed.put(EXPORTS + "/" + export.getName(), rewriteExport(export, address));
    }
    if (purge) {
      for (Table table : Tables.all()) {
        if (warehouse.exists(table)) {
          rewriteWithoutHistory(table);
        }
      }
      // Delta caches each table's log by path; the rewritten tables must be read afresh.
      DeltaLog.clearCache();
    }
    return new Report(removed, purge);
  }

  /**
   * Deletes the rows holding the address with a MERGE on the table's key, so that the Delta log
   * records keys, never the address. A table without a key is rewritten.
   */
  private long removeFrom(Table table, String address) {
    Dataset<Row> rows = warehouse.read(table);
    Column holds = Suppressions.holding(rows, address);
    if (table.key().isEmpty()) {
      Dataset<Row> kept = rows.where(not(holds)).persist(StorageLevel.MEMORY_AND_DISK());
      long n = rows.count() - kept.count();
      if (n > 0) {
        kept.write().format("delta").mode("overwrite").save(warehouse.path(table));
      }
      kept.unpersist();
      return n;
    }
    Dataset<Row> keys = rows.where(holds).select(table.key().stream().map(rows::col).toArray(Column[]::new))
        .distinct().persist(StorageLevel.MEMORY_AND_DISK());
    long n = keys.count();
    if (n > 0) {
      String match = String.join(" AND ", table.key().stream().map(k -> "t." + k + " <=> s." + k).toList());
      DeltaTable.forPath(warehouse.spark(), warehouse.path(table)).as("t")
          .merge(keys.as("s"), match).whenMatched().delete().execute();
      // A table a night updates in place hides deleted rows in deletion vectors: rewrite their files,
      // so that, as for every other table, only older versions hold the address until vacuumed.
      warehouse.purgeDeletedRows(table);
      LOG.info("forget: {} rows removed from {}", n, table);
    }
    keys.unpersist();
    return n;
  }

  /** Replaces a table by a copy of its current version: a new log, new files, no history. */
  private void rewriteWithoutHistory(Table table) {
    SparkSession spark = warehouse.spark();
    Path path = new Path(warehouse.path(table));
    Path fresh = new Path(path.getParent(), "." + path.getName() + ".purge");
    FileSystem fs = fileSystem(path);
    try {
      fs.delete(fresh, true);
      Dataset<Row> current = warehouse.read(table);
      DeltaTable.create(spark).location(fresh.toString()).addColumns(current.schema())
          .comment(table.description()).execute();
      current.write().format("delta").mode("append").save(fresh.toString());
      if (!fs.delete(path, true) || !fs.rename(fresh, path)) {
        throw new IOException("could not replace " + path + " by its rewritten copy " + fresh);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("purge of " + table + " failed: " + e.getMessage(), e);
    }
    LOG.info("forget --purge: {} rewritten without history", table);
  }

  /** Parquet exports are copies: they are rewritten whenever they held the address. */
  private long rewriteExport(Path export, String address) {
    SparkSession spark = warehouse.spark();
    Dataset<Row> rows = spark.read().parquet(export.toString());
    long n = rows.where(Suppressions.holding(rows, address)).count();
    if (n > 0) {
      Path fresh = new Path(export.getParent(), "." + export.getName() + ".purge");
      FileSystem fs = fileSystem(export);
      try {
        fs.delete(fresh, true);
        rows.where(not(Suppressions.holding(rows, address))).write().parquet(fresh.toString());
        if (!fs.delete(export, true) || !fs.rename(fresh, export)) {
          throw new IOException("could not replace " + export);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("rewriting export " + export + " failed: " + e.getMessage(), e);
      }
    }
    return n;
  }

  private List<Path> exports() {
    Path dir = new Path(warehouse.root(), EXPORTS);
    FileSystem fs = fileSystem(dir);
    try {
      if (!fs.exists(dir)) {
        return List.of();
      }
      return java.util.Arrays.stream(fs.listStatus(dir)).filter(FileStatus::isDirectory).map(FileStatus::getPath)
          .filter(p -> !p.getName().startsWith(".")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  private FileSystem fileSystem(Path p) {
    try {
      return p.getFileSystem(warehouse.spark().sparkContext().hadoopConfiguration());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
