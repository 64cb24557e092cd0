package dev.interactions.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interactions.core.pipeline.RunLock;
import dev.interactions.testkit.SharedSpark;
import dev.interactions.testkit.SparkTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety and concurrency with real processes: {@code run} SIGKILLed at planned points and
 * rerun gives the tables of an uninterrupted run; two runs at once give one clear failure and no
 * doubled data. {@code -Dkill.points=N} (bench/kill-rerun.sh) runs the long version.
 */
@SparkTest
class KillAndRerunTest {
  @TempDir static Path tmp;
  static Path sample;
  static String clean;

  @BeforeAll
  static void cleanRun() {
    sample = tmp.resolve("sample");
    CommandLineTest.Result g = CommandLineTest.cli("generate", "--out", sample.toString(), "--team-members", "3",
        "--customers", "3", "--users-per-customer", "2", "--months", "2");
    assertThat(g.exit()).as(g.err()).isZero();
    clean = tmp.resolve("clean").toString();
    CommandLineTest.Result r = CommandLineTest.cli("run", "--sample", sample.toString(), "--warehouse", clean);
    assertThat(r.exit()).as(r.err()).isZero();
  }

  @Test
  void aSecondRunAtTheSameTimeFailsClearlyAndNothingIsDoubled() throws Exception {
    KillHarness harness = new KillHarness(sample, tmp.resolve("logs-concurrent"));
    Path wh = tmp.resolve("concurrent");
    Process first = harness.launch(wh);
    Path firstLog = harness.lastLog();
    // Started once the first holds the lock, so the two surely overlap.
    Path lock = wh.resolve(RunLock.FILE_NAME);
    while (first.isAlive() && !(Files.exists(lock) && Files.size(lock) > 0)) {
      Thread.sleep(10);
    }
    Process second = harness.launch(wh);
    Path secondLog = harness.lastLog();
    assertThat(second.waitFor()).isEqualTo(1);
    List<String> err = Files.readAllLines(secondLog, StandardCharsets.UTF_8);
    assertThat(err.get(err.size() - 1)).startsWith("interactions: error: warehouse ")
        .contains("is in use by another run", "pid " + first.pid(), "run");
    assertThat(first.waitFor()).as(Files.readString(firstLog)).isZero();

    assertThat(KillHarness.differences(SharedSpark.spark(), clean, wh.toString())).isEmpty();
  }

  @Test
  void runsKilledDuringIngestTransformAndMetricsThenRerunEqualAnUninterruptedRun() throws Exception {
    // 3 by default, one at a commit in each stage; bench/kill-rerun.sh asks for more.
    int points = Integer.getInteger("kill.points", 3);
    int compareEvery = Integer.getInteger("kill.compare.every", points);
    Map<String, List<KillHarness.Commit>> byStage = KillHarness.commitsByStage(Path.of(clean));
    List<KillHarness.Plan> plans = KillHarness.plans(byStage, points);
    KillHarness harness = new KillHarness(sample, tmp.resolve("logs-kills"));
    Path wh = tmp.resolve("killed");
    // Written as it goes, so a long run stopped part-way still says where its kills landed.
    Path report = Path.of(System.getProperty("kill.report", tmp.resolve("kills.txt").toString()));
    Files.createDirectories(report.toAbsolutePath().getParent());
    Files.write(report, List.of(points + " kills planned over the commits of an uninterrupted run: "
        + byStage.entrySet().stream().map(e -> e.getValue().size() + " in " + e.getKey()).toList()));
    List<KillHarness.Landing> landings = new ArrayList<>();
    int compared = 0;
    for (int i = 0; i < points; i++) {
      KillHarness.Landing landing = harness.killAt(wh, plans.get(i));
      landings.add(landing);
      append(report, String.format("%2d %s", i + 1, landing));
      // A rerun right after a kill proceeds at once: the dead run's lock died with it.
      assertThat(Files.readString(harness.lastLog())).doesNotContain("in use by another run");
      // A run that ended before its kill point must have ended well: a failing rerun is the bug.
      assertThat(landing.stage()).as(Files.readString(harness.lastLog())).doesNotMatch("ended \\(exit [^0].*");
      if ((i + 1) % compareEvery == 0 || i == points - 1) {
        assertThat(harness.runToEnd(wh)).as(Files.readString(harness.lastLog())).isZero();
        Map<String, Long> diff = KillHarness.differences(SharedSpark.spark(), clean, wh.toString());
        compared++;
        append(report, "   rerun to the end, compared every table: " + (diff.isEmpty() ? "no differences" : diff));
        assertThat(diff).as("tables differing from an uninterrupted run after " + landings).isEmpty();
      }
    }
    long atCommits = landings.stream().filter(l -> l.plan().atCommit()).count();
    long during = landings.stream().filter(l -> l.plan().atCommit() && l.duringCommit()).count();
    append(report, points + " kills, " + atCommits + " at Delta commits (" + during + " during the commit, "
        + (atCommits - during) + " right after it), " + (points - atCommits) + " a delay into a stage; landed "
        + KillHarness.STAGES.stream().map(s -> landings.stream().filter(l -> l.stage().equals(s)).count() + " in " + s)
            .toList() + "; zero differing tables after each of " + compared + " reruns");
    landings.forEach(l -> System.out.println("kill " + l));

    // A commit kill that came at its planned commit landed in the stage that makes that commit.
    assertThat(landings).filteredOn(l -> l.plan().atCommit() && l.asPlanned())
        .allSatisfy(l -> assertThat(l.stage()).as(l.toString()).isEqualTo(l.plan().stage()));
    // The first three run where the uninterrupted run's commits were (fresh, then resumed work):
    // each hits its commit, so one kill lands at a commit in each stage, whatever the machine's pace.
    assertThat(landings.subList(0, Math.min(3, points))).allSatisfy(l -> assertThat(l.asPlanned()).as(l.toString())
        .isTrue());
    assertThat(landings.stream().map(KillHarness.Landing::stage)).contains("ingest", "transform", "metrics");
    assertThat(atCommits).isGreaterThanOrEqualTo(points / 3);
  }

  private static void append(Path report, String line) throws java.io.IOException {
    Files.writeString(report, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }
}
