package dev.interactions.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interactions.core.RunContext;
import dev.interactions.core.Settings;
import dev.interactions.core.catalog.Tables;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.testkit.MailFolder;
import dev.interactions.testkit.SparkTestBase;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The figures from per-day sums against the same figures counted item by item, at T's that are
 * not midnights (so that T, the windows' starts and the baseline's start split days), before and
 * after a night that adds, moves to the trash and re-attributes items; and a night recomputes
 * only the days it changed.
 */
class MetricDaysTest extends SparkTestBase {
  static final String MAYA = "maya@helio.app";
  static final String WES = "wes@umbrella.com";
  static final String LENA = "lena@stark.io";
  static final List<Integer> WINDOWS = List.of(7, 30, 90);

  @Test
  void sumsOfWholeDaysPlusSplitDaysGiveTheItemByItemFigures() {
    String t1 = "2026-06-20T13:30:00Z";
    MailFolder folder = MetricsRulesTest.scenario()
        // T1's day, either side of T1.
        .email(MAYA, "2026-06-20T09:00:00Z", WES, MAYA, null, "T1's day, before T1")
        .email(MAYA, "2026-06-20T18:00:00Z", MAYA, WES, null, "T1's day, after T1")
        .meeting(MAYA, "2026-06-20T12:00:00Z", MAYA, MAYA, WES)
        .meeting(MAYA, "2026-06-20T16:00:00Z", MAYA, MAYA, WES, LENA)
        // The 30-day window starts 2026-05-21T13:30, the 7-day one 2026-06-13T13:30.
        .email(MAYA, "2026-05-21T09:00:00Z", WES, MAYA, null, "before the 30-day window, its first day")
        .email(MAYA, "2026-05-21T15:00:00Z", MAYA, LENA, null, "inside, the same day")
        .email(MAYA, "2026-06-13T13:29:59Z", LENA, MAYA, null, "just before the 7-day window")
        .email(MAYA, "2026-06-13T13:30:00Z", MAYA, LENA, WES, "the 7-day window's first instant")
        .email(MAYA, "2026-06-01T10:00:00Z", WES, MAYA, LENA, "a whole day inside")
        .email(MAYA, "2026-06-01T11:00:00Z", MAYA, WES, null, "the same day")
        // The baseline starts 2026-02-20T13:30; the 90-day window 2026-03-22T13:30.
        .email(MAYA, "2026-02-20T10:00:00Z", WES, MAYA, null, "before the baseline")
        .email(MAYA, "2026-02-20T16:00:00Z", WES, MAYA, null, "the baseline's first day")
        .email(MAYA, "2026-03-22T13:00:00Z", LENA, MAYA, null, "baseline, not the 90-day window")
        .email(MAYA, "2026-04-02T08:00:00Z", LENA, MAYA, null, "a whole baseline day")
        .meeting(MAYA, "2026-04-03T10:00:00Z", MAYA, MAYA, LENA)
        .email(MAYA, "2026-07-02T08:00:00Z", WES, MAYA, null, "after T1 and T2")
        .meeting(MAYA, "2026-07-01T09:00:00Z", MAYA, MAYA, WES);
    folder.write("input/gmail/" + MAYA + "/trashed.json", gmail("00000000000000aa", 1, "INBOX",
        "2026-06-01T15:00:00Z", LENA, MAYA, "trashed@stark.io"));
    Warehouse wh = ingestAndTransform(folder.dir(), Settings.defaults());

    RunContext first = RunContext.start();
    MetricsJob.Report r1 = new MetricsJob(wh, first).run(Instant.parse(t1), WINDOWS, false);
    assertThat(r1.currentTables()).isTrue();
    assertSameAsItemByItem(wh, t1);

    // A night: a new day, an item on a day already summed, one moved to the trash, a new meeting.
    folder.email(MAYA, "2026-06-21T08:00:00Z", WES, MAYA, null, "the night's own day")
        .email(MAYA, "2026-04-02T09:00:00Z", MAYA, LENA, null, "late copy of an old day")
        .meeting(MAYA, "2026-06-22T10:00:00Z", MAYA, MAYA, LENA);
    folder.write("input/gmail/" + MAYA + "/trashed-2.json", gmail("00000000000000aa", 2, "TRASH",
        "2026-06-01T15:00:00Z", LENA, MAYA, "trashed@stark.io"));
    runStages(wh, folder.dir(), Settings.defaults(), null, "ingest", "transform");

    String t2 = "2026-06-21T22:15:00Z";
    RunContext night = RunContext.start();
    new MetricsJob(wh, night).run(Instant.parse(t2), WINDOWS, false);
    wh.register();
    assertSameAsItemByItem(wh, t2);
    assertThat(lines(wh, "SELECT DISTINCT item_type, day FROM gold.metric_days WHERE run_id = '"
        + night.runId() + "' ORDER BY item_type, day"))
        .as("only the days the night changed are recomputed")
        .containsExactly("email,2026-04-02", "email,2026-06-01", "email,2026-06-21", "meeting,2026-06-22");
    assertThat(lines(wh, "SELECT DISTINCT date FROM gold.daily_activity WHERE run_id = '" + night.runId()
        + "' ORDER BY date")).containsExactly("2026-04-02", "2026-06-01", "2026-06-21", "2026-06-22");

    // Summing every day again gives the same sums as the night's.
    List<String> sums = lines(wh, "SELECT * EXCEPT (run_id) FROM gold.metric_days ORDER BY ALL");
    List<String> daily = lines(wh, "SELECT * EXCEPT (run_id) FROM gold.daily_activity ORDER BY ALL");
    new MetricsJob(wh, RunContext.start()).run(Instant.parse(t2), WINDOWS, false, true);
    wh.register();
    assertThat(lines(wh, "SELECT * EXCEPT (run_id) FROM gold.metric_days ORDER BY ALL")).isEqualTo(sums);
    assertThat(lines(wh, "SELECT * EXCEPT (run_id) FROM gold.daily_activity ORDER BY ALL")).isEqualTo(daily);
    assertThat(lines(wh, "SELECT count(DISTINCT run_id) FROM gold.metric_days")).containsExactly("1");
  }

  /** The current tables as of T against the figures computed from silver's items one by one. */
  private static void assertSameAsItemByItem(Warehouse wh, String t) {
    wh.register();
    AsOf asOf = new AsOf(Instant.parse(t), WINDOWS);
    Dataset<Row> items = ActivityItems.of(wh.read(Tables.EMAIL_MESSAGES), wh.read(Tables.MEETINGS));
    assertSameRows("users as of " + t, wh.read(Tables.USER_METRICS).drop("run_id"),
        UserMetrics.compute(items, wh.read(Tables.USERS), asOf));
    Dataset<Row> customers = CustomerMetrics.counts(items, wh.read(Tables.CUSTOMERS), asOf, true);
    assertSameRows("customers as of " + t,
        wh.read(Tables.CUSTOMER_METRICS).drop("run_id", "awaiting_reply", "median_reply_minutes_30d"),
        customers.drop(CustomerEngagement.BASELINE_ITEMS));
    assertSameRows("engagement as of " + t, wh.read(Tables.CUSTOMER_ENGAGEMENT).drop("run_id"),
        CustomerEngagement.of(customers, asOf));
    assertSameRows("team as of " + t,
        wh.read(Tables.TEAM_ACTIVITY).drop("run_id", "replies_30d", "median_reply_minutes_30d"),
        TeamActivity.counts(items, wh.read(Tables.TEAM_MEMBERS), asOf));
    assertSameRows("daily activity", wh.read(Tables.DAILY_ACTIVITY).drop("run_id"), DailyActivity.compute(items));
    assertThat(scalar(wh, "SELECT count(*) FROM gold.user_metrics WHERE emails_30d > 0")).isNotEqualTo(0L);
  }

  /** A Gmail message copy with a fixed id, so that a later copy (higher historyId) replaces it. */
  private static String gmail(String id, long historyId, String label, String at, String from, String to,
      String messageId) {
    return """
        {"id": "%s", "threadId": "t-%s", "labelIds": ["%s"], "snippet": "...", "historyId": "%d",
         "internalDate": "%d", "payload": {"mimeType": "text/plain", "headers": [
          {"name": "From", "value": "%s"}, {"name": "To", "value": "%s"},
          {"name": "Subject", "value": "kept or trashed"}, {"name": "Message-ID", "value": "<%s>"}]}}
        """.formatted(id, id, label, historyId, Instant.parse(at).toEpochMilli(), from, to, messageId);
  }
}
