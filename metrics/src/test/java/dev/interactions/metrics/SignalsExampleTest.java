package dev.interactions.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interactions.core.Settings;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.spark.CsvFormat;
import dev.interactions.testkit.Examples;
import dev.interactions.testkit.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The signals worked example (waits, reply times, awaiting reply, engagement trend), as of
 * 2026-06-30T00:00:00Z with include-third-party-senders on, as its README says.
 */
class SignalsExampleTest extends SparkTestBase {
  static final Instant T = Instant.parse("2026-06-30T00:00:00Z");
  /** The example writes doubles with at most 3 decimals. */
  static final double TOLERANCE = 0.001;
  static Path example;
  static Warehouse warehouse;
  static SparkSession spark;

  @BeforeAll
  static void runPipeline() {
    spark = spark();
    example = Examples.unpack("signals");
    warehouse = runPipeline(example, Settings.defaults().withIncludeThirdPartySenders(true), T);
  }

  static List<String> query(String sql) {
    warehouse.register();
    return spark.sql(sql).collectAsList().stream().map(CsvFormat::line).toList();
  }

  /**
   * The expected file's rows against the same columns selected from the table, as sets; a field
   * matches when equal as text, or, both being decimal numbers, within {@link #TOLERANCE}.
   */
  static void assertTableMatches(String table, String file, String... columnExpressions) throws IOException {
    List<String> lines = Files.readAllLines(example.resolve("expected").resolve(file));
    String columns = columnExpressions.length == 0 ? lines.get(0) : String.join(", ", columnExpressions);
    List<String> expected = lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).toList();
    List<String> actual = query("SELECT " + columns + " FROM " + table);
    List<String> unmatched = new ArrayList<>(actual);
    List<String> missing = new ArrayList<>();
    for (String e : expected) {
      String match = unmatched.stream().filter(a -> sameRow(e, a)).findFirst().orElse(null);
      if (match == null) {
        missing.add(e);
      } else {
        unmatched.remove(match);
      }
    }
    assertThat(missing).as(table + ": expected rows not found (header " + lines.get(0) + ") in " + actual).isEmpty();
    assertThat(unmatched).as(table + ": rows not expected").isEmpty();
  }

  static boolean sameRow(String expected, String actual) {
    String[] e = expected.split(",", -1);
    String[] a = actual.split(",", -1);
    if (e.length != a.length) {
      return false;
    }
    for (int i = 0; i < e.length; i++) {
      if (!e[i].equals(a[i]) && !(isDecimal(e[i]) && isDecimal(a[i])
          && Math.abs(Double.parseDouble(e[i]) - Double.parseDouble(a[i])) <= TOLERANCE)) {
        return false;
      }
    }
    return true;
  }

  static boolean isDecimal(String s) {
    return s.matches("-?[0-9]+(\\.[0-9]+)?([eE]-?[0-9]+)?");
  }

  @Test
  void awaitingReply() throws IOException {
    assertTableMatches("gold.awaiting_reply", "awaiting_reply.csv");
  }

  @Test
  void customerEngagement() throws IOException {
    assertTableMatches("gold.customer_engagement", "customer_engagement.csv");
  }

  @Test
  void teamActivity() throws IOException {
    assertTableMatches("gold.team_activity", "team_activity.csv");
  }

  @Test
  void customerMetrics() throws IOException {
    assertTableMatches("gold.customer_metrics", "customer_metrics.csv");
  }

  @Test
  void interactions() throws IOException {
    assertTableMatches("gold.interactions", "interactions.csv");
  }

  @Test
  void emailDecisions() throws IOException {
    assertTableMatches("silver.email_messages", "email_decisions.csv", "rfc822_message_id", "size(mailboxes)",
        "synced", "exclusion_reason", "direction", "sent_at");
  }

  @Test
  void awaitingReplyRowsNameTheirConversationAndRun() {
    assertThat(query("SELECT a.subject = i.subject, a.as_of FROM gold.awaiting_reply a"
        + " JOIN gold.interactions i USING (interaction_id)"))
        .containsExactly("true,2026-06-30T00:00:00Z", "true,2026-06-30T00:00:00Z", "true,2026-06-30T00:00:00Z");
    assertThat(query("SELECT count(DISTINCT run_id), count(run_id) FROM gold.customer_engagement"))
        .containsExactly("1,6");
  }
}
