package dev.interactions.testkit;

import dev.interactions.core.spark.Sessions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One SparkSession per test JVM, shared by every test class: starting a session costs seconds,
 * which is the usual reason Spark suites are slow. Tests get it as a {@link SparkSession}
 * parameter; each test should write into its own warehouse folder ({@link #newWarehouse}).
 */
public final class SharedSpark implements ParameterResolver {
  private static SparkSession session;
  private static Path scratch;

  public static synchronized SparkSession spark() {
    if (session == null) {
      try {
        scratch = Files.createTempDirectory("interactions-test");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      SparkConf conf = new SparkConf(false)
          .set("spark.master", "local[2]")
          .set("spark.sql.shuffle.partitions", "2")
          .set("spark.default.parallelism", "2")
          .set("spark.ui.enabled", "false")
          .set("spark.sql.warehouse.dir", scratch.resolve("spark-warehouse").toString())
          .set("spark.driver.host", "127.0.0.1")
          .set("spark.databricks.delta.snapshotPartitions", "1");
      session = SparkSession.builder().config(Sessions.configure(conf)).getOrCreate();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> session.stop()));
    }
    return session;
  }

  /** A fresh, empty warehouse folder for one test. */
  public static synchronized String newWarehouse() {
    spark();
    try {
      return Files.createTempDirectory(scratch, "warehouse").toString();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    return p.getParameter().getType() == SparkSession.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    return spark();
  }
}
