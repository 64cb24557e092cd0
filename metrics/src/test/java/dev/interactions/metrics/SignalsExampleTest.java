package dev.interactions.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interactions.core.Settings;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.testkit.Examples;
import dev.interactions.testkit.SparkTestBase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
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

  @BeforeAll
  static void runPipeline() {
    example = Examples.unpack("signals");
    warehouse = runPipeline(example, Settings.defaults().withIncludeThirdPartySenders(true), T);
  }

  static List<String> query(String sql) {
    return lines(warehouse, sql);
  }

  static void assertTableMatches(String table, String file, String... columns) {
    assertMatchesExpected(warehouse, example.resolve("expected").resolve(file), table, TOLERANCE, columns);
  }

  @Test
  void awaitingReply() {
    assertTableMatches("gold.awaiting_reply", "awaiting_reply.csv");
  }

  @Test
  void customerEngagement() {
    assertTableMatches("gold.customer_engagement", "customer_engagement.csv");
  }

  @Test
  void teamActivity() {
    assertTableMatches("gold.team_activity", "team_activity.csv");
  }

  @Test
  void customerMetrics() {
    assertTableMatches("gold.customer_metrics", "customer_metrics.csv");
  }

  @Test
  void interactions() {
    assertTableMatches("gold.interactions", "interactions.csv");
  }

  @Test
  void emailDecisions() {
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
