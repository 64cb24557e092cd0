package dev.interactions.core.catalog;

import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * A warehouse root (a folder or any Hadoop URI) holding Delta tables at {@code <root>/<layer>/<table>}.
 * Reads and writes go through here so that no stage spells a table path itself.
 */
public final class Warehouse {
  /** Per session: which location each qualified table name is registered at. */
  private static final Map<SparkSession, Map<String, String>> REGISTERED =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** Marks the source rows of {@link #replaceKeys} that are new, not keys of rows to delete. */
  private static final String NEW_ROW = "__new_row";
  private static final String DELETION_VECTORS = "delta.enableDeletionVectors";

  private final SparkSession spark;
  private final String root;
  /** The run whose id {@link #replace} stamps on every row; null outside a run. */
  private final String runId;

  public Warehouse(SparkSession spark, String root) {
    this(spark, qualify(root), null);
  }

  private Warehouse(SparkSession spark, String qualifiedRoot, String runId) {
    this.spark = spark;
    this.root = qualifiedRoot;
    this.runId = runId;
  }

  /** The same warehouse, writing on behalf of one run: every replaced table carries its id. */
  public Warehouse forRun(String runId) {
    return new Warehouse(spark, root, runId);
  }

  public String runId() {
    return runId;
  }

  public String root() {
    return root;
  }

  public SparkSession spark() {
    return spark;
  }

  public String path(Table table) {
    return table.path(root);
  }

  public boolean exists(Table table) {
    return DeltaTable.isDeltaTable(spark, path(table));
  }

  /** The table's current contents; an empty frame of its schema when it was never written. */
  public Dataset<Row> read(Table table) {
    if (!exists(table)) {
      return spark.createDataFrame(List.of(), table.schema());
    }
    return spark.read().format("delta").load(path(table));
  }

  /**
   * The table as of its current version, pinned: a frame that recomputes (a lost cached block)
   * still reads these rows after the table is rewritten.
   */
  public Dataset<Row> readPinned(Table table) {
    long version = deltaTable(table).history(1).select("version").first().getLong(0);
    return spark.read().format("delta").option("versionAsOf", version).load(path(table));
  }

  /** The table for MERGE and other Delta operations, created empty with its schema on first use. */
  public DeltaTable deltaTable(Table table) {
    if (exists(table)) {
      return DeltaTable.forPath(spark, path(table)); // create-if-not-exists would cost a Spark query
    }
    dropLogWithoutCommits(table);
    DeltaTable.createIfNotExists(spark)
        .location(path(table))
        .addColumns(table.schema())
        .comment(table.description())
        .execute();
    return DeltaTable.forPath(spark, path(table));
  }

  /**
   * A run killed during a table's first commit leaves a {@code _delta_log} with no commit in it
   * (only the commit's temp file): create-if-not-exists then takes the table for existing and
   * fails to open it. With no commit the table never held anything, so the log can go.
   */
  private void dropLogWithoutCommits(Table table) {
    Path log = new Path(path(table), "_delta_log");
    try {
      FileSystem fs = log.getFileSystem(spark.sessionState().newHadoopConf());
      if (!fs.exists(log)) {
        return;
      }
      for (FileStatus f : fs.listStatus(log)) {
        String n = f.getPath().getName();
        if (n.matches("\\d{20}\\..*") || n.equals("_last_checkpoint")) {
          return; // a commit or checkpoint after all: Delta's to deal with
        }
      }
      fs.delete(log, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces the whole table in one commit (recomputed tables: silver, gold). */
  public void replace(Table table, Dataset<Row> rows) {
    stamped(table, rows).write()
        .format("delta")
        .mode("overwrite")
        .option("overwriteSchema", "true")
        .save(path(table));
  }

  /**
   * Replaces only the rows that match {@code condition}, a SQL predicate over the table's columns,
   * in one commit; the new rows must match it too (Delta checks). Creates the table on first use.
   */
  public void replaceWhere(Table table, Dataset<Row> rows, String condition) {
    deltaTable(table);
    stamped(table, rows).write()
        .format("delta")
        .mode("overwrite")
        .option("replaceWhere", condition)
        .save(path(table));
  }

  /**
   * Replaces, in one commit, every row whose {@code key} column is among {@code keys} with {@code
   * rows} (whose keys must be among them too): what a night changed. One MERGE deletes the old rows
   * and inserts the new. The table keeps deletion vectors, so a file holding an old row is marked,
   * not rewritten: a night's keys are spread over every file, and rewriting them would cost the
   * whole table every night. {@code maintain} compacts the marked files away.
   */
  public void replaceKeys(Table table, String key, Dataset<Row> keys, Dataset<Row> rows) {
    DeltaTable target = keepDeletionVectors(table, deltaTable(table));
    // The old rows' keys meet only the marker rows; the new rows match nothing and go in.
    Dataset<Row> fresh = stamped(table, rows).withColumn(NEW_ROW, lit(true));
    Dataset<Row> old = keys.select(key).distinct().withColumn(NEW_ROW, lit(false));
    Map<String, String> insert = new LinkedHashMap<>();
    for (String c : table.schema().fieldNames()) {
      insert.put(quoted(c), "s." + quoted(c));
    }
    target.as("t")
        .merge(fresh.unionByName(old, true).as("s"),
            "t." + quoted(key) + " = s." + quoted(key) + " AND NOT s." + NEW_ROW)
        .whenMatched().delete()
        .whenNotMatched("s." + NEW_ROW).insertExpr(insert)
        .execute();
  }

  /**
   * Turns deletion vectors on for a table updated in place, once (a commit of its own). Returns the
   * table as of then: a MERGE on the snapshot from before fails, its scan lacking the row index that
   * the vectors need.
   */
  private DeltaTable keepDeletionVectors(Table table, DeltaTable target) {
    if (keepsDeletionVectors(target)) {
      return target;
    }
    spark.sql("ALTER TABLE delta." + quoted(path(table)) + " SET TBLPROPERTIES ('" + DELETION_VECTORS + "' = 'true')");
    return DeltaTable.forPath(spark, path(table));
  }

  private static boolean keepsDeletionVectors(DeltaTable target) {
    Map<String, String> properties = target.detail().select("properties").first().getJavaMap(0);
    return "true".equals(properties.get(DELETION_VECTORS));
  }

  /**
   * Rewrites the files of a table with deletion vectors whose rows a vector hides, so that no file
   * of the current version holds a deleted row any more (forget needs that).
   */
  public void purgeDeletedRows(Table table) {
    if (exists(table) && keepsDeletionVectors(deltaTable(table))) {
      spark.sql("REORG TABLE delta." + quoted(path(table)) + " APPLY (PURGE)");
    }
  }

  private static String quoted(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }

  /** The rows in the table's shape, stamped with this run's id where the table has the column. */
  private Dataset<Row> stamped(Table table, Dataset<Row> rows) {
    if (table.columns().contains("run_id") && (runId != null || !List.of(rows.columns()).contains("run_id"))) {
      // Which run wrote a table is the run's business, not each step's: stamped here, on every row.
      rows = rows.withColumn("run_id", lit(runId).cast(DataTypes.StringType));
    }
    return table.conform(rows);
  }

  /**
   * Makes every existing table queryable by its qualified name ({@code bronze.gmail_messages}),
   * with one database per layer. Cheap to call again: a table already registered at the same
   * location is left alone (registering reads its Delta log).
   */
  public void register() {
    Map<String, String> registered = REGISTERED.computeIfAbsent(spark, s -> new ConcurrentHashMap<>());
    for (Table table : Tables.all()) {
      String name = table.qualifiedName();
      if (!exists(table)) {
        // A session may have served another warehouse before: forget its tables.
        if (registered.remove(name) != null) {
          spark.sql("DROP TABLE IF EXISTS " + name);
        }
        continue;
      }
      if (path(table).equals(registered.get(name))) {
        continue;
      }
      if (!spark.catalog().databaseExists(table.layer())) {
        spark.sql("CREATE DATABASE IF NOT EXISTS " + table.layer()
            + " LOCATION '" + sqlString(root + "/" + table.layer()) + "'");
      }
      spark.sql("DROP TABLE IF EXISTS " + name);
      spark.sql("CREATE TABLE " + name + " USING delta LOCATION '" + sqlString(path(table)) + "'");
      registered.put(name, path(table));
    }
  }

  private static String sqlString(String s) {
    return s.replace("\\", "\\\\").replace("'", "\\'");
  }

  /** A plain folder becomes an absolute local path; URIs with a scheme are kept as given. */
  static String qualify(String root) {
    String s = root.endsWith("/") && root.length() > 1 ? root.substring(0, root.length() - 1) : root;
    if (s.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      return s;
    }
    return java.nio.file.Path.of(s).toAbsolutePath().normalize().toString();
  }
}
