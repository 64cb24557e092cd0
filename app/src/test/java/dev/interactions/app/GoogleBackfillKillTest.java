package dev.interactions.app;

import static dev.interactions.app.CommandLineTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.interactions.app.CommandLineTest.Result;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.ingest.google.fake.FakeGoogle;
import dev.interactions.ingest.google.fake.FakeResources;
import dev.interactions.testkit.SharedSpark;
import dev.interactions.testkit.SparkTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Google backfill SIGKILLed part-way, as a real process against the fake Google, then run
 * again: the rerun fetches nothing the killed run landed, no message is fetched more than once
 * more than a clean run fetches it, and bronze ends as a clean run's.
 */
@SparkTest
class GoogleBackfillKillTest {
  static final String KIT = "kit@helio.app";
  static final int MESSAGES = 400;
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @TempDir Path tmp;

  @Test
  void aBackfillKilledPartWayAndRunAgainFetchesWhatLandedOnceAndEndsAsACleanRun() throws Exception {
    // A little latency per call, as Google has, so that the backfill is still fetching at the kill.
    try (FakeGoogle google = FakeGoogle.start(2, 6)) {
      String token = google.connect(KIT);
      for (int i = 0; i < MESSAGES; i++) {
        google.gmail().add(KIT, FakeResources.message("k" + i, "t" + (i / 4), NOW.minus(Duration.ofHours(1 + i)),
            List.of("INBOX"), "wes@umbrella.com", KIT, null, "Order " + i, "k" + i + "@umbrella.com", null));
      }
      for (int i = 0; i < 2; i++) {
        Instant start = NOW.minus(Duration.ofDays(1 + i));
        google.calendar().put(KIT, FakeResources.event("e" + i, "e" + i + "@google.com", start, start.plusSeconds(1800),
            NOW.minus(Duration.ofDays(20)), "Call " + i, KIT, List.of(KIT, "wes@umbrella.com"), null));
      }
      Path tokens = tmp.resolve("tokens.json");
      Files.writeString(tokens, "{\"client_id\": \"" + FakeGoogle.CLIENT_ID + "\", \"client_secret\": \""
          + FakeGoogle.CLIENT_SECRET + "\", \"tokens\": {\"" + KIT + "\": \"" + token + "\"}}");
      Files.setPosixFilePermissions(tokens, PosixFilePermissions.fromString("rw-------"));
      String clean = tmp.resolve("clean").toString();
      Path killed = tmp.resolve("killed");

      Result cleanRun = cli(ingest(google, tokens, clean));
      assertThat(cleanRun.exit()).as(cleanRun.err()).isZero();
      Map<String, Long> cleanGets = messageGets(google);
      assertThat(cleanGets).hasSize(MESSAGES).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));

      // Landing every 50 messages, killed as the third commit of bronze.gmail_messages appears.
      google.clearCalls();
      List<String> args = Stream.concat(Stream.of(ingest(google, tokens, killed.toString())),
          Stream.of("--land-every", "50")).toList();
      Path log = tmp.resolve("killed-run.log");
      Process run = KillHarness.launch(args, log);
      try {
        Path gmailLog = killed.resolve("bronze").resolve("gmail_messages").resolve("_delta_log");
        while (run.isAlive() && commits(gmailLog) < 3) {
          Thread.sleep(2);
        }
        assertThat(run.isAlive()).as("the backfill was still running at the kill: " + Files.readString(log)).isTrue();
      } finally {
        run.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block
      }
      assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
      Set<String> landed = ids(killed.toString());
      assertThat(landed).as("landed before the kill").isNotEmpty().hasSizeLessThan(MESSAGES);

      Result rerun = cli(ingest(google, tokens, killed.toString()));
      assertThat(rerun.exit()).as(rerun.err()).isZero();
      assertThat(rerun.err()).doesNotContain("in use by another run");

      Map<String, Long> gets = messageGets(google);
      assertThat(gets.keySet()).as("every message fetched").hasSize(MESSAGES);
      assertThat(gets).as("at most once more than the clean run")
          .allSatisfy((id, n) -> assertThat(n).as(id).isLessThanOrEqualTo(cleanGets.get(id) + 1));
      assertThat(gets).as("fetched in the killed run: the %d it landed", landed.size())
          .containsKeys(landed.toArray(String[]::new));
      landed.forEach(id -> assertThat(gets.get(id)).as("%s landed before the kill: fetched once", id).isEqualTo(1));

      for (String query : List.of(
          "SELECT * EXCEPT (run_id, ingested_at) FROM bronze.gmail_messages ORDER BY mailbox, id",
          "SELECT * EXCEPT (run_id, ingested_at) FROM bronze.calendar_events ORDER BY mailbox, id",
          "SELECT mailbox, source, origin, auth_state, cursor_kind, status, error FROM bronze.sync_state"
              + " ORDER BY mailbox, source",
          "SELECT cursor FROM bronze.sync_state WHERE source = 'gmail'")) {
        assertThat(rows(killed.toString(), query)).as(query).isEqualTo(rows(clean, query)).isNotEmpty();
      }
    }
  }

  private static String[] ingest(FakeGoogle google, Path tokens, String warehouse) {
    return new String[] {"ingest", "--source", "google", "--warehouse", warehouse, "--mailboxes", KIT, "--auth",
        "user-tokens", "--credentials", tokens.toString(), "--google-root-url", google.rootUrl(), "--token-uri",
        google.tokenUri()};
  }

  /** Gmail message fetches per id since the calls were last cleared. */
  private static Map<String, Long> messageGets(FakeGoogle google) {
    return google.calls().stream()
        .filter(c -> KIT.equals(c.mailbox()) && c.path().startsWith("/gmail/v1/users/me/messages/"))
        .collect(Collectors.groupingBy(c -> c.path().substring(c.path().lastIndexOf('/') + 1), Collectors.counting()));
  }

  /** Commit files in a Delta log folder. */
  private static long commits(Path deltaLog) {
    try (Stream<Path> files = Files.list(deltaLog)) {
      return files.filter(f -> f.getFileName().toString().matches("\\d{20}\\.json")).count();
    } catch (java.io.IOException notYet) {
      return 0;
    }
  }

  private static Set<String> ids(String warehouse) {
    Warehouse wh = new Warehouse(SharedSpark.spark(), warehouse);
    wh.register();
    return wh.spark().sql("SELECT id FROM bronze.gmail_messages WHERE deleted_at IS NULL").collectAsList().stream()
        .map(r -> r.getString(0)).collect(Collectors.toSet());
  }

  private static List<String> rows(String warehouse, String query) {
    Warehouse wh = new Warehouse(SharedSpark.spark(), warehouse);
    wh.register();
    return wh.spark().sql(query).collectAsList().stream().map(Object::toString).toList();
  }
}
