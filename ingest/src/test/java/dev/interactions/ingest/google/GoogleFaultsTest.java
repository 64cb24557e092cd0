package dev.interactions.ingest.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.http.javanet.NetHttpTransport;
import dev.interactions.core.RunContext;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.spark.RowValues;
import dev.interactions.ingest.google.fake.FakeGoogle;
import dev.interactions.ingest.google.fake.FakeResources;
import dev.interactions.testkit.SharedSpark;
import dev.interactions.testkit.SparkTest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Google source when Google misbehaves or a run is cut short: a storm of 5xx under a tight
 * quota, a mailbox whose backend stays down, a backfill killed between two commits, and one that
 * keeps stopping at its time budget. One warehouse for the class; the fake answers fast.
 */
@SparkTest
class GoogleFaultsTest {
  static final Instant NOW = Instant.now();
  static FakeGoogle google;
  static final Map<String, String> tokens = new HashMap<>();
  static Warehouse wh;

  @BeforeAll
  static void start(SparkSession spark) throws Exception {
    google = FakeGoogle.start(0, 2);
    wh = new Warehouse(spark, SharedSpark.newWarehouse());
  }

  @AfterAll
  static void stop() {
    google.close();
  }

  /** A connected mailbox with {@code count} messages in the window and two events. */
  static String mailbox(String name, int count) {
    String mailbox = name + "@helio.app";
    tokens.put(mailbox, google.connect(mailbox));
    for (int i = 0; i < count; i++) {
      google.gmail().add(mailbox, FakeResources.message(name + "-" + i, "t-" + name + "-" + (i / 3),
          NOW.minus(Duration.ofHours(1 + i)), List.of("INBOX"), "wes@umbrella.com", mailbox, null, "Hello " + i,
          name + "-" + i + "@umbrella.com", null));
    }
    for (int i = 0; i < 2; i++) {
      Instant start = NOW.minus(Duration.ofDays(1 + i));
      google.calendar().put(mailbox, FakeResources.event(name + "-e" + i, name + "-e" + i + "@google.com", start,
          start.plusSeconds(1800), NOW.minus(Duration.ofDays(20)), "Call " + i, mailbox,
          List.of(mailbox, "wes@umbrella.com"), null));
    }
    return mailbox;
  }

  static GoogleIngest.Report ingest(List<String> mailboxes, UnaryOperator<GoogleOptions> options,
      UnaryOperator<GoogleIngest> ingest) throws InterruptedException {
    GoogleOptions base = options.apply(new GoogleOptions(mailboxes, List.of(), GoogleOptions.DEFAULT_BACKFILL,
        GoogleOptions.StoreBodies.SNIPPET, google.rootUrl(), google.tokenUri()));
    GoogleClients clients = new GoogleClients(new NetHttpTransport(), google.rootUrl(), google.tokenUri())
        .withRetryPolicy(new RetryPolicy(10, 2, 40, Duration.ofMillis(20), new Random(3), Instant::now))
        .withQuota(base.quota());
    UserTokens userTokens = new UserTokens(FakeGoogle.CLIENT_ID, FakeGoogle.CLIENT_SECRET, tokens);
    return ingest.apply(new GoogleIngest(wh, RunContext.start(), clients, userTokens)).ingest(base);
  }

  static List<Row> sql(String query) {
    wh.register();
    return wh.spark().sql(query).collectAsList();
  }

  static void assertBronzeEqualsFake(String mailbox) throws Exception {
    // Every message the fake holds is inside the window here.
    BronzeVersusFake.assertGmailMatches(wh, google, mailbox, Instant.EPOCH);
    assertThat(sql("SELECT count(*) FROM bronze.gmail_messages WHERE mailbox = '" + mailbox
        + "' AND deleted_at IS NOT NULL").get(0).getLong(0)).isZero();
    assertThat(sql("SELECT id FROM bronze.calendar_events WHERE mailbox = '" + mailbox + "'"))
        .extracting(r -> RowValues.string(r, "id"))
        .containsExactlyInAnyOrderElementsOf(google.calendar().events(mailbox).keySet());
  }

  static Map<String, Long> messageGets(String mailbox) {
    return google.calls().stream()
        .filter(c -> mailbox.equals(c.mailbox()) && c.path().startsWith("/gmail/v1/users/me/messages/"))
        .collect(Collectors.groupingBy(c -> c.path().substring(c.path().lastIndexOf('/') + 1),
            Collectors.counting()));
  }

  static Row gmailState(String mailbox) {
    return sql("SELECT status, cursor, auth_state, error FROM bronze.sync_state WHERE source = 'gmail'"
        + " AND mailbox = '" + mailbox + "'").get(0);
  }

  @Test
  void aStormOf5xxUnderATightQuotaStillLandsEverythingOnceAndABrokenMailboxFailsAlone() throws Exception {
    String sam = mailbox("sam", 130);
    String sue = mailbox("sue", 90);
    String down = mailbox("down", 5);
    google.breakMailbox(down);
    google.failAtRandom(0.15, 42);
    // The fake refuses what goes beyond 400 units a second a mailbox, as Google does beyond its quota.
    google.enforceUserQuota(400);
    try {
      // 600 units a second for the project, 300 a mailbox: under what the fake takes.
      GoogleIngest.Report report = ingest(List.of(sam, sue, down),
          o -> new GoogleOptions(o.mailboxes(), o.notConnected(), o.backfill(), o.storeBodies(), o.rootUrl(),
              o.tokenUri(), null, 300, 36_000), i -> i);
      assertThat(report.exitStatus()).isEqualTo(3);
      // The client-side limits kept every mailbox under the server's quota: nothing bounced off it.
      assertThat(google.quotaRefusals()).isZero();
    } finally {
      google.failAtRandom(0, 0);
      google.enforceUserQuota(0);
    }
    assertBronzeEqualsFake(sam);
    assertBronzeEqualsFake(sue);
    assertThat(sql("SELECT mailbox, id FROM bronze.gmail_messages GROUP BY mailbox, id HAVING count(*) > 1"))
        .isEmpty();
    // Faults were injected and retried: more messages.get calls went out than there are messages.
    assertThat(messageGets(sam).values().stream().mapToLong(Long::longValue).sum()).isGreaterThan(130);
    assertThat(gmailState(sam).mkString("|")).isEqualTo("ok|" + google.gmail().historyId(sam) + "|ok|null");
    for (Row r : sql("SELECT status, auth_state, error FROM bronze.sync_state WHERE mailbox = '" + down + "'")) {
      assertThat(RowValues.string(r, "status")).isEqualTo("failed");
      assertThat(RowValues.string(r, "auth_state")).isEqualTo("ok");
      assertThat(RowValues.string(r, "error")).contains("503").doesNotContain("\n")
          .doesNotContain(tokens.get(down)).doesNotContain(FakeGoogle.CLIENT_SECRET);
    }
    assertThat(sql("SELECT id FROM bronze.gmail_messages WHERE mailbox = '" + down + "'")).isEmpty();
  }

  @Test
  void aBackfillKilledBetweenCommitsGoesOnWithoutFetchingWhatLandedAgain() throws Exception {
    String kit = mailbox("kit", 260);
    long historyAtStart = google.gmail().historyId(kit);
    google.clearCalls();
    AtomicInteger commits = new AtomicInteger();
    assertThatThrownBy(() -> ingest(List.of(kit), o -> o, i -> i.landEvery(1, () -> {
      if (commits.incrementAndGet() == 2) {
        throw new IllegalStateException("killed after two commits");
      }
    }))).hasMessageContaining("killed");

    Set<String> landed = sql("SELECT id FROM bronze.gmail_messages WHERE mailbox = '" + kit + "'").stream()
        .map(r -> RowValues.string(r, "id")).collect(Collectors.toSet());
    assertThat(landed).isNotEmpty().hasSizeLessThan(260);
    assertThat(gmailState(kit).mkString("|")).isEqualTo("syncing|backfill:" + historyAtStart + "|ok|null");

    GoogleIngest.Report again = ingest(List.of(kit), o -> o, i -> i);

    assertThat(again.exitStatus()).isZero();
    assertBronzeEqualsFake(kit);
    assertThat(gmailState(kit).mkString("|")).isEqualTo("ok|" + historyAtStart + "|ok|null");
    Map<String, Long> gets = messageGets(kit);
    assertThat(gets).hasSize(260);
    // A clean run fetches each message once; the killed one and its restart at most once more,
    // and never what the killed run had landed.
    assertThat(gets.values()).allMatch(n -> n <= 2);
    landed.forEach(id -> assertThat(gets.get(id)).as(id).isEqualTo(1));
  }

  @Test
  void aBackfillThatReachesItsTimeBudgetStopsPartialAndGoesOnNextRun() throws Exception {
    String bo = mailbox("bo", 120);
    google.clearCalls();
    List<String> statuses = new java.util.ArrayList<>();
    for (int run = 0; run < 6 && !statuses.contains("ok"); run++) {
      // A budget spent at once: each run fetches one batch of 50, then stops.
      GoogleIngest.Report report = ingest(List.of(bo), o -> o.withMailboxTimeBudget(Duration.ofNanos(1)), i -> i);
      assertThat(report.exitStatus()).isZero();
      Row state = gmailState(bo);
      statuses.add(RowValues.string(state, "status"));
      if ("partial".equals(RowValues.string(state, "status"))) {
        assertThat(RowValues.string(state, "cursor")).startsWith("backfill:");
      }
    }
    assertThat(statuses).containsExactly("partial", "partial", "ok");
    assertBronzeEqualsFake(bo);
    assertThat(messageGets(bo)).hasSize(120).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
  }
}
