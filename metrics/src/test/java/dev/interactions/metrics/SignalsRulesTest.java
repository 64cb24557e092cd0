package dev.interactions.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interactions.core.Settings;
import dev.interactions.core.Settings.SyncTo;
import dev.interactions.core.catalog.Tables;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.testkit.MailFolder;
import dev.interactions.testkit.SparkTestBase;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The wait rules of SPEC.md "Signals" on small hand-made conversations, one warehouse per sync
 * mode; T = 2026-06-30T00:00:00Z, third-party senders included so that the consultant's mail is
 * synced. Ines (t3) is a team member whose mailbox is not connected: her answers reach us only as
 * copies in Maya's mailbox. Zoe writes from Umbrella's domain but is no user, so her mail is
 * synced in mode customers only.
 */
class SignalsRulesTest extends SparkTestBase {
  static final Instant T = Instant.parse("2026-06-30T00:00:00Z");
  static final String MAYA = "maya@helio.app";
  static final String OMAR = "omar@helio.app";
  static final String WES = "wes@umbrella.com";
  static final String RAJ = "raj@umbrella.com";
  static final String LENA = "lena@stark.io";
  static final String ZOE = "zoe@umbrella.com";
  static final String ANA = "ana@acme.com";
  static final String INES = "ines@helio.app";
  static final String CONSULTANT = "x@partner.example";
  static final Map<SyncTo, Warehouse> warehouses = new EnumMap<>(SyncTo.class);

  @BeforeAll
  static void conversations() {
    MailFolder folder = new MailFolder().reference(MailFolder.DEFAULT_TEAM + "t3," + INES + ",\n",
        MailFolder.DEFAULT_USERS + "p4," + ANA + ",k3\n", MailFolder.DEFAULT_CUSTOMERS + "k3,Acme,acme.com\n");
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
    // Umbrella: Zoe, then Wes in the same conversation (two inbound in a row: one wait), then Maya.
    folder.mail().thread("c").id("c1@umbrella.com").from(ZOE).to(MAYA).subject("Invoices")
        .at("2026-06-15T08:00:00Z").in(MAYA);
    folder.mail().thread("c").id("c2@umbrella.com").from(WES).to(MAYA).cc(ZOE).subject("Re: Invoices")
        .at("2026-06-15T08:30:00Z").in(MAYA);
    folder.mail().thread("c").id("c3@helio.app").from(MAYA).to(WES).cc(ZOE).subject("Re: Invoices")
        .at("2026-06-15T09:10:00Z").in(MAYA);
    // Acme: Ana writes to Maya and Ines; Ines answers, her copy only in Maya's mailbox.
    folder.mail().thread("a").id("a1@acme.com").from(ANA).to(MAYA).cc(INES).subject("Renewal")
        .at("2026-06-22T12:00:00Z").in(MAYA);
    folder.mail().thread("a").id("a2@helio.app").from(INES).to(ANA).cc(MAYA).subject("Re: Renewal")
        .at("2026-06-22T12:25:00Z").in(MAYA);
    for (SyncTo mode : SyncTo.values()) {
      warehouses.put(mode, runPipeline(folder.dir(),
          Settings.defaults().withIncludeThirdPartySenders(true).withSyncTo(mode), T));
    }
  }

  @ParameterizedTest
  @EnumSource(SyncTo.class)
  void aReplyAfterTLeavesTheWaitOpen(SyncTo mode) {
    Warehouse warehouse = warehouses.get(mode);
    assertLines("awaiting_reply", lines(warehouse,
        "SELECT from_address, opened_at, subject, customer_ids, team_member_ids, waiting_hours FROM gold.awaiting_reply"),
        "wes@umbrella.com,2026-06-28T10:00:00Z,Late answer,k1,t1,38.0");
    assertLines("the late answer is no reply of Maya's", lines(warehouse,
        "SELECT replies_30d, median_reply_minutes_30d FROM gold.team_activity WHERE team_member_id = 't1'"),
        mode == SyncTo.CUSTOMERS ? "2,55.0" : "2,40.0");
  }

  @ParameterizedTest
  @EnumSource(SyncTo.class)
  void thirdPartyMessagesNeitherOpenNorAnswer(SyncTo mode) {
    Warehouse warehouse = warehouses.get(mode);
    assertThat(lines(warehouse, "SELECT synced, direction FROM silver.email_messages WHERE from_address = '%s'",
        CONSULTANT)).as("the consultant's messages are synced third-party messages")
        .containsExactly("true,third_party", "true,third_party");
    assertLines("one wait, 40 minutes from Lena's message to Maya's", lines(warehouse,
        "SELECT customer_id, awaiting_reply, median_reply_minutes_30d FROM gold.customer_metrics"
            + " WHERE customer_id = 'k2'"),
        "k2,0,40.0");
  }

  @ParameterizedTest
  @EnumSource(SyncTo.class)
  void anEvenCountHasTheMeanOfTheTwoMiddleReplyTimesAndAnOddOneTheMiddle(SyncTo mode) {
    Warehouse warehouse = warehouses.get(mode);
    assertLines("Omar: 10 and 30 minutes", lines(warehouse,
        "SELECT team_member_id, replies_30d, median_reply_minutes_30d FROM gold.team_activity"
            + " WHERE team_member_id = 't2'"),
        "t2,2,20.0");
    assertLines("Umbrella: those two and Maya's 70 (customers) or 40 (users) minutes; Wes's open wait has none",
        lines(warehouse, "SELECT customer_id, awaiting_reply, median_reply_minutes_30d FROM gold.customer_metrics"
            + " WHERE customer_id = 'k1'"),
        "k1,1,30.0");
  }

  @ParameterizedTest
  @EnumSource(SyncTo.class)
  void consecutiveInboundMessagesOpenOneWaitFromTheFirstSyncedOne(SyncTo mode) {
    Warehouse warehouse = warehouses.get(mode);
    // Zoe is a contact by her domain in mode customers only; in mode users her message is not
    // synced, so the wait opens at Wes's.
    assertLines("the Invoices conversation's one wait", lines(warehouse,
        "SELECT w.from_address, w.opened_at, w.answered_at, w.reply_minutes FROM %s w"
            + " JOIN silver.email_messages m ON m.interaction_id = w.interaction_id"
            + " WHERE m.message_key = 'c3@helio.app'", waitsView(warehouse)),
        mode == SyncTo.CUSTOMERS
            ? "zoe@umbrella.com,2026-06-15T08:00:00Z,2026-06-15T09:10:00Z,70.0"
            : "wes@umbrella.com,2026-06-15T08:30:00Z,2026-06-15T09:10:00Z,40.0");
  }

  @ParameterizedTest
  @EnumSource(SyncTo.class)
  void aTeamMemberWhoseMailboxIsNotConnectedAnswersToo(SyncTo mode) {
    Warehouse warehouse = warehouses.get(mode);
    assertLines("Ines answered Ana in 25 minutes", lines(warehouse,
        "SELECT team_member_id, replies_30d, median_reply_minutes_30d FROM gold.team_activity"
            + " WHERE team_member_id = 't3'"),
        "t3,1,25.0");
    assertLines("Acme's one wait is answered", lines(warehouse,
        "SELECT customer_id, awaiting_reply, median_reply_minutes_30d FROM gold.customer_metrics"
            + " WHERE customer_id = 'k3'"),
        "k3,0,25.0");
  }

  /** Every wait as of T, computed by the metrics step itself, as a temporary view. */
  private static String waitsView(Warehouse warehouse) {
    String name = "waits_" + warehouse.hashCode();
    Waits.of(ActivityItems.of(warehouse.read(Tables.EMAIL_MESSAGES), warehouse.read(Tables.MEETINGS)),
            new AsOf(T, List.of()))
        .createOrReplaceTempView(name);
    return name;
  }
}
