package dev.interactions.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interactions.core.Settings;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.testkit.MailFolder;
import dev.interactions.testkit.SparkTestBase;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The wait rules of SPEC.md "Signals" on small hand-made conversations, all in one warehouse;
 * T = 2026-06-30T00:00:00Z, third-party senders included so that the consultant's mail is synced.
 */
class SignalsRulesTest extends SparkTestBase {
  static final Instant T = Instant.parse("2026-06-30T00:00:00Z");
  static final String MAYA = "maya@helio.app";
  static final String OMAR = "omar@helio.app";
  static final String WES = "wes@umbrella.com";
  static final String RAJ = "raj@umbrella.com";
  static final String LENA = "lena@stark.io";
  static final String CONSULTANT = "x@partner.example";
  static Warehouse warehouse;

  @BeforeAll
  static void conversations() {
    MailFolder folder = new MailFolder();
    // Umbrella: Wes writes two days before T, Maya answers one hour after T.
    folder.mail().thread("late").id("late1@umbrella.com").from(WES).to(MAYA).subject("Late answer")
        .at("2026-06-28T10:00:00Z").in(MAYA);
    folder.mail().thread("late").id("late2@helio.app").from(MAYA).to(WES).subject("Re: Late answer")
        .at("2026-06-30T01:00:00Z").in(MAYA);
    // Stark: a consultant writes between Lena and Maya, and again after Maya's answer.
    folder.mail().thread("sso").id("sso1@stark.io").from(LENA).to(MAYA).subject("SSO")
        .at("2026-06-20T09:00:00Z").in(MAYA);
    folder.mail().thread("sso").id("sso2@partner.example").from(CONSULTANT).to(MAYA).cc(LENA).subject("Re: SSO")
        .at("2026-06-20T09:10:00Z").in(MAYA);
    folder.mail().thread("sso").id("sso3@helio.app").from(MAYA).to(LENA).subject("Re: SSO")
        .at("2026-06-20T09:40:00Z").in(MAYA);
    folder.mail().thread("sso").id("sso4@partner.example").from(CONSULTANT).to(MAYA).cc(LENA).subject("Re: SSO")
        .at("2026-06-20T10:00:00Z").in(MAYA);
    folder.mail().thread("sso").id("sso5@helio.app").from(MAYA).to(LENA).subject("Re: SSO")
        .at("2026-06-20T10:30:00Z").in(MAYA);
    // Umbrella: Omar answers Raj twice, in 10 and 30 minutes.
    folder.mail().thread("q").id("q1@umbrella.com").from(RAJ).to(OMAR).subject("Questions")
        .at("2026-06-10T09:00:00Z").in(OMAR);
    folder.mail().thread("q").id("q2@helio.app").from(OMAR).to(RAJ).subject("Re: Questions")
        .at("2026-06-10T09:10:00Z").in(OMAR);
    folder.mail().thread("q").id("q3@umbrella.com").from(RAJ).to(OMAR).subject("Re: Questions")
        .at("2026-06-11T09:00:00Z").in(OMAR);
    folder.mail().thread("q").id("q4@helio.app").from(OMAR).to(RAJ).subject("Re: Questions")
        .at("2026-06-11T09:30:00Z").in(OMAR);
    warehouse = runPipeline(folder.dir(), Settings.defaults().withIncludeThirdPartySenders(true), T);
  }

  @Test
  void aReplyAfterTLeavesTheWaitOpen() {
    assertLines("awaiting_reply", lines(warehouse,
        "SELECT from_address, opened_at, subject, customer_ids, team_member_ids, waiting_hours FROM gold.awaiting_reply"),
        "wes@umbrella.com,2026-06-28T10:00:00Z,Late answer,k1,t1,38.0");
    assertLines("the late answer is no reply of Maya's", lines(warehouse,
        "SELECT replies_30d, median_reply_minutes_30d FROM gold.team_activity WHERE team_member_id = 't1'"),
        "1,40.0");
  }

  @Test
  void thirdPartyMessagesNeitherOpenNorAnswer() {
    assertThat(lines(warehouse, "SELECT synced, direction FROM silver.email_messages WHERE from_address = '%s'",
        CONSULTANT)).as("the consultant's messages are synced third-party messages")
        .containsExactly("true,third_party", "true,third_party");
    assertLines("one wait, 40 minutes from Lena's message to Maya's", lines(warehouse,
        "SELECT customer_id, awaiting_reply, median_reply_minutes_30d FROM gold.customer_metrics"
            + " WHERE customer_id = 'k2'"),
        "k2,0,40.0");
  }

  @Test
  void anEvenCountHasTheMeanOfTheTwoMiddleReplyTimes() {
    assertLines("Omar: 10 and 30 minutes", lines(warehouse,
        "SELECT team_member_id, replies_30d, median_reply_minutes_30d FROM gold.team_activity"
            + " WHERE team_member_id = 't2'"),
        "t2,2,20.0");
    assertLines("Umbrella: the same two, and Wes's open wait has no reply time", lines(warehouse,
        "SELECT customer_id, awaiting_reply, median_reply_minutes_30d FROM gold.customer_metrics"
            + " WHERE customer_id = 'k1'"),
        "k1,1,20.0");
  }
}
