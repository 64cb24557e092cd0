package dev.interactions.app;

import static dev.interactions.app.CommandLineTest.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interactions.app.CommandLineTest.Result;
import dev.interactions.core.catalog.Table;
import dev.interactions.core.catalog.Tables;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.ingest.google.fake.FakeGoogle;
import dev.interactions.ingest.google.fake.FakeResources;
import dev.interactions.testkit.SharedSpark;
import dev.interactions.testkit.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nights of changes from the fake Google (new mail that joins and merges conversations, copies in
 * a second mailbox, deletions that split a conversation and change its id, relabels, cancelled
 * meetings, a user added, a user removed) land in a warehouse that transforms each night as the
 * nightly run does (incremental when it can); a copy of it taken after each night's ingest is
 * transformed with {@code --full}. Every silver and gold table, and the metrics at the end, must
 * be the same row for row; the nightly warehouse's metrics run each night, summing only the days
 * that changed, the copy's once with {@code --full}.
 */
@SparkTest
class IncrementalTransformTest {
  static final String MAYA = "maya@helio.app";
  static final String OMAR = "omar@helio.app";
  static final Instant T = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  /** What transform writes; compared without the columns that say which run wrote a row, or when. */
  static final List<Table> COMPARED = List.of(Tables.EMAIL_MESSAGES, Tables.MEETINGS, Tables.TEAM_MEMBERS,
      Tables.USERS, Tables.CUSTOMERS, Tables.SETTINGS, Tables.REFERENCE_WARNINGS, Tables.TRANSFORM_STATE,
      Tables.INTERACTIONS, Tables.INTERACTION_LINKS, Tables.INTERACTION_MESSAGES);
  /** What an incremental night updates in place rather than rewrites. */
  static final List<Table> IN_PLACE = List.of(Tables.EMAIL_MESSAGES, Tables.INTERACTIONS,
      Tables.INTERACTION_LINKS, Tables.INTERACTION_MESSAGES);
  static final Set<String> RUN_COLUMNS = Set.of("run_id", "transformed_at", "ingested_at", "reference");

  @TempDir Path tmp;

  FakeGoogle google;
  Path reference;
  String[] ingest;
  String nightly;
  /** The copy of the last night, transformed in full. */
  String full;
  int nights;

  @Test
  void everyNightTheIncrementalTablesEqualAFullRecompute() throws Exception {
    try (FakeGoogle g = FakeGoogle.start()) {
      google = g;
      setUp();
      seed();
      night("first night: nothing to increment from", "full");
      assertThat(count(nightly, "SELECT count(*) FROM gold.interactions")).isEqualTo(5);

      // New mail: a reply that joins Renewal, one that merges Pricing and Question, a copy of a new
      // message in Omar's mailbox, a reply to an unknown sender; a new meeting.
      google.gmail().add(MAYA, mail("m4", 5, "wes@umbrella.com", MAYA, "Re: Renewal", "x4@umbrella.com", "x2@helio.app"));
      google.gmail().add(MAYA, references(mail("m5", 4, MAYA, "ana@acme.com", "Re: Pricing", "y5@helio.app",
          "y1@acme.com"), "<z1@acme.com> <y1@acme.com>"));
      google.gmail().add(MAYA, mail("m6", 3, "ana@acme.com", MAYA + ", " + OMAR, "Onboarding", "n6@acme.com", null));
      google.gmail().add(OMAR, mail("o6", 3, "ana@acme.com", MAYA + ", " + OMAR, "Onboarding", "n6@acme.com", null));
      google.gmail().add(MAYA, mail("m7", 2, "sam@else.com", MAYA, "Re: Intro", "u7@else.com", "u1@else.com"));
      google.calendar().put(MAYA, event("e3", ago(1), "Kickoff", MAYA, "ana@acme.com"));
      night("new mail", "incremental");
      assertThat(lines(nightly, "SELECT count(DISTINCT interaction_id) FROM silver.email_messages"
          + " WHERE message_key IN ('y1@acme.com', 'z1@acme.com', 'y5@helio.app')")).containsExactly("1");

      // Deletions: Renewal's first message in both mailboxes (the conversation's id changes), the
      // merging reply (Pricing and Question part again); Onboarding to trash in one mailbox only; a
      // cancelled meeting.
      google.gmail().delete(MAYA, "m1");
      google.gmail().delete(OMAR, "o1");
      google.gmail().delete(MAYA, "m5");
      google.gmail().relabel(MAYA, "m6", List.of("TRASH"), List.of("INBOX"));
      google.calendar().cancel(MAYA, "e1", false, FakeResources.iso(T.minusSeconds(60)));
      night("deletions", "incremental");
      assertThat(lines(nightly, "SELECT count(DISTINCT interaction_id) FROM silver.email_messages"
          + " WHERE message_key IN ('y1@acme.com', 'z1@acme.com')")).containsExactly("2");

      // A user added (the unknown sender's conversation becomes an interaction) and one removed
      // (Ana's mail is nobody's any more). A change of the reference data is a full night.
      users("p1,wes@umbrella.com,k1\np3,sam@else.com,k3\n");
      google.gmail().add(MAYA, mail("m8", 1, "wes@umbrella.com", MAYA, "Contract", "c8@umbrella.com", null));
      google.gmail().add(OMAR, mail("o9", 1, OMAR, "ana@acme.com", "Re: Question", "z9@helio.app", "z1@acme.com"));
      night("a user added, a user removed", "full");
      assertThat(lines(nightly, "SELECT message_key, synced FROM silver.email_messages"
          + " WHERE message_key IN ('u7@else.com', 'z9@helio.app') ORDER BY message_key"))
          .containsExactly("u7@else.com,true", "z9@helio.app,false");

      // Back to increments on the new reference data: replies, a copy, and a message moved back from trash.
      google.gmail().add(MAYA, mail("m10", 0, MAYA, "wes@umbrella.com", "Re: Contract", "c10@helio.app",
          "c8@umbrella.com"));
      google.gmail().add(OMAR, mail("o10", 0, MAYA, "wes@umbrella.com, " + OMAR, "Re: Contract", "c10@helio.app",
          "c8@umbrella.com"));
      google.gmail().add(MAYA, mail("m11", 0, "sam@else.com", MAYA, "Re: Intro", "u11@else.com", "u7@else.com"));
      google.gmail().relabel(MAYA, "m6", List.of("INBOX"), List.of("TRASH"));
      night("replies after the reference changes", "incremental");

      // A night with nothing new changes nothing.
      Result again = cli("transform", "--warehouse", nightly, "--reference", reference.toString());
      assertThat(again.exit()).as(again.err()).isZero();
      assertThat(again.out()).contains("incremental: 0 messages changed");
      assertSameTables("nothing new");

      // The nightly warehouse's metrics have summed each night's changed days onto the last; the copy
      // sums every day again.
      Result m = cli("metrics", "--warehouse", nightly, "--as-of", T.toString());
      assertThat(m.exit()).as(m.err()).isZero();
      Result resummed = cli("metrics", "--full", "--warehouse", full, "--as-of", T.toString());
      assertThat(resummed.exit()).as(resummed.err()).isZero();
      List<Table> metrics = List.of(Tables.USER_METRICS, Tables.CUSTOMER_METRICS, Tables.TEAM_ACTIVITY,
          Tables.TEAM_ACTIVITY_ITEMS, Tables.DAILY_ACTIVITY, Tables.AWAITING_REPLY, Tables.CUSTOMER_ENGAGEMENT,
          Tables.METRIC_DAYS);
      assertSame("metrics", metrics);
      assertThat(count(nightly, "SELECT count(*) FROM gold.team_activity_items")).isPositive();
    }
  }

  /**
   * The night is ingested, and the warehouse copied as it stands: the copy is transformed with
   * {@code --full}, the warehouse as scheduled; then they are compared.
   */
  private void night(String what, String expectedMode) throws IOException {
    Result r = cli(ingest);
    assertThat(r.exit()).as(what + ": " + r.err()).isZero();
    full = tmp.resolve("wh-full-" + nights++).toString();
    copy(Path.of(nightly), Path.of(full));
    Map<Table, Long> before = versions();
    Result scheduled = cli("transform", "--warehouse", nightly, "--reference", reference.toString());
    assertThat(scheduled.exit()).as(what + ": " + scheduled.err()).isZero();
    assertThat(scheduled.out()).as(what).startsWith(expectedMode + ":");
    if (expectedMode.equals("incremental")) {
      assertThat(scheduled.out()).as(what).doesNotContain("incremental: 0 messages");
      assertUpdatedInPlace(what, before);
    }
    Result rebuilt = cli("transform", "--full", "--warehouse", full, "--reference", reference.toString());
    assertThat(rebuilt.exit()).as(what + ": " + rebuilt.err()).isZero();
    assertThat(rebuilt.out()).as(what).startsWith("full:");
    assertSameTables(what);
    // Metrics as the nightly run does, T moving on (not at midnights), summing only the changed days.
    Instant asOf = T.minus(Duration.ofHours(7L * Math.max(0, 5 - nights)));
    Result m = cli("metrics", "--warehouse", nightly, "--as-of", asOf.toString());
    assertThat(m.exit()).as(what + ": " + m.err()).isZero();
  }

  /** The tables a night updates in place, with their current Delta versions. */
  private Map<Table, Long> versions() {
    Warehouse wh = new Warehouse(SharedSpark.spark(), nightly);
    Map<Table, Long> versions = new LinkedHashMap<>();
    for (Table t : IN_PLACE) {
      versions.put(t, wh.exists(t) ? wh.deltaTable(t).history(1).first().<Long>getAs("version") : -1L);
    }
    return versions;
  }

  /**
   * The night's emails changed each table by one MERGE that deleted or replaced rows and copied none:
   * the files of the old rows were marked, not rewritten with the rows around them.
   */
  private void assertUpdatedInPlace(String what, Map<Table, Long> before) {
    Warehouse wh = new Warehouse(SharedSpark.spark(), nightly);
    for (Table t : IN_PLACE) {
      List<Row> merges = wh.deltaTable(t).history()
          .where(col("version").gt(before.get(t)).and(col("operation").equalTo("MERGE")))
          .select("operationMetrics").collectAsList();
      assertThat(merges).as(what + ": the night's MERGE into " + t).hasSize(1);
      Map<String, String> m = merges.get(0).getJavaMap(0);
      assertThat(m.get("numTargetRowsCopied")).as(what + ": " + t + " " + m).isEqualTo("0");
      assertThat(Long.parseLong(m.get("numTargetRowsDeleted")) + Long.parseLong(m.get("numTargetRowsInserted")))
          .as(what + ": " + t + " " + m).isPositive();
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (var files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }

  private void assertSameTables(String what) {
    assertSame(what, COMPARED);
  }

  private void assertSame(String what, List<Table> tables) {
    Warehouse a = new Warehouse(SharedSpark.spark(), nightly);
    Warehouse b = new Warehouse(SharedSpark.spark(), full);
    for (Table t : tables) {
      Dataset<Row> left = compared(a, t);
      Dataset<Row> right = compared(b, t);
      assertThat(rows(left.exceptAll(right))).as(what + ": " + t.qualifiedName() + " rows only after the night")
          .isEmpty();
      assertThat(rows(right.exceptAll(left))).as(what + ": " + t.qualifiedName() + " rows only in the full run")
          .isEmpty();
    }
  }

  private static Dataset<Row> compared(Warehouse w, Table t) {
    List<Column> cols = new ArrayList<>();
    t.columns().stream().filter(c -> !RUN_COLUMNS.contains(c)).forEach(c -> cols.add(col(c)));
    return w.read(t).select(cols.toArray(Column[]::new));
  }

  private static List<String> rows(Dataset<Row> rows) {
    return rows.collectAsList().stream().map(Row::toString).toList();
  }

  /** The rows of a query through the sql command, without its header line. */
  private static List<String> lines(String wh, String sql) {
    Result r = cli("sql", "--warehouse", wh, sql);
    assertThat(r.exit()).as(r.err()).isZero();
    return r.out().lines().skip(1).toList();
  }

  private static long count(String wh, String sql) {
    return Long.parseLong(lines(wh, sql).get(0));
  }

  private void setUp() throws IOException {
    reference = tmp.resolve("reference");
    write(reference.resolve("team_members.csv"), "team_member_id,email,aliases\nt1," + MAYA + ",\nt2," + OMAR + ",\n");
    write(reference.resolve("customers.csv"), "customer_id,name,domains\nk1,Umbrella,umbrella.com\nk2,Acme,acme.com\n"
        + "k3,Else,else.com\n");
    users("p1,wes@umbrella.com,k1\np2,ana@acme.com,k2\n");
    String maya = google.connect(MAYA);
    String omar = google.connect(OMAR);
    Path tokens = tmp.resolve("tokens.json");
    Files.writeString(tokens, "{\"client_id\": \"" + FakeGoogle.CLIENT_ID + "\", \"client_secret\": \""
        + FakeGoogle.CLIENT_SECRET + "\", \"tokens\": {\"" + MAYA + "\": \"" + maya + "\", \"" + OMAR + "\": \""
        + omar + "\"}}");
    Files.setPosixFilePermissions(tokens, PosixFilePermissions.fromString("rw-------"));
    nightly = tmp.resolve("wh-nightly").toString();
    ingest = new String[] {"ingest", "--source", "google", "--warehouse", nightly, "--reference",
        reference.toString(), "--auth", "user-tokens", "--credentials", tokens.toString(), "--google-root-url",
        google.rootUrl(), "--token-uri", google.tokenUri()};
  }

  private void users(String rows) throws IOException {
    write(reference.resolve("users.csv"), "user_id,email,customer_id\n" + rows);
  }

  /** Renewal (two messages, a copy in each mailbox), Pricing, Question, internal mail, an unknown sender; a QBR. */
  private void seed() {
    google.gmail().add(MAYA, mail("m1", 40, "Wes <wes@umbrella.com>", MAYA + ", " + OMAR, "Renewal",
        "x1@umbrella.com", null));
    google.gmail().add(OMAR, mail("o1", 40, "Wes <wes@umbrella.com>", MAYA + ", " + OMAR, "Renewal",
        "x1@umbrella.com", null));
    google.gmail().add(MAYA, mail("m2", 39, MAYA, "wes@umbrella.com", "Re: Renewal", "x2@helio.app", "x1@umbrella.com"));
    google.gmail().add(MAYA, mail("m3", 12, "ana@acme.com", MAYA, "Pricing", "y1@acme.com", null));
    google.gmail().add(OMAR, mail("o2", 8, "ana@acme.com", OMAR, "Question", "z1@acme.com", null));
    google.gmail().add(MAYA, mail("m9", 7, MAYA, OMAR, "Lunch", "l9@helio.app", null));
    google.gmail().add(OMAR, mail("o9x", 7, MAYA, OMAR, "Lunch", "l9@helio.app", null));
    google.gmail().add(MAYA, mail("m12", 6, "sam@else.com", MAYA, "Intro", "u1@else.com", null));
    google.calendar().put(MAYA, event("e1", ago(20), "QBR", MAYA, "wes@umbrella.com"));
    google.calendar().put(OMAR, event("e2", ago(3), "Demo", OMAR, "ana@acme.com"));
  }

  static Instant ago(int days) {
    return T.minus(Duration.ofDays(days));
  }

  private static ObjectNode mail(String id, int daysAgo, String from, String to, String subject, String messageId,
      String inReplyTo) {
    // Sent a few seconds apart on the same day, so that a conversation's first message is never a tie.
    Instant sent = ago(daysAgo).minusSeconds(Math.abs(id.hashCode() % 3600));
    return FakeResources.message(id, "t-" + id, sent, List.of("INBOX"), from, to, null, subject, messageId, inReplyTo);
  }

  /** The message with another References header. */
  private static ObjectNode references(ObjectNode message, String value) {
    for (var h : (ArrayNode) message.path("payload").path("headers")) {
      if (h.path("name").asText().equals("References")) {
        ((ObjectNode) h).put("value", value);
      }
    }
    return message;
  }

  private static ObjectNode event(String id, Instant start, String summary, String organizer, String guest) {
    return FakeResources.event(id, id + "@google.com", start, start.plusSeconds(3600), ago(30), summary, organizer,
        List.of(organizer, guest), null);
  }

  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
