package dev.interactions.transform.emails;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interactions.core.Settings;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.testkit.MailFolder;
import dev.interactions.testkit.SparkTestBase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SPEC.md "Privacy": internal-only mail keeps only its bookkeeping, in bronze and in silver, and
 * keeps its identity, its links and its decision on later runs.
 */
class InternalMailTest extends SparkTestBase {
  static final String MAYA = "maya@helio.app";
  static final String OMAR = "omar@helio.app";
  static final String WES = "wes@umbrella.com";

  /** An internal message's copy in Maya's mailbox, written by hand to control its id and historyId. */
  static String internalCopy(long historyId, String... labels) {
    String labelJson = String.join(", ", java.util.Arrays.stream(labels).map(l -> "\"" + l + "\"").toList());
    return """
        {"id": "int-maya", "threadId": "th-int", "labelIds": [%s], "snippet": "Payroll for June: Omar 7k",
         "historyId": "%d", "internalDate": "1780650000000",
         "payload": {"mimeType": "text/plain", "headers": [
           {"name": "From", "value": "Maya <maya@helio.app>"}, {"name": "To", "value": "omar@helio.app"},
           {"name": "Subject", "value": "Payroll June"}, {"name": "Message-ID", "value": "<int@helio.app>"},
           {"name": "In-Reply-To", "value": "<earlier@helio.app>"}]}}
        """.formatted(labelJson, historyId);
  }

  @Test
  void internalMailKeepsItsBookkeepingItsLinksAndItsDecisionOnLaterRuns() {
    MailFolder f = new MailFolder();
    f.write("input/gmail/" + MAYA + "/int.json", internalCopy(100, "SENT"));
    f.mail().id("int@helio.app").from("Maya <maya@helio.app>").to(OMAR).subject("Payroll June")
        .inReplyTo("earlier@helio.app").at("2026-06-05T09:00:00Z").in(OMAR);
    // Two customer messages linked only through the internal one's id (Wes was forwarded the thread).
    f.mail().id("c1@umbrella.com").from(WES).to(MAYA).subject("Question").inReplyTo("int@helio.app")
        .at("2026-06-06T09:00:00Z").thread("th-c1").in(MAYA);
    f.mail().id("c2@helio.app").from(MAYA).to(WES).subject("Re: Question").references("<int@helio.app>")
        .at("2026-06-07T09:00:00Z").thread("th-c2").in(MAYA);

    Warehouse wh = newWarehouse();
    runStages(wh, f.dir(), Settings.defaults(), null, "ingest", "transform");
    // Every run writes its own run_id; the rest must not change.
    String silverQuery = "SELECT * EXCEPT (run_id) FROM silver.email_messages ORDER BY message_key";
    List<String> silver = lines(wh, silverQuery);
    List<String> gold = lines(wh, "SELECT * EXCEPT (run_id) FROM gold.interactions ORDER BY interaction_id");

    assertThat(lines(wh, "SELECT message_key, mailboxes, sent_at, from_address, subject, snippet, to_addresses,"
        + " participants, reply_to_ids, labels, direction, synced, exclusion_reason, team_member_ids"
        + " FROM silver.email_messages WHERE message_key = 'int@helio.app'"))
        .as("silver keeps the bookkeeping only, from the first run on")
        .containsExactly("int@helio.app,maya@helio.app;omar@helio.app,2026-06-05T09:00:00Z,,,,,,earlier@helio.app,"
            + "INBOX;SENT,outbound,false,internal_only,");
    String bronzeQuery = "SELECT mailbox, id, thread_id, history_id, label_ids, message_id_header,"
        + " in_reply_to_header, retained_decision, retained_direction,"
        + " concat_ws('|', snippet, from_header, to_header, subject_header, raw_json) AS content"
        + " FROM bronze.gmail_messages WHERE message_id_header LIKE '%int@helio.app%' ORDER BY mailbox";
    assertThat(lines(wh, bronzeQuery)).as("both bronze copies stripped").hasSize(2).allSatisfy(line ->
        assertThat(line).contains(",internal_only,outbound,").endsWith(",").doesNotContain("Payroll"));
    assertThat(lines(wh, bronzeQuery).get(0))
        .isEqualTo("maya@helio.app,int-maya,th-int,100,SENT,<int@helio.app>,<earlier@helio.app>,internal_only,outbound,");
    assertThat(scalar(wh, "SELECT count(*) FROM bronze.gmail_messages WHERE retained_decision IS NULL"
        + " AND raw_json LIKE '%Question%'")).as("customer mail is untouched").isEqualTo(2L);
    assertThat(lines(wh, "SELECT message_count, subject FROM gold.interactions"))
        .as("the internal message still links the conversation").containsExactly("2,Question");

    // A later run, from bookkeeping only, decides the same and threads the same.
    runStages(wh, f.dir(), Settings.defaults(), null, "transform");
    assertThat(lines(wh, silverQuery)).as("silver after a second transform").isEqualTo(silver);
    assertThat(lines(wh, "SELECT * EXCEPT (run_id) FROM gold.interactions ORDER BY interaction_id")).isEqualTo(gold);

    // A newer copy (relabelled) updates the labels and stays stripped; the same copy again changes nothing.
    f.write("input/gmail/" + MAYA + "/int.json", internalCopy(200, "SENT", "STARRED"));
    runStages(wh, f.dir(), Settings.defaults(), null, "ingest");
    assertThat(lines(wh, bronzeQuery).get(0)).isEqualTo(
        "maya@helio.app,int-maya,th-int,200,SENT;STARRED,<int@helio.app>,<earlier@helio.app>,internal_only,outbound,");
  }
}
