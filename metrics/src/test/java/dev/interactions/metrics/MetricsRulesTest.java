package dev.interactions.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interactions.core.RunContext;
import dev.interactions.core.Settings;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.testkit.MailFolder;
import dev.interactions.testkit.SparkTestBase;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Each metric column of SPEC.md on small hand-made cases; T = 2026-06-30T00:00:00Z. */
class MetricsRulesTest extends SparkTestBase {
  static final String T = "2026-06-30T00:00:00Z";
  static final String MAYA = "maya@helio.app";

  /** Team members as before the test base: maya without alias; the default users and customers. */
  static MailFolder scenario() {
    return new MailFolder().reference("team_member_id,email,aliases\nt1,maya@helio.app,\nt2,omar@helio.app,\n",
        MailFolder.DEFAULT_USERS, MailFolder.DEFAULT_CUSTOMERS);
  }

  static void metrics(Warehouse wh, String asOf) {
    new MetricsJob(wh, RunContext.start()).run(Instant.parse(asOf), List.of(30), false);
    wh.register();
  }

  @Test
  void lastAndWindowEdges() {
    Warehouse wh = ingestAndTransform(scenario()
        .email(MAYA, "2026-05-31T00:00:00Z", "wes@umbrella.com", MAYA, null, "window start: inside")
        .email(MAYA, "2026-05-30T23:59:59Z", "wes@umbrella.com", MAYA, null, "just before the window")
        .email(MAYA, "2026-06-20T00:00:00Z", MAYA, "wes@umbrella.com", null, "sent to wes")
        .email(MAYA, T, "wes@umbrella.com", MAYA, null, "exactly T: last, not in the window")
        .email(MAYA, "2026-06-30T00:00:01Z", "wes@umbrella.com", MAYA, null, "after T: neither")
        .meeting(MAYA, "2026-06-29T10:00:00Z", MAYA, MAYA, "wes@umbrella.com")
        .meeting(MAYA, "2026-07-03T10:00:00Z", MAYA, MAYA, "wes@umbrella.com")
        .meeting(MAYA, "2026-07-01T10:00:00Z", MAYA, MAYA, "wes@umbrella.com")
        .dir(), Settings.defaults());
    metrics(wh, T);

    assertThat(lines(wh, "SELECT last_interaction_at, last_email_at, last_email_reply_at, last_meeting_at,"
        + " next_meeting_at, emails_30d, meetings_30d FROM gold.user_metrics WHERE user_id = 'p1'"))
        .containsExactly("2026-06-30T00:00:00Z,2026-06-30T00:00:00Z,2026-06-30T00:00:00Z,2026-06-29T10:00:00Z,"
            + "2026-07-01T10:00:00Z,2,1");
  }

  @Test
  void aContactsOwnEmailVersusOneSentToItAndUsersWithNothing() {
    Warehouse wh = ingestAndTransform(scenario()
        .email(MAYA, "2026-06-10T09:00:00Z", "lena@stark.io", MAYA, null, "from lena")
        .email(MAYA, "2026-06-12T09:00:00Z", MAYA, "lena@stark.io", null, "to lena")
        .email(MAYA, "2026-06-15T09:00:00Z", MAYA, "wes@umbrella.com", null, "to wes only")
        .dir(), Settings.defaults());
    metrics(wh, T);

    assertThat(lines(wh, "SELECT user_id, customer_id, last_email_at, last_email_reply_at, last_meeting_at,"
        + " next_meeting_at, emails_30d, meetings_30d FROM gold.user_metrics ORDER BY user_id"))
        .containsExactly(
            "p1,k1,2026-06-15T09:00:00Z,,,,1,0",
            "p2,k2,2026-06-12T09:00:00Z,2026-06-10T09:00:00Z,,,2,0",
            "p3,k1,,,,,0,0");
    assertThat(lines(wh, "SELECT customer_id, last_email_reply_at, emails_30d FROM gold.customer_metrics"
        + " ORDER BY customer_id"))
        .containsExactly("k1,,1", "k2,2026-06-10T09:00:00Z,2");
  }

  @Test
  void customersCountDistinctItemsOfAllTheirContacts() {
    Warehouse wh = ingestAndTransform(scenario()
        .email(MAYA, "2026-06-10T09:00:00Z", MAYA, "wes@umbrella.com", "raj@umbrella.com", "both contacts")
        .email(MAYA, "2026-06-11T09:00:00Z", "raj@umbrella.com", MAYA, null, "raj writes")
        .dir(), Settings.defaults());
    metrics(wh, T);

    assertThat(lines(wh, "SELECT customer_id, last_email_reply_at, emails_30d FROM gold.customer_metrics"
        + " WHERE customer_id = 'k1'"))
        .as("one email to two contacts of the customer counts once")
        .containsExactly("k1,2026-06-11T09:00:00Z,2");
  }

  @Test
  void aTeamMemberWithoutAConnectedMailboxCountsWhereItIsCopied() {
    Warehouse wh = ingestAndTransform(scenario()
        .email(MAYA, "2026-06-10T09:00:00Z", MAYA, "wes@umbrella.com", "omar@helio.app", "omar in cc")
        .email(MAYA, "2026-06-11T09:00:00Z", MAYA, "wes@umbrella.com", null, "maya alone")
        .dir(), Settings.defaults());
    metrics(wh, T);

    assertThat(lines(wh, "SELECT team_member_id, emails_30d, meetings_30d FROM gold.team_activity"
        + " ORDER BY team_member_id"))
        .containsExactly("t1,2,0", "t2,1,0");
    assertThat(lines(wh, "SELECT team_member_id, item_type, at FROM gold.team_activity_items"
        + " WHERE team_member_id = 't2'"))
        .containsExactly("t2,email,2026-06-10T09:00:00Z");
  }

  @Test
  void customersModeCountsDomainContactsWhoAreNotUsers() {
    Warehouse wh = ingestAndTransform(scenario()
        .email(MAYA, "2026-06-10T09:00:00Z", "new.person@umbrella.com", MAYA, null, "a new contact")
        .email(MAYA, "2026-06-12T09:00:00Z", MAYA, "wes@umbrella.com", null, "to wes")
        .dir(), Settings.defaults().withSyncTo(Settings.SyncTo.CUSTOMERS));
    metrics(wh, T);

    assertThat(lines(wh, "SELECT customer_id, last_interaction_at, last_email_reply_at, emails_30d"
        + " FROM gold.customer_metrics WHERE customer_id = 'k1'"))
        .containsExactly("k1,2026-06-12T09:00:00Z,2026-06-10T09:00:00Z,2");
    assertThat(lines(wh, "SELECT user_id, emails_30d, last_email_reply_at FROM gold.user_metrics"
        + " WHERE customer_id = 'k1' ORDER BY user_id"))
        .as("user figures use the exact address")
        .containsExactly("p1,1,", "p3,0,");
  }

  @Test
  void extraWindowsAddColumnsAndExportsAreReadableParquet(SparkSession spark) {
    Warehouse wh = ingestAndTransform(scenario()
        .email(MAYA, "2026-06-25T09:00:00Z", "wes@umbrella.com", MAYA, null, "5 days before T")
        .email(MAYA, "2026-06-10T09:00:00Z", "wes@umbrella.com", MAYA, null, "20 days before T")
        .dir(), Settings.defaults());
    new MetricsJob(wh, RunContext.start()).run(Instant.parse(T), List.of(7, 90), true);
    wh.register();

    assertThat(spark.table("gold.user_metrics").columns())
        .containsSubsequence("emails_30d", "meetings_30d", "emails_7d", "meetings_7d", "emails_90d", "meetings_90d",
            "run_id");
    assertThat(lines(wh, "SELECT emails_7d, emails_30d, emails_90d FROM gold.user_metrics WHERE user_id = 'p1'"))
        .containsExactly("1,2,2");
    assertThat(lines(wh, "SELECT user_id, emails_7d FROM parquet.`" + wh.root() + "/exports/user_metrics`"
        + " WHERE user_id = 'p1'")).containsExactly("p1,1");
    assertThat(spark.read().parquet(wh.root() + "/exports/team_activity").count()).isEqualTo(2);
  }
}
