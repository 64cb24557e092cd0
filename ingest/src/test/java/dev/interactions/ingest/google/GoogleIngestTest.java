package dev.interactions.ingest.google;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.api.client.http.javanet.NetHttpTransport;
import dev.interactions.core.RunContext;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.spark.RowValues;
import dev.interactions.ingest.files.FilesIngest;
import dev.interactions.ingest.google.fake.FakeGoogle;
import dev.interactions.ingest.google.fake.FakeResources;
import dev.interactions.testkit.SharedSpark;
import dev.interactions.testkit.SparkTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Google source against the fake: backfill, incremental runs, deletions, relabels, cancellations, auth failures. */
@SparkTest
class GoogleIngestTest {
  static final String MAYA = "maya@helio.app";
  static final String OMAR = "omar@helio.app";
  static final String LIN = "lin@helio.app";
  static final Instant NOW = Instant.now();

  static FakeGoogle google;
  static Map<String, String> refreshTokens = new HashMap<>();

  @TempDir Path tmp;

  @BeforeAll
  static void start() throws Exception {
    google = FakeGoogle.start();
    for (String m : List.of(MAYA, OMAR, LIN)) {
      refreshTokens.put(m, google.connect(m));
    }
  }

  @AfterAll
  static void stop() {
    google.close();
  }

  static Instant daysAgo(int days) {
    return NOW.minus(Duration.ofDays(days));
  }

  static ObjectNode mail(String id, int daysAgo, List<String> labels, String from, String to, String subject,
      String messageId, String inReplyTo) {
    return FakeResources.message(id, "t-" + id, daysAgo(daysAgo), labels, from, to, null, subject, messageId,
        inReplyTo);
  }

  static ObjectNode event(String id, String uid, Instant start, String summary, String organizer, List<String> who,
      String recurring) {
    return FakeResources.event(id, uid, start, start.plusSeconds(1800), daysAgo(30), summary, organizer, who,
        recurring);
  }

  GoogleIngest.Report ingest(Warehouse wh, List<String> mailboxes, List<String> notConnected,
      Map<String, String> tokens) throws InterruptedException {
    GoogleClients clients = new GoogleClients(new NetHttpTransport(), google.rootUrl(), google.tokenUri());
    UserTokens userTokens = new UserTokens(FakeGoogle.CLIENT_ID, FakeGoogle.CLIENT_SECRET, tokens);
    GoogleOptions options = new GoogleOptions(mailboxes, notConnected, GoogleOptions.DEFAULT_BACKFILL,
        GoogleOptions.StoreBodies.SNIPPET, google.rootUrl(), google.tokenUri());
    return new GoogleIngest(wh, RunContext.start(), clients, userTokens).ingest(options);
  }

  static List<Row> sql(Warehouse wh, String query) {
    wh.register();
    return wh.spark().sql(query).collectAsList();
  }

  static void assertGmailMatchesFake(Warehouse wh, String mailbox) throws Exception {
    BronzeVersusFake.assertGmailMatches(wh, google, mailbox,
        new GoogleOptions(List.of(), List.of(), GoogleOptions.DEFAULT_BACKFILL, null, null, null).backfillStart(NOW));
  }


  @Test
  void backfillThenIncrementalRunsLandExactlyTheFakesData(SparkSession spark) throws Exception {
    Warehouse wh = new Warehouse(spark, SharedSpark.newWarehouse());
    String wesId = "CAF=m1@umbrella.com";
    google.gmail().add(MAYA, mail("m1", 10, List.of("INBOX", "UNREAD"), "Wes <wes@umbrella.com>", MAYA, "Renewal",
        wesId, null));
    google.gmail().add(MAYA, mail("m2", 9, List.of("SENT"), "Maya <maya@helio.app>", "wes@umbrella.com",
        "Re: Renewal", "m2@helio.app", wesId));
    google.gmail().add(MAYA, mail("m3", 240, List.of("INBOX"), "wes@umbrella.com", MAYA, "Old", "m3@umbrella.com",
        null));
    google.gmail().add(MAYA, mail("m4", 5, List.of("SPAM"), "ana@acme.com", MAYA, "Pricing", "m4@acme.com", null));
    google.gmail().add(OMAR, mail("o1", 10, List.of("INBOX"), "Wes <wes@umbrella.com>", MAYA + ", " + OMAR,
        "Renewal", wesId, null));
    google.gmail().add(OMAR, mail("o2", 3, List.of("INBOX"), "ana@acme.com", OMAR, "Hello", "o2@acme.com", null));
    google.gmail().add(LIN, mail("l1", 20, List.of("INBOX"), "wes@umbrella.com", LIN, "Intro", "l1@umbrella.com",
        null));
    google.calendar().put(MAYA, event("e1", "e1@google.com", daysAgo(7), "Kick-off", MAYA,
        List.of(MAYA, "wes@umbrella.com"), null));
    google.calendar().put(MAYA, event("r1_20261204", "r1@google.com", NOW.plus(Duration.ofDays(3)), "Weekly", MAYA,
        List.of(MAYA, "ana@acme.com"), "r1"));
    google.calendar().put(MAYA, event("r1_20261211", "r1@google.com", NOW.plus(Duration.ofDays(10)), "Weekly", MAYA,
        List.of(MAYA, "ana@acme.com"), "r1"));
    google.calendar().put(OMAR, event("e3", "e3@google.com", daysAgo(2), "Demo", OMAR, List.of(OMAR, "ana@acme.com"),
        null));
    google.calendar().put(LIN, event("e4", "e4@google.com", NOW.plus(Duration.ofDays(400)), "Far away", LIN,
        List.of(LIN), null));

    GoogleIngest.Report first = ingest(wh, List.of(MAYA, OMAR, LIN), List.of(), refreshTokens);

    assertThat(first.exitStatus()).isZero();
    for (String m : List.of(MAYA, OMAR, LIN)) {
      assertGmailMatchesFake(wh, m);
    }
    assertThat(sql(wh, "SELECT id FROM bronze.gmail_messages WHERE id = 'm3'")).isEmpty();
    long sixMonthsAgo = NOW.atOffset(java.time.ZoneOffset.UTC).minusMonths(6).toEpochSecond();
    assertThat(google.calls()).filteredOn(c -> c.path().equals("/gmail/v1/users/me/messages")).hasSize(3)
        .allMatch(c -> "true".equals(c.param("includeSpamTrash")) && c.param("q").startsWith("after:")
            && Math.abs(Long.parseLong(c.param("q").substring(6)) - sixMonthsAgo) < 3600);
    assertThat(google.calls()).filteredOn(c -> c.path().startsWith("/gmail/v1/users/me/messages/"))
        .allMatch(c -> "metadata".equals(c.param("format")) && c.query().get("metadataHeaders").contains("Message-ID"));
    assertThat(google.calls()).anyMatch(c -> c.path().equals("/batch/gmail/v1"));
    assertThat(sql(wh, "SELECT mailbox, id, i_cal_uid, status FROM bronze.calendar_events ORDER BY mailbox, id"))
        .extracting(r -> r.mkString("|"))
        .containsExactly(MAYA + "|e1|e1@google.com|confirmed", MAYA + "|r1_20261204|r1@google.com|confirmed",
            MAYA + "|r1_20261211|r1@google.com|confirmed", OMAR + "|e3|e3@google.com|confirmed");
    assertThat(sql(wh, "SELECT source, cursor_kind, status, auth_state, origin, cursor FROM bronze.sync_state"
        + " WHERE mailbox = '" + MAYA + "' ORDER BY source"))
        .extracting(r -> r.mkString("|"))
        .containsExactly("calendar|syncToken|ok|ok|google|sync-3",
            "gmail|historyId|ok|ok|google|" + google.gmail().historyId(MAYA));

    // Changes between runs: new, deleted and relabelled mail; new, changed and cancelled events.
    google.gmail().add(MAYA, mail("m5", 1, List.of("INBOX"), "wes@umbrella.com", MAYA, "Re: Renewal",
        "m5@umbrella.com", "m2@helio.app"));
    google.gmail().delete(MAYA, "m2");
    google.gmail().relabel(MAYA, "m1", List.of("SPAM"), List.of("INBOX"));
    google.gmail().relabel(MAYA, "m4", List.of("INBOX"), List.of("SPAM"));
    google.gmail().relabel(OMAR, "o2", List.of("SPAM"), List.of("INBOX"));
    google.gmail().relabel(OMAR, "o2", List.of("INBOX"), List.of("SPAM"));
    google.calendar().put(MAYA, event("e5", "e5@google.com", NOW.plus(Duration.ofDays(1)), "Follow-up", MAYA,
        List.of(MAYA, "wes@umbrella.com"), null));
    ObjectNode moved = event("e1", "e1@google.com", daysAgo(6), "Kick-off (moved)", MAYA,
        List.of(MAYA, "wes@umbrella.com"), null);
    moved.put("updated", FakeResources.iso(daysAgo(1)));
    google.calendar().put(MAYA, moved);
    google.calendar().cancel(MAYA, "r1_20261204", true, null);
    google.calendar().cancel(OMAR, "e3", false, FakeResources.iso(NOW.minusSeconds(60)));
    google.clearCalls();

    GoogleIngest.Report second = ingest(wh, List.of(MAYA, OMAR, LIN), List.of(), refreshTokens);

    assertThat(second.exitStatus()).isZero();
    List<FakeGoogle.Call> calls = google.calls();
    assertThat(calls).noneMatch(c -> c.path().equals("/gmail/v1/users/me/messages")
        || c.path().equals("/gmail/v1/users/me/profile"));
    assertThat(calls).filteredOn(c -> c.path().equals("/gmail/v1/users/me/history")).extracting(FakeGoogle.Call::mailbox)
        .contains(MAYA, OMAR, LIN);
    assertThat(calls).filteredOn(c -> c.path().startsWith("/calendar/"))
        .hasSize(3)
        .allMatch(c -> c.param("syncToken") != null && c.param("timeMin") == null);
    for (String m : List.of(MAYA, OMAR, LIN)) {
      assertGmailMatchesFake(wh, m);
    }
    assertThat(sql(wh, "SELECT id, deleted_at IS NOT NULL AS deleted, subject_header FROM bronze.gmail_messages"
        + " WHERE id = 'm2'")).extracting(r -> r.mkString("|")).containsExactly("m2|true|Re: Renewal");
    assertThat(sql(wh, "SELECT array_join(label_ids, ',') FROM bronze.gmail_messages WHERE id IN ('m1', 'm4', 'o2')"
        + " ORDER BY id")).extracting(r -> r.getString(0)).containsExactly("UNREAD,SPAM", "INBOX", "INBOX");
    assertThat(sql(wh, "SELECT id, status, summary, start_at IS NOT NULL, i_cal_uid FROM bronze.calendar_events"
        + " ORDER BY mailbox, id")).extracting(r -> r.mkString("|")).containsExactly(
            "e1|confirmed|Kick-off (moved)|true|e1@google.com", "e5|confirmed|Follow-up|true|e5@google.com",
            "r1_20261204|cancelled|Weekly|true|r1@google.com", "r1_20261211|confirmed|Weekly|true|r1@google.com",
            "e3|cancelled|Demo|true|e3@google.com");

    // Expired history (404) and an invalid sync token (410): full resyncs that mark deleted what they no longer list.
    google.gmail().delete(LIN, "l1");
    google.gmail().add(LIN, mail("l2", 2, List.of("INBOX"), "wes@umbrella.com", LIN, "Intro 2", "l2@umbrella.com",
        null));
    google.gmail().expireHistory(LIN);
    google.calendar().purge(OMAR, "e3");
    google.calendar().invalidateSyncTokens(OMAR);
    google.clearCalls();

    assertThat(ingest(wh, List.of(OMAR, LIN), List.of(), refreshTokens).exitStatus()).isZero();

    assertThat(google.calls()).anyMatch(c -> LIN.equals(c.mailbox()) && c.path().equals("/gmail/v1/users/me/messages"));
    assertThat(google.calls()).anyMatch(c -> OMAR.equals(c.mailbox()) && c.path().startsWith("/calendar/")
        && c.param("timeMin") != null);
    assertGmailMatchesFake(wh, LIN);
    assertGmailMatchesFake(wh, OMAR);
    assertThat(sql(wh, "SELECT id, deleted_at IS NOT NULL FROM bronze.gmail_messages WHERE mailbox = '" + LIN + "'"
        + " ORDER BY id")).extracting(r -> r.mkString("|")).containsExactly("l1|true", "l2|false");
    assertThat(sql(wh, "SELECT id, status, deleted_at IS NOT NULL FROM bronze.calendar_events WHERE mailbox = '"
        + OMAR + "'")).extracting(r -> r.mkString("|")).containsExactly("e3|cancelled|true");

    // A late copy of the deleted message (a files ingest of it, even with a newer historyId) stays a tombstone.
    ObjectNode late = mail("m2", 9, List.of("SENT"), MAYA, "wes@umbrella.com", "Revived?", "m2@helio.app", null);
    late.put("historyId", "999999");
    Path file = tmp.resolve("input/gmail/" + MAYA + "/m2.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, late.toString());
    new FilesIngest(wh, RunContext.start()).ingest(tmp.resolve("input").toString());
    assertThat(sql(wh, "SELECT deleted_at IS NOT NULL, subject_header FROM bronze.gmail_messages WHERE id = 'm2'"))
        .extracting(r -> r.mkString("|")).containsExactly("true|Re: Renewal");
  }

  @Test
  void aRevokedMailboxFailsAloneAndNotConnectedOnesAreShown(SparkSession spark) throws Exception {
    Warehouse wh = new Warehouse(spark, SharedSpark.newWarehouse());
    String ok = "kim@helio.app";
    String gone = "ray@helio.app";
    Map<String, String> tokens = Map.of(ok, google.connect(ok), gone, google.connect(gone));
    google.revoke(tokens.get(gone));
    google.gmail().add(ok, mail("k1", 4, List.of("INBOX"), "wes@umbrella.com", ok, "Hi", "k1@umbrella.com", null));

    GoogleIngest.Report report = ingest(wh, List.of(ok, gone), List.of("zoe@helio.app"), tokens);

    assertThat(report.exitStatus()).isEqualTo(3);
    List<Row> states = sql(wh, "SELECT mailbox, source, auth_state, status, error, cursor FROM bronze.sync_state"
        + " ORDER BY mailbox, source");
    assertThat(states).extracting(r -> r.getString(0) + "|" + r.getString(1) + "|" + r.getString(2) + "|"
        + r.getString(3)).containsExactly(
            ok + "|calendar|ok|ok", ok + "|gmail|ok|ok",
            gone + "|calendar|auth_revoked|failed", gone + "|gmail|auth_revoked|failed",
            "zoe@helio.app|calendar|not_connected|null", "zoe@helio.app|gmail|not_connected|null");
    assertThat(states).allSatisfy(r -> assertThat(String.valueOf(r.get(4))).doesNotContain(tokens.get(gone))
        .doesNotContain(FakeGoogle.CLIENT_SECRET));
    assertThat(sql(wh, "SELECT id FROM bronze.gmail_messages")).extracting(r -> r.getString(0)).containsExactly("k1");

    assertThat(ingest(wh, List.of(gone), List.of(), tokens).exitStatus()).isEqualTo(1);
  }
}
