package dev.interactions.app;

import static dev.interactions.app.CommandLineTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interactions.app.CommandLineTest.Result;
import dev.interactions.ingest.google.fake.FakeGmail;
import dev.interactions.ingest.google.fake.FakeGoogle;
import dev.interactions.ingest.google.fake.FakeResources;
import dev.interactions.testkit.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ingest --source google} through the command line against the fake Google, then transform
 * and metrics: the gold tables equal those of a files ingest of the same resources, and {@code
 * status} shows every mailbox with its origin, cursor kind and counts.
 */
@SparkTest
class GoogleSourceEndToEndTest {
  static final String MAYA = "maya@helio.app";
  static final String OMAR = "omar@helio.app";
  static final String ZOE = "zoe@helio.app";
  static final Instant T = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  static final List<String> HEADERS = List.of("From", "To", "Cc", "Bcc", "Subject", "Message-ID", "In-Reply-To",
      "References", "Date");
  static final String FIELDS = "id,threadId,labelIds,snippet,historyId,internalDate,payload/headers";

  @TempDir Path tmp;

  static Instant ago(int days) {
    return T.minus(Duration.ofDays(days));
  }

  @Test
  void googleIngestFeedsTransformAndMetricsLikeAFilesIngestOfTheSameData() throws Exception {
    try (FakeGoogle google = FakeGoogle.start()) {
      String maya = google.connect(MAYA);
      String omar = google.connect(OMAR);
      Path reference = reference();
      Path tokens = tmp.resolve("tokens.json");
      Files.writeString(tokens, "{\"client_id\": \"" + FakeGoogle.CLIENT_ID + "\", \"client_secret\": \""
          + FakeGoogle.CLIENT_SECRET + "\", \"tokens\": {\"" + MAYA + "\": \"" + maya + "\", \"" + OMAR + "\": \""
          + omar + "\"}}");
      Files.setPosixFilePermissions(tokens, PosixFilePermissions.fromString("rw-------"));
      seed(google);
      String wh = tmp.resolve("wh-google").toString();
      String[] ingest = {"ingest", "--source", "google", "--warehouse", wh, "--reference", reference.toString(),
          "--auth", "user-tokens", "--credentials", tokens.toString(), "--google-root-url", google.rootUrl(),
          "--token-uri", google.tokenUri()};

      Result first = cli(ingest);
      assertThat(first.exit()).as(first.err()).isZero();
      change(google);
      google.clearCalls();
      Result second = cli(ingest);
      assertThat(second.exit()).as(second.err()).isZero();
      assertThat(google.calls()).noneMatch(c -> c.path().equals("/gmail/v1/users/me/messages"));
      assertThat(second.err()).doesNotContain(maya).doesNotContain(FakeGoogle.CLIENT_SECRET);

      Result status = cli("status", "--warehouse", wh);
      assertThat(status.exit()).as(status.err()).isZero();
      assertThat(status.out() + status.err()).as("status shows no secret")
          .doesNotContain(maya).doesNotContain(omar).doesNotContain(FakeGoogle.CLIENT_SECRET);
      assertThat(status.out().lines().toList()).containsExactly(
          "mailbox,source,origin,auth_state,status,last_success_at,last_attempt_at,stored,deleted,quarantined,"
              + "cursor_kind,error",
          line(status, MAYA + ",calendar,google,ok,ok,", ",3,0,0,syncToken,"),
          line(status, MAYA + ",gmail,google,ok,ok,", ",3,1,0,historyId,"),
          line(status, OMAR + ",calendar,google,ok,ok,", ",1,0,0,syncToken,"),
          line(status, OMAR + ",gmail,google,ok,ok,", ",2,0,0,historyId,"),
          ZOE + ",calendar,google,not_connected,,,"
              + status.out().lines().filter(l -> l.startsWith(ZOE + ",calendar")).findFirst().orElseThrow()
                  .split(",")[6]
              + ",0,0,0,,not connected: no refresh token for this mailbox in the credentials file",
          ZOE + ",gmail,google,not_connected,,,"
              + status.out().lines().filter(l -> l.startsWith(ZOE + ",gmail")).findFirst().orElseThrow()
                  .split(",")[6]
              + ",0,0,0,,not connected: no refresh token for this mailbox in the credentials file");

      // Expired cursors: a deletion and a cancellation the next run cannot read from history, so
      // it lists the window again and tombstones what is gone.
      google.gmail().delete(OMAR, "o2");
      google.calendar().cancel(OMAR, "e2", true, null);
      google.gmail().expireHistory(OMAR);
      google.calendar().invalidateSyncTokens(OMAR);
      Result resync = cli(ingest);
      assertThat(resync.exit()).as(resync.err()).isZero();
      assertThat(google.calls()).anyMatch(c -> c.path().equals("/gmail/v1/users/me/messages"));

      // A fresh warehouse through a storm: 15 % of calls fail with 5xx, the server enforces a
      // per-mailbox quota, and the client's limit keeps under it.
      String storm = tmp.resolve("wh-storm").toString();
      google.failAtRandom(0.15, 11);
      google.enforceUserQuota(40);
      try {
        String[] stormy = java.util.stream.Stream.concat(java.util.Arrays.stream(ingest),
            java.util.stream.Stream.of("--quota-user-units-per-second", "30")).toArray(String[]::new);
        stormy[java.util.Arrays.asList(stormy).indexOf(wh)] = storm;
        Result r = cli(stormy);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(google.quotaRefusals()).isZero();
      } finally {
        google.failAtRandom(0, 0);
        google.enforceUserQuota(0);
      }

      // Omar changes his password, which revokes our token. Maya's new mail still lands in both
      // warehouses, the run exits 3 and status says why; Omar's data stays as last synced.
      google.revoke(omar);
      google.gmail().add(MAYA, mail("m5", 1, List.of("INBOX"), "ana@acme.com", MAYA, "Discount", "m5@acme.com", null));
      for (String w : List.of(wh, storm)) {
        String[] args = ingest.clone();
        args[java.util.Arrays.asList(args).indexOf(wh)] = w;
        Result revoked = cli(args);
        assertThat(revoked.exit()).as(revoked.err()).isEqualTo(3);
        assertThat(revoked.err()).contains(OMAR).doesNotContain(omar).doesNotContain(FakeGoogle.CLIENT_SECRET);
        Result shown = cli("status", "--warehouse", w);
        assertThat(shown.out().lines().filter(l -> l.startsWith(OMAR + ",")).toList()).as(w)
            .hasSize(2).allMatch(l -> l.contains(",google,auth_revoked,failed,"));
        assertThat(shown.out().lines().filter(l -> l.startsWith(MAYA + ",gmail,")).toList()).as(w)
            .singleElement().asString().contains(",google,ok,ok,");
      }

      // The same resources, as the fake holds them now, through the files source.
      Path input = tmp.resolve("input");
      for (String m : List.of(MAYA, OMAR)) {
        for (var e : google.gmail().messages(m).entrySet()) {
          write(input.resolve("gmail/" + m + "/" + e.getKey() + ".json"),
              FakeGmail.served(e.getValue(), "metadata", HEADERS, FIELDS).toString());
        }
        for (var e : google.calendar().events(m).entrySet()) {
          write(input.resolve("calendar/" + m + "/" + e.getKey() + ".json"), e.getValue().toString());
        }
      }
      String files = tmp.resolve("wh-files").toString();
      assertThat(cli("ingest", "--source", "files", "--input", input.toString(), "--warehouse", files).exit()).isZero();

      for (String w : List.of(wh, storm, files)) {
        Result t = cli("transform", "--warehouse", w, "--reference", reference.toString());
        assertThat(t.exit()).as(t.err()).isZero();
        Result m = cli("metrics", "--warehouse", w, "--as-of", T.toString());
        assertThat(m.exit()).as(m.err()).isZero();
      }
      for (String query : List.of(
          "SELECT * EXCEPT (run_id) FROM gold.interactions ORDER BY interaction_id",
          "SELECT * EXCEPT (run_id) FROM gold.user_metrics ORDER BY user_id",
          "SELECT * EXCEPT (run_id) FROM gold.customer_metrics ORDER BY customer_id",
          "SELECT * EXCEPT (run_id) FROM gold.team_activity ORDER BY team_member_id")) {
        String expected = cli("sql", "--warehouse", files, query).out();
        for (String w : List.of(wh, storm)) {
          Result fromGoogle = cli("sql", "--warehouse", w, query);
          assertThat(fromGoogle.exit()).as(fromGoogle.err()).isZero();
          assertThat(fromGoogle.out()).as(w + ": " + query).isEqualTo(expected);
        }
      }
      Result counts = cli("sql", "--warehouse", wh,
          "SELECT count(*) FROM gold.interactions WHERE interaction_type = 'meeting'");
      // QBR, the weekly instance before T and Omar's demo until its cancellation.
      assertThat(counts.out()).isEqualTo("count(1)\n2\n");
      for (String w : List.of(wh, storm)) {
        Result dupes = cli("sql", "--warehouse", w, "SELECT count(*) FROM (SELECT mailbox, id FROM"
            + " bronze.gmail_messages GROUP BY mailbox, id HAVING count(*) > 1)");
        assertThat(dupes.out()).as(w).isEqualTo("count(1)\n0\n");
      }
    }
  }

  /** One line of the status output, with its two timestamps whatever they are. */
  private static String line(Result status, String start, String end) {
    String found = status.out().lines().filter(l -> l.startsWith(start)).findFirst().orElseThrow(
        () -> new AssertionError("no status line starting " + start + " in\n" + status.out()));
    assertThat(found).endsWith(end);
    return found;
  }

  private Path reference() throws IOException {
    Path dir = tmp.resolve("reference");
    write(dir.resolve("team_members.csv"), "team_member_id,email,aliases\nt1," + MAYA + ",\nt2," + OMAR + ",\nt3,"
        + ZOE + ",\n");
    write(dir.resolve("users.csv"), "user_id,email,customer_id\np1,wes@umbrella.com,k1\np2,ana@acme.com,k2\n");
    write(dir.resolve("customers.csv"), "customer_id,name,domains\nk1,Umbrella,umbrella.com\nk2,Acme,acme.com\n");
    return dir;
  }

  private static void seed(FakeGoogle google) {
    String thread = "CAF=renewal@umbrella.com";
    google.gmail().add(MAYA, mail("m1", 40, List.of("INBOX"), "Wes <wes@umbrella.com>", MAYA + ", " + OMAR,
        "Renewal", thread, null));
    google.gmail().add(MAYA, mail("m2", 39, List.of("SENT"), MAYA, "wes@umbrella.com", "Re: Renewal",
        "m2@helio.app", thread));
    google.gmail().add(MAYA, mail("m3", 12, List.of("INBOX"), "ana@acme.com", MAYA, "Pricing", "m3@acme.com", null));
    google.gmail().add(OMAR, mail("o1", 40, List.of("INBOX"), "Wes <wes@umbrella.com>", MAYA + ", " + OMAR,
        "Renewal", thread, null));
    google.gmail().add(OMAR, mail("o2", 8, List.of("INBOX"), "ana@acme.com", OMAR, "Question", "o2@acme.com", null));
    google.calendar().put(MAYA, event("e1", ago(20), "QBR", MAYA, "wes@umbrella.com", null));
    google.calendar().put(MAYA, event("w_1", ago(6), "Weekly", MAYA, "ana@acme.com", "w"));
    google.calendar().put(MAYA, event("w_2", T.plus(Duration.ofDays(1)), "Weekly", MAYA, "ana@acme.com", "w"));
    google.calendar().put(OMAR, event("e2", ago(3), "Demo", OMAR, "ana@acme.com", null));
  }

  /** Between the runs: a reply, a deletion, a message to spam and back, one to spam; a cancellation. */
  private static void change(FakeGoogle google) {
    google.gmail().add(MAYA, mail("m4", 2, List.of("INBOX"), "wes@umbrella.com", MAYA, "Re: Renewal",
        "m4@umbrella.com", "m2@helio.app"));
    google.gmail().delete(MAYA, "m3");
    google.gmail().relabel(MAYA, "m1", List.of("SPAM"), List.of("INBOX"));
    google.gmail().relabel(MAYA, "m1", List.of("INBOX"), List.of("SPAM"));
    google.gmail().relabel(OMAR, "o2", List.of("TRASH"), List.of("INBOX"));
    google.calendar().cancel(MAYA, "w_2", true, null);
  }

  private static ObjectNode mail(String id, int daysAgo, List<String> labels, String from, String to, String subject,
      String messageId, String inReplyTo) {
    return FakeResources.message(id, "t-" + id, ago(daysAgo), labels, from, to, null, subject, messageId, inReplyTo);
  }

  private static ObjectNode event(String id, Instant start, String summary, String organizer, String guest,
      String recurring) {
    return FakeResources.event(id, (recurring == null ? id : recurring) + "@google.com", start,
        start.plusSeconds(3600), ago(30), summary, organizer, List.of(organizer, guest), recurring);
  }

  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
