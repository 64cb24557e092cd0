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
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Launches {@code interactions run} as a real JVM (the command {@code bin/interactions} execs),
 * SIGKILLs it at a planned point and says where the kill landed. A point is either a Delta commit
 * of one table, picked from an uninterrupted run's commit sequence (the kill comes as soon as the
 * commit's temp or JSON file appears in the table's {@code _delta_log}, so it lands during the
 * commit or right after it), or a delay after a stage started (landing wherever that stage is:
 * reading, computing, writing data files). Anchored on the run's own progress, not on the clock,
 * so commit kills land alike on a busy machine.
 */
final class KillHarness {
  /** Columns that differ from run to run by design: which run wrote a row, and when. */
  static final Set<String> BOOKKEEPING = Set.of("run_id", "ingested_at", "quarantined_at", "last_attempt_at",
      "last_success_at", "transformed_at");
  static final List<String> STAGES = List.of("ingest", "transform", "metrics");
  private static final String RUNS = "bronze.runs";
  private static final Pattern TEMP = Pattern.compile("\\.(\\d{20})\\.json\\..*\\.tmp");
  private static final Pattern COMMIT_TIME = Pattern.compile("\"commitInfo\":\\{\"timestamp\":(\\d+)");

  /** One commit in a table's Delta log. */
  record Commit(String table, int version, long timestamp) {}

  /**
   * A kill point: the {@code nth} commit of {@code table} after {@code stage} starts; or {@code delayMillis} after {@code stage} started (then table is null).
   */
  record Plan(String stage, String table, int nth, long delayMillis) {
    static Plan atCommit(String stage, String table, int nth) {
      return new Plan(stage, table, nth, -1);
    }

    static Plan intoStage(String stage, long millis) {
      return new Plan(stage, null, 0, millis);
    }

    boolean atCommit() {
      return table != null;
    }

    @Override
    public String toString() {
      return atCommit() ? "commit " + nth + " of " + table : delayMillis + " ms into " + stage;
    }
  }

  /**
   * Where one kill landed: the stage (from the run's log), the commit that set it off or the last
   * one seen, and whether the kill hit at the planned commit (a rerun may have less to write: then
   * it comes at the commit that ends the stage's row in bronze.runs instead).
   */
  record Landing(Plan plan, String stage, String commit, boolean duringCommit, boolean asPlanned) {
    @Override
    public String toString() {
      return String.format("%-42s -> %-9s %s %s%s", plan, stage, duringCommit ? "during commit of" : "after commit of",
          commit, plan.atCommit() && !asPlanned && !stage.startsWith("ended") ? " (its stage's end: the table had no such commit this time)" : "");
    }
  }

  /** A table's Delta log at one moment: its newest version (-1: none yet) and its temp files. */
  record Log(int version, Set<String> temps) {}

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
    return launch(List.of(), args, log);
  }

  /** The same with Java options, as {@code INTERACTIONS_JAVA_OPTS} gives them to the launcher's JVM. */
  static Process launch(List<String> javaOptions, List<String> args, Path log) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-") || arg.startsWith("-XX:+IgnoreUnrecognized") || arg.startsWith("-Djdk.")
          || arg.startsWith("-Dio.netty")) {
        cmd.add(arg);
      }
    }
    cmd.addAll(List.of("-Xmx1g", "-Duser.timezone=UTC", "-Dspark.master=local[2]"));
    cmd.addAll(javaOptions);
    cmd.addAll(List.of("-cp", classpath(), "dev.interactions.app.Main"));
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
    Map<String, Log> before = logs(warehouse);
    // The commits starting and ending the stage's row in bronze.runs: two per stage, and one that
    // creates the table.
    int runs = version(before, RUNS);
    int stageEnd = runs + 2 * (STAGES.indexOf(plan.stage()) + 1) + (runs < 0 ? 1 : 0);
    int stageStart = stageEnd - 1;
    Process p = launch(warehouse);
    Map<String, Log> previous = before;
    // The table's log when the planned stage started: its nth commit is counted from there, as the
    // plan counted it within that stage (the table may have commits in an earlier stage too).
    Map<String, Log> atStageStart = null;
    int target = -1;
    long stageAt = -1;
    long polls = 0;
    String last = "nothing yet";
    boolean lastInFlight = false;
    while (p.isAlive()) {
      Map<String, Log> now = logs(warehouse);
      for (Map.Entry<String, Log> c : now.entrySet()) {
        int v = newest(c.getValue(), before.get(c.getKey()));
        if (v > newest(previous.get(c.getKey()), before.get(c.getKey()))) {
          last = c.getKey() + " v" + v;
          lastInFlight = c.getValue().version() < v;
        }
      }
      previous = now;
      if (plan.atCommit()) {
        if (atStageStart == null && version(now, RUNS) >= stageStart) {
          atStageStart = now;
          target = version(now, plan.table()) + plan.nth();
        }
        boolean planned = atStageStart != null
            && newest(now.get(plan.table()), atStageStart.get(plan.table())) >= target;
        if (planned || newest(now.get(RUNS), before.get(RUNS)) >= stageEnd) {
          String table = planned ? plan.table() : RUNS;
          int v = planned ? target : stageEnd;
          boolean inFlight = now.get(table).version() < v;
          kill(p);
          return new Landing(plan, stage(lastLog()), table + " v" + v, inFlight, planned);
        }
      } else {
        if (stageAt < 0 && polls++ % 25 == 0 && plan.stage().equals(stage(lastLog()))) {
          stageAt = System.nanoTime();
        }
        if (stageAt > 0 && System.nanoTime() - stageAt >= plan.delayMillis() * 1_000_000L) {
          kill(p);
          return new Landing(plan, stage(lastLog()), last, lastInFlight, true);
        }
      }
      Thread.sleep(2);
    }
    return new Landing(plan, "ended (exit " + p.exitValue() + ")", last, false, false);
  }

  private static void kill(Process p) throws InterruptedException {
    p.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no finally blocks
    p.waitFor();
  }

  private static int version(Map<String, Log> logs, String table) {
    Log log = logs.get(table);
    return log == null ? -1 : log.version();
  }

  /**
   * The newest version a table has reached: committed, or being committed (a temp file that was
   * not there before the run; one left by a killed run is not this run's commit).
   */
  private static int newest(Log now, Log before) {
    if (now == null) {
      return -1;
    }
    int v = now.version();
    for (String temp : now.temps()) {
      if (before == null || !before.temps().contains(temp)) {
        Matcher m = TEMP.matcher(temp);
        if (m.matches()) {
          v = Math.max(v, Integer.parseInt(m.group(1)));
        }
      }
    }
    return v;
  }

  /** Per table ("bronze.runs"), its Delta log now. */
  static Map<String, Log> logs(Path warehouse) {
    Map<String, Log> out = new TreeMap<>();
    forEachLog(warehouse, (table, log) -> {
      int newest = -1;
      Set<String> temps = new HashSet<>();
      try (Stream<Path> files = Files.list(log)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          String n = f.getFileName().toString();
          if (n.matches("\\d{20}\\.json")) {
            newest = Math.max(newest, Integer.parseInt(n.substring(0, 20)));
          } else if (TEMP.matcher(n).matches()) {
            temps.add(n);
          }
        }
      } catch (IOException vanished) {
        // A temp file renamed while listing: seen on the next poll.
      }
      if (newest >= 0 || !temps.isEmpty()) {
        out.put(table, new Log(newest, temps));
      }
    });
    return out;
  }

  /**
   * An uninterrupted run's commits per stage, in the order they were made; a commit belongs to the
   * stage whose two bronze.runs commits (started, ended) enclose its time. The run log's own
   * commits are left out.
   */
  static Map<String, List<Commit>> commitsByStage(Path warehouse) {
    List<Commit> all = new ArrayList<>();
    forEachLog(warehouse, (table, log) -> {
      try (Stream<Path> files = Files.list(log)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          String n = f.getFileName().toString();
          if (n.matches("\\d{20}\\.json")) {
            Matcher m = COMMIT_TIME.matcher(Files.readString(f));
            if (!m.find()) {
              throw new IllegalStateException("no commit time in " + f);
            }
            all.add(new Commit(table, Integer.parseInt(n.substring(0, 20)), Long.parseLong(m.group(1))));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    all.sort(Comparator.comparingLong(Commit::timestamp).thenComparing(Commit::table).thenComparingInt(Commit::version));
    List<Commit> runs = all.stream().filter(c -> c.table().equals(RUNS)).sorted(Comparator.comparingInt(Commit::version))
        .toList();
    if (runs.size() != 1 + 2 * STAGES.size()) {
      throw new IllegalStateException("expected one fresh run's commits in bronze.runs, found " + runs);
    }
    Map<String, List<Commit>> out = new LinkedHashMap<>();
    for (int s = 0; s < STAGES.size(); s++) {
      long from = runs.get(1 + 2 * s).timestamp();
      long to = runs.get(2 + 2 * s).timestamp();
      out.put(STAGES.get(s), all.stream()
          .filter(c -> !c.table().equals(RUNS) && c.timestamp() >= from && c.timestamp() <= to).toList());
    }
    return out;
  }

  /**
   * {@code points} kill points over the stages in turn (ingest, transform, metrics, ingest, ...),
   * each stage's commit kills spread evenly over that stage's commits in {@code byStage}. From the
   * second round of three on, one kill per round (in a stage that changes from round to round) is a
   * delay into its stage instead, of up to 4 s, wherever the stage is then.
   */
  static List<Plan> plans(Map<String, List<Commit>> byStage, int points) {
    boolean[] delay = new boolean[points];
    int[] commitKills = new int[STAGES.size()];
    for (int i = 0; i < points; i++) {
      delay[i] = i >= 3 && i % 3 == (i / 3) % 3;
      commitKills[i % 3] += delay[i] ? 0 : 1;
    }
    int[] taken = new int[STAGES.size()];
    List<Plan> plans = new ArrayList<>();
    for (int i = 0; i < points; i++) {
      String stage = STAGES.get(i % 3);
      if (delay[i]) {
        plans.add(Plan.intoStage(stage, (i * 977L) % 4000));
        continue;
      }
      List<Commit> commits = byStage.get(stage);
      if (commits.isEmpty()) {
        throw new IllegalStateException("the uninterrupted run made no commit in " + stage);
      }
      Commit c = commits.get((int) ((taken[i % 3]++ + 0.5) * commits.size() / commitKills[i % 3]));
      // Which of the table's commits in this stage it is: a rerun counts the same way from its start.
      int nth = (int) commits.stream().filter(o -> o.table().equals(c.table()) && o.version() <= c.version()).count();
      plans.add(Plan.atCommit(stage, c.table(), nth));
    }
    return plans;
  }

  private static void forEachLog(Path warehouse, BiConsumer<String, Path> each) {
    for (String layer : List.of("bronze", "silver", "gold")) {
      Path dir = warehouse.resolve(layer);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> tables = Files.list(dir)) {
        for (Path table : (Iterable<Path>) tables::iterator) {
          Path log = table.resolve("_delta_log");
          if (Files.isDirectory(log)) {
            each.accept(layer + "." + table.getFileName(), log);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
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
   * catalog table but the run log and the ingested-files cache, without the bookkeeping columns; a
   * table in only one of them counts all its rows.
   */
  static Map<String, Long> differences(SparkSession spark, String expected, String actual) {
    Warehouse a = new Warehouse(spark, expected);
    Warehouse b = new Warehouse(spark, actual);
    Map<String, Long> out = new LinkedHashMap<>();
    for (Table t : Tables.all()) {
      // Which files count as read whole depends on when each run started against the files' times:
      // a cache of the input, like the run log not data, and no table's contents depend on it.
      if (t.equals(Tables.RUNS) || t.equals(Tables.INGESTED_FILES) || (!a.exists(t) && !b.exists(t))) {
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
