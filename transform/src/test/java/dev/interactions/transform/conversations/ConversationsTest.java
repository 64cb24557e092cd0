package dev.interactions.transform.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interactions.core.spark.Seqs;
import dev.interactions.testkit.SparkTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * {@link Conversations#interactionIds} on decided messages built in the test (SPEC.md
 * "Threading"): which synced messages share a conversation, and that its id comes from the key of
 * its earliest message (ties by key).
 */
@SparkTest
class ConversationsTest {
  static final StructType MESSAGES = new StructType()
      .add("message_key", DataTypes.StringType)
      .add("sent_at", DataTypes.TimestampType)
      .add("synced", DataTypes.BooleanType)
      .add("reply_to_ids", DataTypes.createArrayType(DataTypes.StringType))
      .add("thread_keys", DataTypes.createArrayType(DataTypes.StringType));

  final List<Row> rows = new ArrayList<>();

  ConversationsTest msg(String key, String sentAt, boolean synced, List<String> replyTo, List<String> threads) {
    rows.add(RowFactory.create(key, Timestamp.from(Instant.parse(sentAt)), synced, Seqs.seq(replyTo),
        Seqs.seq(threads)));
    return this;
  }

  ConversationsTest synced(String key, String sentAt, List<String> replyTo, String... threads) {
    return msg(key, sentAt, true, replyTo, List.of(threads));
  }

  Map<String, String> run(SparkSession spark) {
    Dataset<Row> messages = spark.createDataFrame(rows, MESSAGES);
    Dataset<Row> out = Conversations.interactionIds(messages);
    assertThat(out.columns()).containsExactly("message_key", "interaction_id");
    Map<String, String> ids = new TreeMap<>();
    for (Row r : out.collectAsList()) {
      assertThat(ids.put(r.getString(0), r.getString(1))).as("%s once", r.getString(0)).isNull();
    }
    return ids;
  }

  /** SPEC's id: "e-" and the first 24 hex digits of SHA-256 over "email:" and the key. */
  static String id(String key) {
    return "e-" + sha256Hex("email:" + key).substring(0, 24);
  }

  static String sha256Hex(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void conversationsAndTheirIds(SparkSession spark) {
    // A reply by In-Reply-To, and one that only lists the first message in References.
    synced("a1@helio.app", "2026-06-01T09:00:00Z", List.of());
    synced("a2@umbrella.com", "2026-06-02T09:00:00Z", List.of("a1@helio.app"));
    synced("a3@helio.app", "2026-06-03T09:00:00Z", List.of("a1@helio.app", "a2@umbrella.com"));
    // The earliest message gives the id, not the smallest key.
    synced("b-z@umbrella.com", "2026-06-01T09:00:00Z", List.of());
    synced("b-a@helio.app", "2026-06-01T10:00:00Z", List.of("b-z@umbrella.com"));
    // Sent at the same instant: the smaller key gives the id.
    synced("c2@helio.app", "2026-06-05T09:00:00Z", List.of());
    synced("c1@umbrella.com", "2026-06-05T09:00:00Z", List.of("c2@helio.app"));
    // One Gmail thread in one mailbox links; the same threadId in another mailbox does not.
    synced("d1@umbrella.com", "2026-06-06T09:00:00Z", List.of(), "maya@helio.app/18c2a5");
    synced("d2@helio.app", "2026-06-06T10:00:00Z", List.of(), "maya@helio.app/18c2a5");
    synced("d3@umbrella.com", "2026-06-06T11:00:00Z", List.of(), "omar@helio.app/18c2a5");
    // A thread in one mailbox and a Message-ID reference across mailboxes chain up.
    synced("f1@stark.io", "2026-06-07T09:00:00Z", List.of(), "maya@helio.app/f");
    synced("f2@helio.app", "2026-06-07T10:00:00Z", List.of(), "maya@helio.app/f");
    synced("f3@helio.app", "2026-06-07T11:00:00Z", List.of("f2@helio.app"), "omar@helio.app/g");
    // A lone message, and one that names itself.
    synced("lone@stark.io", "2026-06-08T09:00:00Z", List.of());
    synced("self@stark.io", "2026-06-08T10:00:00Z", List.of("self@stark.io"), "omar@helio.app/self");

    assertThat(run(spark)).containsExactlyEntriesOf(new TreeMap<>(Map.ofEntries(
        Map.entry("a1@helio.app", id("a1@helio.app")),
        Map.entry("a2@umbrella.com", id("a1@helio.app")),
        Map.entry("a3@helio.app", id("a1@helio.app")),
        Map.entry("b-a@helio.app", id("b-z@umbrella.com")),
        Map.entry("b-z@umbrella.com", id("b-z@umbrella.com")),
        Map.entry("c1@umbrella.com", id("c1@umbrella.com")),
        Map.entry("c2@helio.app", id("c1@umbrella.com")),
        Map.entry("d1@umbrella.com", id("d1@umbrella.com")),
        Map.entry("d2@helio.app", id("d1@umbrella.com")),
        Map.entry("d3@umbrella.com", id("d3@umbrella.com")),
        Map.entry("f1@stark.io", id("f1@stark.io")),
        Map.entry("f2@helio.app", id("f1@stark.io")),
        Map.entry("f3@helio.app", id("f1@stark.io")),
        Map.entry("lone@stark.io", id("lone@stark.io")),
        Map.entry("self@stark.io", id("self@stark.io")))));
  }

  @Test
  void referencedAndExcludedIdsLinkButAreNeverMembers(SparkSession spark) {
    // Two replies to a message this warehouse never saw: one conversation, started by the
    // earliest synced reply, although the unseen id sorts first and is older.
    synced("r2@umbrella.com", "2026-06-02T09:00:00Z", List.of("0-unseen@umbrella.com"));
    synced("r1@helio.app", "2026-06-03T09:00:00Z", List.of("0-unseen@umbrella.com"));
    // Two synced messages that both reference an excluded (internal) one: linked through it,
    // and the excluded message neither joins nor gives the id.
    msg("0-internal@helio.app", "2026-06-01T09:00:00Z", false, List.of(), List.of("maya@helio.app/x"));
    synced("x1@stark.io", "2026-06-04T09:00:00Z", List.of("0-internal@helio.app"));
    synced("x2@helio.app", "2026-06-05T09:00:00Z", List.of("0-internal@helio.app"));
    // An excluded message's own headers and thread link nothing: y1 and y2 stay apart.
    synced("y1@stark.io", "2026-06-06T09:00:00Z", List.of(), "maya@helio.app/y1");
    synced("y2@helio.app", "2026-06-06T10:00:00Z", List.of(), "maya@helio.app/y2");
    msg("y-spam@stark.io", "2026-06-06T11:00:00Z", false, List.of("y1@stark.io", "y2@helio.app"),
        List.of("maya@helio.app/y1", "maya@helio.app/y2"));

    Map<String, String> ids = run(spark);
    assertThat(ids).containsOnlyKeys("r1@helio.app", "r2@umbrella.com", "x1@stark.io", "x2@helio.app",
        "y1@stark.io", "y2@helio.app");
    assertThat(ids).containsEntry("r1@helio.app", id("r2@umbrella.com"))
        .containsEntry("r2@umbrella.com", id("r2@umbrella.com"))
        .containsEntry("x1@stark.io", id("x1@stark.io"))
        .containsEntry("x2@helio.app", id("x1@stark.io"))
        .containsEntry("y1@stark.io", id("y1@stark.io"))
        .containsEntry("y2@helio.app", id("y2@helio.app"));
  }

  @Test
  void idsAreStableAcrossRunsAndInputOrder(SparkSession spark) {
    synced("s1@helio.app", "2026-06-01T09:00:00Z", List.of(), "maya@helio.app/s");
    synced("s2@umbrella.com", "2026-06-02T09:00:00Z", List.of("s1@helio.app"));
    Map<String, String> first = run(spark);

    // The next night: the same messages in another order, and a later reply.
    rows.clear();
    synced("s3@helio.app", "2026-06-09T09:00:00Z", List.of("s2@umbrella.com"));
    synced("s2@umbrella.com", "2026-06-02T09:00:00Z", List.of("s1@helio.app"));
    synced("s1@helio.app", "2026-06-01T09:00:00Z", List.of(), "maya@helio.app/s");
    Map<String, String> second = run(spark);

    assertThat(first).containsOnly(Map.entry("s1@helio.app", id("s1@helio.app")),
        Map.entry("s2@umbrella.com", id("s1@helio.app")));
    assertThat(second).containsAllEntriesOf(first).containsEntry("s3@helio.app", id("s1@helio.app"));
    // The same derivation names meetings, with their own prefix.
    assertThat(spark.range(1).select(Conversations.interactionId("meeting", org.apache.spark.sql.functions.lit("k")))
        .first().getString(0)).isEqualTo("m-" + sha256Hex("meeting:k").substring(0, 24));
  }
}
