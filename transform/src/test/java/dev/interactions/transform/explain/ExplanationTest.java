package dev.interactions.transform.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.interactions.core.Settings;
import dev.interactions.core.catalog.Table;
import dev.interactions.core.catalog.Tables;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.spark.RowBuilder;
import dev.interactions.testkit.SharedSpark;
import dev.interactions.testkit.SparkTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Explanation} over silver and gold rows written in the test (what a transform keeps):
 * team member t1 maya@helio.app (alias maya.l@helio.app), t2 omar@helio.app; users p1
 * wes@umbrella.com (customer k1) and p2 lena@stark.io (k2); mode users, third-party senders off.
 */
@SparkTest
class ExplanationTest {
  static final String KICKOFF = "e-5f0c2a9d7b3e41a8c6d2f0e1";
  static Warehouse warehouse;

  static Timestamp ts(String at) {
    return Timestamp.from(Instant.parse(at));
  }

  static void write(SparkSession spark, Table table, List<Row> rows) {
    warehouse.replace(table, spark.createDataFrame(rows, table.schema()));
  }

  static RowBuilder email(String key, String messageId, List<String> mailboxes, List<String> gmailIds,
      String sentAt, String from, String subject, List<String> labels, List<String> participants,
      String direction, String reason) {
    return RowBuilder.of(Tables.EMAIL_MESSAGES.schema())
        .set("message_key", key).set("rfc822_message_id", messageId).set("mailboxes", mailboxes)
        .set("gmail_ids", gmailIds).set("thread_keys", List.of()).set("sent_at", ts(sentAt))
        .set("from_address", from).set("subject", subject).set("labels", labels)
        .set("participants", participants).set("direction", direction)
        .set("synced", reason == null).set("exclusion_reason", reason)
        .set("team_member_ids", List.of()).set("user_ids", List.of()).set("customer_ids", List.of())
        .set("reply_to_ids", List.of());
  }

  @BeforeAll
  static void silver() {
    SparkSession spark = SharedSpark.spark();
    warehouse = new Warehouse(spark, SharedSpark.newWarehouse());
    Settings defaults = Settings.defaults();
    write(spark, Tables.SETTINGS, List.of(RowBuilder.of(Tables.SETTINGS.schema())
        .set("sync_to", "users").set("include_third_party_senders", false)
        .set("internal_domains", List.of("helio.app"))
        .set("public_mail_domains", new ArrayList<>(new TreeSet<>(defaults.publicMailDomains())))
        .set("reference", "reference").set("run_id", "r1").set("transformed_at", ts("2026-06-30T01:00:00Z"))
        .build()));
    write(spark, Tables.TEAM_MEMBERS, List.of(
        RowBuilder.of(Tables.TEAM_MEMBERS.schema()).set("team_member_id", "t1").set("email", "maya@helio.app")
            .set("aliases", List.of("maya.l@helio.app")).set("mailbox_connected", true).build(),
        RowBuilder.of(Tables.TEAM_MEMBERS.schema()).set("team_member_id", "t2").set("email", "omar@helio.app")
            .set("aliases", List.of()).set("mailbox_connected", true).build()));
    write(spark, Tables.USERS, List.of(
        RowBuilder.of(Tables.USERS.schema()).set("user_id", "p1").set("email", "wes@umbrella.com")
            .set("customer_id", "k1").build(),
        RowBuilder.of(Tables.USERS.schema()).set("user_id", "p2").set("email", "lena@stark.io")
            .set("customer_id", "k2").build()));
    write(spark, Tables.CUSTOMERS, List.of(
        RowBuilder.of(Tables.CUSTOMERS.schema()).set("customer_id", "k1").set("name", "Umbrella")
            .set("domains", List.of("umbrella.com")).build(),
        RowBuilder.of(Tables.CUSTOMERS.schema()).set("customer_id", "k2").set("name", "Stark")
            .set("domains", List.of("stark.io")).build()));
    write(spark, Tables.EMAIL_MESSAGES, List.of(
        email("kickoff-2@umbrella.com", "kickoff-2@umbrella.com", List.of("maya@helio.app", "omar@helio.app"),
            List.of("18c2a5f3b9e4d7a1", "18c2a61b00c4e9f3"), "2026-06-02T09:00:00Z", "wes@umbrella.com",
            "Re: Kickoff", List.of("IMPORTANT", "INBOX"),
            List.of("wes@umbrella.com", "maya@helio.app", "ops@helio.app", "omar@helio.app"), "inbound", null)
            .set("team_member_ids", List.of("t1", "t2")).set("user_ids", List.of("p1"))
            .set("customer_ids", List.of("k1")).set("interaction_id", KICKOFF).build(),
        email("promo-7@vendor.example", "promo-7@vendor.example", List.of("maya@helio.app"),
            List.of("18c2a7000000aa01"), "2026-06-03T09:00:00Z", "news@vendor.example", "Webinar",
            List.of("INBOX", "CATEGORY_PROMOTIONS"),
            List.of("news@vendor.example", "maya@helio.app", "lena@stark.io"), "third_party",
            "third_party_sender")
            .set("team_member_ids", List.of("t1")).set("user_ids", List.of("p2")).set("customer_ids", List.of("k2"))
            .build(),
        email("gmail:maya@helio.app:18c2b00000000009", null, List.of("maya@helio.app"),
            List.of("18c2b00000000009"), "2026-06-04T09:00:00Z", "maya@helio.app", null, List.of("DRAFT"),
            List.of("maya@helio.app", "wes@umbrella.com"), "outbound", "draft")
            .set("team_member_ids", List.of("t1")).set("user_ids", List.of("p1")).set("customer_ids", List.of("k1"))
            .build()));
    write(spark, Tables.INTERACTIONS, List.of(RowBuilder.of(Tables.INTERACTIONS.schema())
        .set("interaction_id", KICKOFF).set("interaction_type", "email").set("subject", "Kickoff")
        .set("started_at", ts("2026-06-01T09:00:00Z")).set("last_activity_at", ts("2026-06-02T09:00:00Z"))
        .set("message_count", 2L).set("team_member_ids", List.of("t1", "t2")).set("user_ids", List.of("p1"))
        .set("customer_ids", List.of("k1")).build()));
  }

  static final List<String> KICKOFF_LINES = List.of(
      "email kickoff-2@umbrella.com",
      "  subject:    Re: Kickoff",
      "  sent_at:    2026-06-02T09:00:00Z",
      "  mailboxes:  maya@helio.app;omar@helio.app  (Gmail ids 18c2a5f3b9e4d7a1;18c2a61b00c4e9f3)",
      "  labels:     IMPORTANT;INBOX",
      "  participants (users mode):",
      "    wes@umbrella.com  [sender] known contact, users p1, customers k1",
      "    maya@helio.app  [mailbox owner] team member t1",
      "    ops@helio.app  [recipient] internal (internal domain), never a customer contact",
      "    omar@helio.app  [mailbox owner] team member t2",
      "  decision:   SYNCED: no exclusion rule matched (a known contact takes part and the sender is a team member"
          + " or a known contact)",
      "  direction:  inbound",
      "  attributed: team members t1;t2; users p1; customers k1",
      "  interaction: " + KICKOFF + " \"Kickoff\", 2 message(s), 2026-06-01T09:00:00Z to 2026-06-02T09:00:00Z");

  @Test
  void aSyncedEmailByMessageIdOrGmailId() {
    assertThat(Explanation.explain(warehouse, "kickoff-2@umbrella.com")).containsExactlyElementsOf(KICKOFF_LINES);
    assertThat(Explanation.explain(warehouse, " <kickoff-2@umbrella.com> ")).containsExactlyElementsOf(KICKOFF_LINES);
    assertThat(Explanation.explain(warehouse, "18c2a61b00c4e9f3")).containsExactlyElementsOf(KICKOFF_LINES);
  }

  @Test
  void excludedEmailsWithTheirReason() {
    assertThat(Explanation.explain(warehouse, "<promo-7@vendor.example>")).containsExactly(
        "email promo-7@vendor.example",
        "  subject:    Webinar",
        "  sent_at:    2026-06-03T09:00:00Z",
        "  mailboxes:  maya@helio.app  (Gmail ids 18c2a7000000aa01)",
        "  labels:     INBOX;CATEGORY_PROMOTIONS",
        "  participants (users mode):",
        "    news@vendor.example  [sender] external, not a known contact",
        "    maya@helio.app  [mailbox owner] team member t1",
        "    lena@stark.io  [recipient] known contact, users p2, customers k2",
        "  decision:   NOT SYNCED: rule 5 (third_party_sender): the sender is neither a team member address nor a"
            + " known contact",
        "              include-third-party-senders is off; with it on, the recipients must include a team member"
            + " address and a known contact",
        "  direction:  third_party",
        "  attributed: team members t1; users p2; customers k2");

    // A draft without Message-ID, found by its Gmail id; the sender is also the mailbox owner.
    assertThat(Explanation.explain(warehouse, "18c2b00000000009")).containsExactly(
        "email gmail:maya@helio.app:18c2b00000000009",
        "  subject:    ",
        "  sent_at:    2026-06-04T09:00:00Z",
        "  mailboxes:  maya@helio.app  (Gmail ids 18c2b00000000009)",
        "  labels:     DRAFT",
        "  participants (users mode):",
        "    maya@helio.app  [sender, mailbox owner] team member t1",
        "    wes@umbrella.com  [recipient] known contact, users p1, customers k1",
        "  decision:   NOT SYNCED: rule 1 (draft): every copy carries the DRAFT label",
        "  direction:  outbound",
        "  attributed: team members t1; users p1; customers k1");
  }

  @Test
  void anUnknownIdAndAWarehouseWithoutTransform(SparkSession spark) {
    assertThatThrownBy(() -> Explanation.explain(warehouse, "nope@nowhere.example"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no email with Message-ID or Gmail id 'nope@nowhere.example' in silver.email_messages");
    assertThatThrownBy(() -> Explanation.explain(warehouse, "Kickoff-2@umbrella.com"))
        .as("Message-IDs are compared exactly, case included")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Explanation.explain(new Warehouse(spark, SharedSpark.newWarehouse()), "x@y"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("run transform first: silver.email_messages is missing");
  }

  @Test
  void theDirectoryIsTheOneTheTransformKept() {
    var dir = Explanation.directory(warehouse);
    assertThat(dir.settings().syncTo()).isEqualTo(Settings.SyncTo.USERS);
    assertThat(dir.teamMemberOf("maya.l@helio.app")).isEqualTo("t1");
    assertThat(dir.usersOf("lena@stark.io")).containsExactly("p2");
    assertThat(dir.customersOf("wes@umbrella.com")).containsExactly("k1");
    assertThat(dir.isInternal("ops@helio.app")).as("the kept internal domains").isTrue();
  }
}
