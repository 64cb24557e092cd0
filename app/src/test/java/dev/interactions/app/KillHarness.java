package dev.interactions.app;

import static org.apache.spark.sql.functions.col;

import dev.interactions.core.catalog.Table;
import dev.interactions.core.catalog.Tables;
import dev.interactions.core.catalog.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Launches {@code interactions run} as a real JVM (the command {@code bin/interactions} execs),
 * SIGKILLs it at a planned point and says where the kill landed. A point is either the n-th Delta
 * commit of the run (the kill comes as soon as the commit's temp or JSON file appears in a
 * {@code _delta_log}, so it lands during the commit or right after it) or a delay after a stage
 * started (landing wherever that stage is: reading, computing, writing data files). Anchored on
 * the run's own progress, not on the clock, so the kills land alike on a busy machine.
 */
final class KillHarness {
  /** Columns that differ from run to run by design: which run wrote a row, and when. */
  static final Set<String> BOOKKEEPING = Set.of("run_id", "ingested_at", "quarantined_at", "last_attempt_at",
      "last_success_at", "transformed_at");

  /** The n-th commit of the run, or a delay after a stage's start (its log line). */
  record Plan(int commit, String stage, long delayMillis) {
    static Plan atCommit(int n) {
      return new Plan(n, null, -1);
    }

    static Plan intoStage(String stage, long millis) {
      return new Plan(-1, stage, millis);
    }

    @Override
    public String toString() {
      return commit > 0 ? "commit " + commit : delayMillis + " ms into " + stage;
    }
  }

  /** Where one kill landed: the stage (from the run's log) and the last commit seen. */
  record Landing(Plan plan, String stage, String commit, boolean duringCommit) {
    @Override
    public String toString() {
      return String.format("%-28s -> %-9s %s %s", plan, stage, duringCommit ? "during commit of" : "after commit of",
          commit);
    }
  }

  private final Path sample;
  private final Path logs;
  private int launched;

  KillHarness(Path sample, Path logs) {
    this.sample = sample;
    this.logs = logs;
  }

  /** Starts {@code run} on the sample into the warehouse; output goes to a log file of its own. */
  Process launch(Path warehouse) {
    return launch(List.of("run", "--sample", sample.toString(), "--warehouse", warehouse.toString()),
        logs.resolve("run-" + (++launched) + ".log"));
  }

  /** Starts {@code interactions ARGS} as the launcher would, in a JVM of its own, output to {@code log}. */
  static Process launch(List<String> args, Path log) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-") || arg.startsWith("-XX:+IgnoreUnrecognized") || arg.startsWith("-Djdk.")
          || arg.startsWith("-Dio.netty")) {
        cmd.add(arg);
      }
    }
    cmd.addAll(List.of("-Xmx1g", "-Duser.timezone=UTC", "-Dspark.master=local[2]", "-cp", classpath(),
        "dev.interactions.app.Main"));
    cmd.addAll(args);
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
      return pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path lastLog() {
    return logs.resolve("run-" + launched + ".log");
  }

  /** Runs to the end; the exit status. */
  int runToEnd(Path warehouse) throws InterruptedException {
    Process p = launch(warehouse);
    if (!p.waitFor(15, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("run did not end within 15 minutes; see " + lastLog());
    }
    return p.exitValue();
  }

  /** Starts a run and SIGKILLs it at the plan's point (or lets it end, when the run is shorter). */
  Landing killAt(Path warehouse, Plan plan) throws InterruptedException {
    Map<String, Integer> seen = commits(warehouse);
    Process p = launch(warehouse);
    int newCommits = 0;
    long stageAt = -1;
    long polls = 0;
    String last = "nothing yet";
    boolean tempOnly = false;
    while (p.isAlive()) {
      for (Map.Entry<String, Integer> c : commits(warehouse).entrySet()) {
        Integer before = seen.put(c.getKey(), c.getValue());
        if (before == null || !before.equals(c.getValue())) {
          newCommits++;
          last = c.getKey() + " v" + (c.getValue() >> 1);
          tempOnly = (c.getValue() & 1) == 1;
        }
      }
      if (plan.stage() != null && stageAt < 0 && polls++ % 25 == 0 && plan.stage().equals(stage(lastLog()))) {
        stageAt = System.nanoTime();
      }
      boolean due = plan.commit() > 0 ? newCommits >= plan.commit()
          : stageAt > 0 && System.nanoTime() - stageAt >= plan.delayMillis() * 1_000_000L;
      if (due) {
        p.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no finally blocks
        p.waitFor();
        return new Landing(plan, stage(lastLog()), last, tempOnly);
      }
      Thread.sleep(2);
    }
    return new Landing(plan, "ended (exit " + p.exitValue() + ")", last, false);
  }

  /**
   * Per table folder, the newest commit version seen, times two, plus one when only its temp file
   * exists yet (the commit is being written).
   */
  static Map<String, Integer> commits(Path warehouse) {
    Map<String, Integer> out = new TreeMap<>();
    for (String layer : List.of("bronze", "silver", "gold")) {
      Path dir = warehouse.resolve(layer);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> tables = Files.list(dir)) {
        for (Path table : (Iterable<Path>) tables::iterator) {
          Path log = table.resolve("_delta_log");
          if (!Files.isDirectory(log)) {
            continue;
          }
          int newest = -1;
          try (Stream<Path> files = Files.list(log)) {
            for (Path f : (Iterable<Path>) files::iterator) {
              String n = f.getFileName().toString();
              if (n.matches("\\d{20}\\.json")) {
                newest = Math.max(newest, Integer.parseInt(n.substring(0, 20)) * 2);
              } else if (n.matches("\\.\\d{20}\\.json\\..*\\.tmp")) {
                newest = Math.max(newest, Integer.parseInt(n.substring(1, 21)) * 2 + 1);
              }
            }
          } catch (IOException vanished) {
            // A temp file renamed while listing: seen on the next poll.
          }
          if (newest >= 0) {
            out.put(layer + "." + table.getFileName(), newest);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /** The stage a run was in: the last "Pipeline: <stage> run" line of its log. */
  static String stage(Path log) {
    try {
      String stage = "starting";
      for (String line : Files.readAllLines(log)) {
        int at = line.indexOf("Pipeline: ");
        if (at >= 0) {
          stage = line.substring(at + "Pipeline: ".length()).split(" ")[0];
        }
      }
      return stage;
    } catch (IOException e) {
      return "unknown";
    }
  }

  /**
   * Rows that differ between two warehouses, per table (only tables with differences), over every
   * catalog table but the run log and without the bookkeeping columns; a table in only one of
   * them counts all its rows.
   */
  static Map<String, Long> differences(SparkSession spark, String expected, String actual) {
    Warehouse a = new Warehouse(spark, expected);
    Warehouse b = new Warehouse(spark, actual);
    Map<String, Long> out = new LinkedHashMap<>();
    for (Table t : Tables.all()) {
      if (t.equals(Tables.RUNS) || (!a.exists(t) && !b.exists(t))) {
        continue;
      }
      Dataset<Row> left = compared(a, t);
      Dataset<Row> right = compared(b, t);
      long diff = left.exceptAll(right).count() + right.exceptAll(left).count();
      if (diff > 0) {
        out.put(t.qualifiedName(), diff);
      }
    }
    return out;
  }

  private static Dataset<Row> compared(Warehouse w, Table t) {
    Column[] cols = t.columns().stream().filter(c -> !BOOKKEEPING.contains(c)).map(c -> col(c)).toArray(Column[]::new);
    return w.read(t).select(cols);
  }

  private static String classpath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
  }
}
