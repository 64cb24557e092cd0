package dev.interactions.app;

import static dev.interactions.app.CommandLineTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.interactions.app.CommandLineTest.Result;
import dev.interactions.core.catalog.Table;
import dev.interactions.core.catalog.Tables;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.spark.CsvFormat;
import dev.interactions.testkit.SharedSpark;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application jar on a real Spark standalone cluster: a master and one worker (1 core, small
 * memory) as separate JVMs on loopback with only Spark's own jars, laid out as a Spark
 * distribution's {@code $SPARK_HOME/jars}, and the jar submitted through {@code SparkSubmit} with
 * no extra {@code --conf} for Delta. Its {@code run} on the generated sample gives the tables of a
 * local run.
 */
class StandaloneClusterIT {
  /** Columns set from the clock or the process, besides the run columns every comparison leaves out. */
  static final Map<String, List<String>> CLOCK_COLUMNS = Map.of(
      "bronze.sync_state", List.of("last_success_at", "last_attempt_at"),
      "bronze.runs", List.of("started_at", "ended_at", "pid"));

  @TempDir static Path tmp;
  static String sparkClasspath;
  static Path sparkHome;
  static List<Process> cluster = new ArrayList<>();
  static String masterUrl;

  @BeforeAll
  static void startMasterAndWorker() throws Exception {
    List<Path> jars = ApplicationJarIT.SparkDistribution.jars();
    sparkClasspath = String.join(File.pathSeparator, jars.stream().map(Path::toString).toList());
    // The worker builds each executor's classpath from $SPARK_HOME/jars, as in a Spark distribution.
    sparkHome = tmp.resolve("spark-home");
    Path jarsDir = Files.createDirectories(sparkHome.resolve("jars"));
    for (Path jar : jars) {
      Files.createSymbolicLink(jarsDir.resolve(jar.getFileName()), jar.toAbsolutePath());
    }
    int port = freePort();
    masterUrl = "spark://127.0.0.1:" + port;
    cluster.add(start("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
        "--port", String.valueOf(port), "--webui-port", String.valueOf(freePort())), tmp, "512m"));
    Files.createDirectories(tmp.resolve("work"));
    cluster.add(start("worker", List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
        "--cores", "1", "--memory", "1g", "--webui-port", String.valueOf(freePort()),
        "--work-dir", tmp.resolve("work").toString(), masterUrl), tmp, "512m"));
  }

  @AfterAll
  static void stopCluster() throws InterruptedException {
    for (Process p : cluster) {
      p.destroy();
    }
    for (Process p : cluster) {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  @Test
  void theSubmittedJarGivesTheTablesOfALocalRun() throws Exception {
    Path job = Files.createDirectories(tmp.resolve("job"));
    String clusterWarehouse = job.resolve("warehouse").toString();
    Process submit = start("submit", List.of("org.apache.spark.deploy.SparkSubmit", "--master", masterUrl,
        "--class", "dev.interactions.app.Main", "--conf", "spark.executor.memory=512m",
        "--conf", "spark.cores.max=1", "--conf", "spark.executor.cores=1",
        ApplicationJarIT.SparkDistribution.applicationJar().toAbsolutePath().toString(),
        "run", "--sample", job.resolve("sample").toString(), "--warehouse", clusterWarehouse), job, "1g");
    boolean finished = submit.waitFor(30, TimeUnit.MINUTES);
    String log = Files.readString(job.resolve("submit.log"));
    assertThat(finished).as("spark-submit finished").isTrue();
    assertThat(submit.exitValue()).as(log).isZero();
    assertThat(Files.readString(tmp.resolve("worker.log"))).as("the worker ran the job's executor")
        .contains("Asked to launch executor");

    String localWarehouse = SharedSpark.newWarehouse();
    Result local = cli("run", "--sample", tmp.resolve("local-sample").toString(), "--warehouse", localWarehouse);
    assertThat(local.exit()).as(local.err()).isZero();

    Warehouse onCluster = new Warehouse(SharedSpark.spark(), clusterWarehouse);
    Warehouse onLocal = new Warehouse(SharedSpark.spark(), localWarehouse);
    List<String> comparedWithRows = new ArrayList<>();
    for (Table table : Tables.all()) {
      // Which files count as read whole depends on each run's start against its files' times: a cache.
      if (onLocal.exists(table) && !table.equals(Tables.INGESTED_FILES)) {
        List<String> expected = rows(onLocal, table);
        assertThat(rows(onCluster, table)).as(table.qualifiedName()).containsExactlyInAnyOrderElementsOf(expected);
        if (!expected.isEmpty()) {
          comparedWithRows.add(table.qualifiedName());
        }
      }
    }
    assertThat(comparedWithRows).as("tables compared that have rows").contains("bronze.gmail_messages",
        "silver.email_messages", "gold.interactions", "gold.customer_metrics", "gold.team_activity");
  }

  /** A table without the columns that differ between any two runs. */
  private static List<String> rows(Warehouse wh, Table table) {
    Dataset<Row> rows = wh.read(table);
    for (String c : ProductionServersTest.RUN_COLUMNS) {
      rows = rows.drop(c);
    }
    for (String c : CLOCK_COLUMNS.getOrDefault(table.qualifiedName(), List.of())) {
      rows = rows.drop(c);
    }
    return rows.collectAsList().stream().map(CsvFormat::line).toList();
  }

  /** A JVM on Spark's jars alone, on loopback, its output in {@code dir/<name>.log}. */
  private static Process start(String name, List<String> mainAndArgs, Path dir, String memory) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + memory, "-Duser.timezone=UTC"));
    command.addAll(List.of(System.getProperty("spark.jvm.flags", "").trim().split("\\s+")));
    command.removeIf(String::isEmpty);
    command.addAll(List.of("-cp", sparkClasspath));
    command.addAll(mainAndArgs);
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    builder.environment().put("SPARK_HOME", sparkHome.toString());
    // What a distribution's bin/load-spark-env.sh exports; the worker's launcher needs it.
    builder.environment().put("SPARK_SCALA_VERSION", System.getProperty("scala.binary.version", "2.13"));
    return builder.start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
