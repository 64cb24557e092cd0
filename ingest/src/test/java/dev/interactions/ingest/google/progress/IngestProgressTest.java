package dev.interactions.ingest.google.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Counters, rates, ETA and the text of lines and table on a fake clock; the reporter thread on a short interval. */
class IngestProgressTest {
  static final long SECOND = 1_000_000_000L;
  final AtomicLong clock = new AtomicLong();
  final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  IngestProgress progress() {
    return new IngestProgress(out, Duration.ofSeconds(1), clock::get);
  }

  @Test
  void theDefaultIntervalIsTenSecondsOrLess() {
    assertThat(IngestProgress.DEFAULT_EVERY).isLessThanOrEqualTo(Duration.ofSeconds(10)).isPositive();
    assertThat(IngestProgress.silent().every()).isEqualTo(IngestProgress.DEFAULT_EVERY);
  }

  @Test
  void aLineShowsListedFetchedRateAndTheTimeLeftAtThatRate() {
    IngestProgress p = progress();
    p.start();
    p.started("maya@helio.app");
    assertThat(p.lines()).containsExactly(
        "progress maya@helio.app: listed 0+, fetched 0, 0.0 msg/s, eta ?, 0 events, 0s elapsed");
    p.listed("maya@helio.app", 1000, false);
    assertThat(p.lines()).containsExactly(
        "progress maya@helio.app: listed 1000+, fetched 0 (0%), 0.0 msg/s, eta ?, 0 events, 0s elapsed");

    clock.set(10 * SECOND);
    p.fetched("maya@helio.app", 200);
    p.events("maya@helio.app", 12);
    // 20 a second; 800 left is at least 40 s while the listing goes on.
    assertThat(p.lines()).containsExactly(
        "progress maya@helio.app: listed 1000+, fetched 200 (20%), 20.0 msg/s, eta >=40s, 12 events, 10s elapsed");

    p.listed("maya@helio.app", 500, true);
    assertThat(p.lines()).containsExactly(
        "progress maya@helio.app: listed 1500, fetched 200 (13%), 20.0 msg/s, eta 1m05s, 12 events, 10s elapsed");
    p.stop();
  }

  @Test
  void eachMailboxCountsItsRateFromItsOwnStartAndLeavesTheLinesWhenBothSourcesEnded() {
    IngestProgress p = progress();
    p.start();
    p.started("omar@helio.app");
    clock.set(5 * SECOND);
    p.started("lin@helio.app");
    clock.set(15 * SECOND);
    p.listed("omar@helio.app", 300, true);
    p.fetched("omar@helio.app", 300);
    p.listed("lin@helio.app", 100, true);
    p.fetched("lin@helio.app", 50);
    assertThat(p.lines()).containsExactly(
        "progress lin@helio.app: listed 100, fetched 50 (50%), 5.0 msg/s, eta 10s, 0 events, 10s elapsed",
        "progress omar@helio.app: listed 300, fetched 300 (100%), 20.0 msg/s, eta 0s, 0 events, 15s elapsed");

    p.ended("omar@helio.app", "gmail", "syncing");
    p.ended("omar@helio.app", "gmail", "ok");
    assertThat(p.lines()).hasSize(2);
    p.ended("omar@helio.app", "calendar", "ok");
    assertThat(p.lines()).singleElement().asString().startsWith("progress lin@helio.app:");

    clock.set(20 * SECOND);
    p.ended("lin@helio.app", "gmail", "failed");
    p.stop();
    // Omar's time stopped at his end; Lin never ended her calendar and counts up to the stop.
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("""
        ingest summary:
        mailbox         listed  fetched  msg/s  events  time  gmail   calendar
        lin@helio.app      100       50    3.3       0   15s  failed  -
        omar@helio.app     300      300   20.0       0   15s  ok      ok
        total              400      350   17.5       0   20s
        """);
  }

  @Test
  void stopPrintsTheTableOnceAndASilentProgressPrintsNothing() {
    IngestProgress p = progress();
    p.start();
    p.stop();
    assertThat(bytes.size()).as("no mailbox, no table").isZero();
    IngestProgress q = progress();
    q.started("a@x.com");
    q.stop();
    q.stop();
    assertThat(bytes.toString(StandardCharsets.UTF_8).split("ingest summary", -1)).hasSize(2);
    IngestProgress silent = IngestProgress.silent();
    silent.start();
    silent.fetched("a@x.com", 3);
    silent.stop();
  }

  @Test
  void durationsReadAtAGlance() {
    assertThat(ProgressFormat.duration(0.4)).isEqualTo("0s");
    assertThat(ProgressFormat.duration(59.4)).isEqualTo("59s");
    assertThat(ProgressFormat.duration(125)).isEqualTo("2m05s");
    assertThat(ProgressFormat.duration(3 * 3600 + 7 * 60 + 30)).isEqualTo("3h07m");
  }

  @Test
  void theIntervalOptionTakesSecondsOrMinutes() {
    assertThat(IngestProgress.parseEvery("10s")).isEqualTo(Duration.ofSeconds(10));
    assertThat(IngestProgress.parseEvery("2m")).isEqualTo(Duration.ofMinutes(2));
    for (String bad : new String[] {"0s", "10", "-1s", "1h", "", null}) {
      assertThatThrownBy(() -> IngestProgress.parseEvery(bad)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("progress-every");
    }
  }

  @Test
  void countsFromParallelMailboxSyncsAddUp() throws Exception {
    IngestProgress p = IngestProgress.silent();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread = new Thread(() -> {
        for (int i = 0; i < 10_000; i++) {
          p.listed("a@x.com", 1, false);
          p.fetched("a@x.com", 1);
        }
      });
      threads.add(thread);
      thread.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(p.summary()).contains("a@x.com   40000    40000");
  }

  @Test
  void theReporterPrintsAtItsIntervalUntilStopped() throws Exception {
    IngestProgress p = IngestProgress.to(out, Duration.ofMillis(50));
    p.start();
    p.started("a@x.com");
    p.listed("a@x.com", 10, true);
    long deadline = System.nanoTime() + 5 * SECOND;
    while (bytes.toString(StandardCharsets.UTF_8).lines().count() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    p.stop();
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(printed.lines().filter(l -> l.startsWith("progress a@x.com: listed 10, fetched 0")).count())
        .isGreaterThanOrEqualTo(3);
    assertThat(printed).contains("ingest summary:");
    int after = bytes.size();
    Thread.sleep(200);
    assertThat(bytes.size()).as("nothing after the stop").isEqualTo(after);
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("ingest-progress") && t.isAlive()
        && !t.isDaemon());
  }
}
