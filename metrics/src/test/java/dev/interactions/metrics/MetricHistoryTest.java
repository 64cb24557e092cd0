package dev.interactions.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interactions.core.RunContext;
import dev.interactions.core.Settings;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.testkit.MailFolder;
import dev.interactions.testkit.SparkTestBase;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * gold.metric_history and the current tables, in one warehouse: metrics for three past days in
 * order, then today, then one past day again. Today's figures stay in the current tables, the
 * history holds four T's, and each T's history rows are what the current tables held at that T.
 */
class MetricHistoryTest extends SparkTestBase {
  static final String MAYA = "maya@helio.app";
  static final String OMAR = "omar@helio.app";
  static final String WES = "wes@umbrella.com";
  static final String LENA = "lena@stark.io";
  static final List<String> DAYS = List.of("2026-06-27T00:00:00Z", "2026-06-28T00:00:00Z", "2026-06-29T00:00:00Z");
  static final String TODAY = "2026-06-30T00:00:00Z";

  /** The current tables in the history's shape, with the columns the entity type has. */
  static final String CURRENT = "SELECT 'user', user_id, customer_id, as_of, last_interaction_at, last_email_at,"
      + " last_email_reply_at, last_meeting_at, next_meeting_at, emails_30d, meetings_30d, NULL, NULL, NULL, NULL,"
      + " NULL, NULL, run_id FROM gold.user_metrics"
      + " UNION ALL SELECT 'customer', c.customer_id, c.customer_id, c.as_of, last_interaction_at, last_email_at,"
      + " last_email_reply_at, last_meeting_at, next_meeting_at, emails_30d, meetings_30d, NULL,"
      + " median_reply_minutes_30d, awaiting_reply, activity_30d, baseline_30d, trend, c.run_id"
      + " FROM gold.customer_metrics c JOIN gold.customer_engagement e ON e.customer_id = c.customer_id"
      + " UNION ALL SELECT 'team_member', team_member_id, NULL, as_of, NULL, NULL, NULL, NULL, NULL, emails_30d,"
      + " meetings_30d, replies_30d, median_reply_minutes_30d, NULL, NULL, NULL, NULL, run_id FROM gold.team_activity";
  static final String HISTORY = "SELECT entity_type, entity_id, customer_id, as_of, last_interaction_at, last_email_at,"
      + " last_email_reply_at, last_meeting_at, next_meeting_at, emails_30d, meetings_30d, replies_30d,"
      + " median_reply_minutes_30d, awaiting_reply, activity_30d, baseline_30d, trend, run_id FROM gold.metric_history";

  static MetricsJob.Report metrics(Warehouse wh, String asOf) {
    MetricsJob.Report r = new MetricsJob(wh, RunContext.start()).run(Instant.parse(asOf), List.of(30, 7), false);
    wh.register();
    return r;
  }

  /** Lines without the run_id (the last field): a rerun of the same T writes a new one. */
  static List<String> figures(List<String> lines) {
    return lines.stream().map(l -> l.substring(0, l.lastIndexOf(','))).sorted().toList();
  }

  @Test
  void aBackfillWritesHistoryAndLeavesTodaysTablesAlone() {
    MailFolder folder = new MailFolder();
    folder.mail().thread("w").id("w1@umbrella.com").from(WES).to(MAYA).subject("Renewal").at("2026-06-26T10:00:00Z").in(MAYA);
    folder.mail().thread("r").id("r1@helio.app").from(MAYA).to("raj@umbrella.com").subject("Agenda")
        .at("2026-06-27T15:00:00Z").in(MAYA);
    folder.mail().thread("w").id("w2@helio.app").from(MAYA).to(WES).subject("Re: Renewal").at("2026-06-28T12:00:00Z").in(MAYA);
    folder.mail().thread("x").id("x1@umbrella.com").from(WES).to(MAYA).subject("Invoice").at("2026-06-28T18:00:00Z").in(MAYA);
    folder.mail().thread("s").id("s1@stark.io").from(LENA).to(OMAR).subject("SSO").at("2026-06-27T09:00:00Z").in(OMAR);
    folder.mail().thread("s").id("s2@helio.app").from(OMAR).to(LENA).subject("Re: SSO").at("2026-06-27T09:30:00Z").in(OMAR);
    folder.mail().thread("o").id("o1@stark.io").from(LENA).to(OMAR).subject("Q2").at("2026-04-15T09:00:00Z").in(OMAR);
    folder.meeting(MAYA, "2026-06-29T10:00:00Z", MAYA, MAYA, WES);
    Warehouse wh = ingestAndTransform(folder.dir(), Settings.defaults());

    Map<String, List<String>> whenCurrent = new LinkedHashMap<>();
    for (String day : DAYS) {
      assertThat(metrics(wh, day).currentTables()).as(day + " is after the tables' T").isTrue();
      whenCurrent.put(day, lines(wh, CURRENT));
    }
    metrics(wh, TODAY);
    whenCurrent.put(TODAY, lines(wh, CURRENT));
    List<String> todaysAwaiting = lines(wh, "SELECT interaction_id, opened_at, as_of, run_id FROM gold.awaiting_reply");
    List<String> todaysItems = lines(wh, "SELECT * FROM gold.team_activity_items");

    MetricsJob.Report backfill = metrics(wh, DAYS.get(1));
    assertThat(backfill.currentTables()).isFalse();
    assertThat(backfill.currentAsOf()).isEqualTo(Instant.parse(TODAY));
    assertThat(backfill.users()).isEqualTo(3);

    assertThat(lines(wh, CURRENT)).as("today's figures, not the backfill's")
        .containsExactlyInAnyOrderElementsOf(whenCurrent.get(TODAY));
    assertThat(lines(wh, "SELECT interaction_id, opened_at, as_of, run_id FROM gold.awaiting_reply"))
        .as("the open wait as of today, not the one open on the backfilled day").hasSize(1)
        .containsExactlyElementsOf(todaysAwaiting);
    assertThat(lines(wh, "SELECT * FROM gold.team_activity_items")).containsExactlyInAnyOrderElementsOf(todaysItems);

    assertThat(lines(wh, "SELECT as_of, count(*), count(DISTINCT run_id) FROM gold.metric_history GROUP BY as_of"
        + " ORDER BY as_of")).as("four T's, each replaced by its latest run: 3 users, 2 customers, 2 team members")
        .containsExactly("2026-06-27T00:00:00Z,7,1", "2026-06-28T00:00:00Z,7,1", "2026-06-29T00:00:00Z,7,1",
            "2026-06-30T00:00:00Z,7,1");
    for (Map.Entry<String, List<String>> e : whenCurrent.entrySet()) {
      List<String> history = lines(wh, HISTORY + " WHERE as_of = timestamp'%s'", e.getKey());
      if (e.getKey().equals(DAYS.get(1))) {
        // Recomputed by the backfill (without writing the current tables): same figures, new run.
        assertThat(figures(history)).as(e.getKey()).containsExactlyElementsOf(figures(e.getValue()));
        assertThat(history).as("the backfill's run replaced the rows").doesNotContainAnyElementsOf(e.getValue());
      } else {
        assertThat(history).as(e.getKey()).containsExactlyInAnyOrderElementsOf(e.getValue());
      }
    }
    assertThat(lines(wh, "SELECT as_of, emails_30d, meetings_30d, replies_30d, median_reply_minutes_30d"
        + " FROM gold.metric_history WHERE entity_id = 't1' ORDER BY as_of"))
        .as("Maya's figures move day by day").containsExactly(
            "2026-06-27T00:00:00Z,1,0,0,", "2026-06-28T00:00:00Z,2,0,0,", "2026-06-29T00:00:00Z,4,0,1,3000.0",
            "2026-06-30T00:00:00Z,4,1,1,3000.0");
    assertThat(lines(wh, "SELECT as_of, awaiting_reply FROM gold.metric_history WHERE entity_id = 'k1' ORDER BY as_of"))
        .containsExactly("2026-06-27T00:00:00Z,1", "2026-06-28T00:00:00Z,1", "2026-06-29T00:00:00Z,1",
            "2026-06-30T00:00:00Z,1");
  }
}
