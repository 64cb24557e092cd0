package dev.interactions.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interactions.core.RunContext;
import dev.interactions.core.Settings;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.testkit.Examples;
import dev.interactions.testkit.SparkTestBase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The worked example's metric tables, as of 2026-06-30T00:00:00Z. */
class BasicExampleMetricsTest extends SparkTestBase {
  static final Instant T = Instant.parse("2026-06-30T00:00:00Z");
  static Path example;
  static Warehouse warehouse;

  @BeforeAll
  static void runPipeline() {
    example = Examples.unpack("basic");
    warehouse = runPipeline(example, Settings.defaults(), T);
  }

  static List<String> query(String sql) {
    return lines(warehouse, sql);
  }

  /** The expected file's rows, and the same columns selected from the table. */
  static void assertTableMatches(String table, String file) {
    assertMatchesExpected(warehouse, example.resolve("expected").resolve(file), table, 0);
  }

  @Test
  void userMetrics() {
    assertTableMatches("gold.user_metrics", "user_metrics.csv");
  }

  @Test
  void customerMetrics() {
    assertTableMatches("gold.customer_metrics", "customer_metrics.csv");
  }

  @Test
  void teamActivity() {
    assertTableMatches("gold.team_activity", "team_activity.csv");
  }

  @Test
  void asOfAndRunAreRecorded() {
    assertThat(query("SELECT DISTINCT as_of FROM gold.user_metrics")).containsExactly("2026-06-30T00:00:00Z");
    assertThat(query("SELECT count(DISTINCT run_id), count(run_id) FROM gold.customer_metrics")).containsExactly("1,2");
  }

  @Test
  void drillDownItemsAreExactlyTheCountedOnes() {
    assertThat(query("SELECT team_member_id, count_if(item_type = 'email'), count_if(item_type = 'meeting')"
        + " FROM gold.team_activity_items GROUP BY team_member_id"))
        .containsExactlyInAnyOrderElementsOf(query("SELECT team_member_id, emails_30d, meetings_30d"
            + " FROM gold.team_activity WHERE emails_30d + meetings_30d > 0"));
    assertThat(query("SELECT item_type, item_key FROM gold.team_activity_items WHERE team_member_id = 't2'"))
        .containsExactly("email,x4@stark.io");
  }

  @Test
  void dailyActivityCountsPerTeamMemberAndCustomer() {
    assertThat(query("SELECT date, team_member_id, customer_id, emails, meetings FROM gold.daily_activity"))
        .containsExactlyInAnyOrder(
            "2026-05-01,t1,k1,1,0",
            "2026-06-10,t1,k1,2,0",
            "2026-06-12,t1,k2,1,0",
            "2026-06-12,t2,k2,1,0",
            "2026-06-14,t1,k1,1,0",
            "2026-06-20,t1,k1,0,1",
            "2026-07-02,t1,k2,0,1");
  }

  @Test
  void aRerunReplacesTheFiguresInsteadOfAddingRows() {
    new MetricsJob(warehouse, RunContext.start()).run(T, List.of(30), false);
    assertTableMatches("gold.user_metrics", "user_metrics.csv");
    assertThat(query("SELECT count(*) FROM gold.team_activity_items")).containsExactly("6");
  }
}
