package dev.interactions.core.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Builds the SparkSession every command uses: Delta enabled, UTC, sized for the machine. */
public final class Sessions {
  private Sessions() {}

  /**
   * Spark settings the pipeline relies on. Anything the user set (spark-submit --conf, system
   * properties) wins, except the session time zone: the spec fixes it to UTC.
   */
  public static SparkConf configure(SparkConf conf) {
    conf.setIfMissing("spark.master", "local[*]");
    conf.setIfMissing("spark.app.name", "interactions");
    conf.set("spark.sql.session.timeZone", "UTC");
    conf.setIfMissing("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    conf.setIfMissing("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    conf.setIfMissing("spark.sql.catalogImplementation", "in-memory");
    conf.setIfMissing("spark.ui.enabled", "false");
    conf.setIfMissing("spark.ui.showConsoleProgress", "false");
    // The default 200 shuffle partitions make every small job slow; AQE coalesces upward cases.
    int cores = Runtime.getRuntime().availableProcessors();
    conf.setIfMissing("spark.sql.shuffle.partitions", String.valueOf(Math.max(4, cores * 2)));
    conf.setIfMissing("spark.sql.adaptive.enabled", "true");
    conf.setIfMissing("spark.databricks.delta.snapshotPartitions", "2");
    conf.setIfMissing("spark.databricks.delta.merge.repartitionBeforeWrite.enabled", "true");
    conf.setIfMissing("spark.sql.sources.parallelPartitionDiscovery.parallelism", "4");
    conf.setIfMissing("spark.sql.debug.maxToStringFields", "200");
    if (conf.get("spark.master").startsWith("local")) {
      // A local run's one executor is the driver itself, and nothing can replace it. Spark's
      // heartbeat thread can die of a race (it reads an accumulator a task is still deserializing,
      // SPARK-59451); two minutes later the driver would then declare its own executor lost and
      // fail whatever task runs. In one JVM a heartbeat only carries live metrics: never expire it.
      conf.setIfMissing("spark.storage.blockManagerHeartbeatTimeoutMs", String.valueOf(7L * 24 * 3600 * 1000));
    }
    return conf;
  }

  /** The session for a command; reuses an active one (spark-submit, tests). */
  public static SparkSession getOrCreate() {
    SparkConf conf = configure(new SparkConf(true));
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    spark.conf().set("spark.sql.session.timeZone", "UTC");
    return spark;
  }
}
