package dev.interactions.transform;

import static dev.interactions.transform.Fixtures.attendees;
import static org.assertj.core.api.Assertions.assertThat;

import dev.interactions.core.RunContext;
import dev.interactions.core.Settings;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.spark.CsvFormat;
import dev.interactions.ingest.files.FilesIngest;
import dev.interactions.testkit.SharedSpark;
import dev.interactions.testkit.SparkTest;
import dev.interactions.transform.reference.ReferenceCsv;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SPEC.md's message identity, threading and meeting rules, end to end on real-shaped JSON. The
 * cases are independent messages and events in one input folder, ingested and transformed once.
 */
@SparkTest
class TransformRulesTest {
  static final String MAYA = "maya@helio.app";
  static final String OMAR = "omar@helio.app";
  static SparkSession spark;
  static Warehouse warehouse;

  @BeforeAll
  static void build() {
    spark = SharedSpark.spark();
    Fixtures f = new Fixtures();
    // Cross-mailbox copies: the sender's copy (with Bcc) and a recipient's copy seen earlier.
    f.mail().id("dedup@helio.app").from("Maya <maya@helio.app>").to("wes@umbrella.com").cc(OMAR)
        .bcc("raj@umbrella.com").subject("Dedup").at("2026-06-10T09:00:05Z").labels("SENT").in(MAYA);
    f.mail().id("dedup@helio.app").from("Maya <maya@helio.app>").to("wes@umbrella.com").cc(OMAR)
        .subject("Dedup").at("2026-06-10T09:00:03Z").in(OMAR);
    // Spam in one mailbox only, spam in every mailbox, a draft.
    f.mail().id("spam-one@stark.io").from("lena@stark.io").to(MAYA + ", " + OMAR).subject("s1").labels("SPAM").in(MAYA);
    f.mail().id("spam-one@stark.io").from("lena@stark.io").to(MAYA + ", " + OMAR).subject("s1").in(OMAR);
    f.mail().id("spam-all@stark.io").from("lena@stark.io").to(MAYA + ", " + OMAR).subject("s2").labels("SPAM").in(MAYA);
    f.mail().id("spam-all@stark.io").from("lena@stark.io").to(MAYA + ", " + OMAR).subject("s2").labels("TRASH").in(OMAR);
    f.mail().id("draft@helio.app").from(MAYA).to("wes@umbrella.com").subject("d").labels("DRAFT").in(MAYA);
    // A team member who got a copy without any header trace (Bcc on the sender's side, or a list).
    f.mail().id("silent@umbrella.com").from("wes@umbrella.com").to("support-list@umbrella.com").subject("Silent")
        .in(OMAR);
    // Without Message-ID: keyed per mailbox, never merged.
    f.mail().from("wes@umbrella.com").to(MAYA + ", " + OMAR).subject("No id").thread("noid-1").in(MAYA);
    f.mail().from("wes@umbrella.com").to(MAYA + ", " + OMAR).subject("No id").thread("noid-2").in(OMAR);
    // RFC 2047, group syntax and garbage.
    f.mail().id("encoded@umbrella.com").from("=?UTF-8?B?V8OpcyBDYXJ0ZXI=?= <Wes@Umbrella.com>")
        .to("CS Team: maya@helio.app, omar@helio.app;, not an address, undisclosed-recipients:;")
        .subject("=?iso-8859-1?Q?R=E9union?=").in(MAYA);
    // Threading across mailboxes by In-Reply-To (different Gmail threads).
    f.mail().id("cross-1@helio.app").from(MAYA).to("lena@stark.io").subject("Kickoff").thread("A")
        .at("2026-06-01T09:00:00Z").in(MAYA);
    f.mail().id("cross-2@stark.io").from("lena@stark.io").to(OMAR).subject("RE: Fwd : AW:Kickoff").thread("B")
        .inReplyTo("cross-1@helio.app").at("2026-06-02T09:00:00Z").in(OMAR);
    // Threading by same-mailbox threadId alone.
    f.mail().id("t-1@umbrella.com").from("wes@umbrella.com").to(MAYA).subject("Same thread").thread("T")
        .at("2026-06-03T09:00:00Z").in(MAYA);
    f.mail().id("t-2@helio.app").from(MAYA).to("wes@umbrella.com").subject("Other subject").thread("T")
        .at("2026-06-03T10:00:00Z").in(MAYA);
    // An excluded (internal) message links two synced ones but is not part of the conversation.
    f.mail().id("int@helio.app").from(OMAR).to(MAYA).subject("Internal note").at("2026-06-04T08:00:00Z").in(MAYA);
    f.mail().id("link-1@umbrella.com").from("raj@umbrella.com").to(MAYA).subject("Link one")
        .references("<int@helio.app>").at("2026-06-04T09:00:00Z").in(MAYA);
    f.mail().id("link-2@umbrella.com").from("raj@umbrella.com").to(OMAR).subject("Link two")
        .references("<int@helio.app>").at("2026-06-04T10:00:00Z").in(OMAR);
    // An id that is only referenced links messages too.
    f.mail().id("ghost-1@stark.io").from("lena@stark.io").to(MAYA).subject("Ghost one")
        .references("<gone@stark.io>").at("2026-06-05T09:00:00Z").in(MAYA);
    f.mail().id("ghost-2@stark.io").from("lena@stark.io").to(OMAR).subject("Ghost two")
        .references("<elsewhere@x> <gone@stark.io>").at("2026-06-05T10:00:00Z").in(OMAR);

    // Meetings.
    f.event(MAYA, """
        {"kind": "calendar#events", "items": [
          {"id": "weekly_20260601T090000Z", "recurringEventId": "weekly", "status": "confirmed", "iCalUID": "weekly@google.com",
           "updated": "2026-05-01T00:00:00Z", "summary": "Weekly", "organizer": {"email": "maya@helio.app"},
           "originalStartTime": {"dateTime": "2026-06-01T09:00:00Z"},
           "start": {"dateTime": "2026-06-01T11:00:00+02:00"}, "end": {"dateTime": "2026-06-01T12:00:00+02:00"},
           "attendees": %s},
          {"id": "weekly_20260608T090000Z", "recurringEventId": "weekly", "status": "confirmed", "iCalUID": "weekly@google.com",
           "updated": "2026-05-01T00:00:00Z", "summary": "Weekly", "organizer": {"email": "maya@helio.app"},
           "originalStartTime": {"dateTime": "2026-06-08T09:00:00Z"},
           "start": {"dateTime": "2026-06-09T09:00:00Z"}, "end": {"dateTime": "2026-06-09T10:00:00Z"},
           "attendees": %s},
          {"id": "weekly_20260615T090000Z", "recurringEventId": "weekly", "status": "cancelled", "iCalUID": "weekly@google.com",
           "updated": "2026-05-02T00:00:00Z", "summary": "Weekly", "organizer": {"email": "maya@helio.app"},
           "originalStartTime": {"dateTime": "2026-06-15T09:00:00Z"},
           "start": {"dateTime": "2026-06-15T09:00:00Z"}, "end": {"dateTime": "2026-06-15T10:00:00Z"},
           "attendees": %s},
          {"id": "ooo", "status": "confirmed", "iCalUID": "ooo@google.com", "updated": "2026-05-01T00:00:00Z",
           "summary": "Out of office", "eventType": "outOfOffice", "organizer": {"email": "maya@helio.app"},
           "start": {"date": "2026-06-22"}, "end": {"date": "2026-06-23"}},
          {"id": "offsite", "status": "confirmed", "iCalUID": "offsite@google.com", "updated": "2026-05-01T00:00:00Z",
           "summary": "Offsite with Stark", "organizer": {"email": "lena@stark.io"},
           "start": {"date": "2026-06-24"}, "end": {"date": "2026-06-25"}, "attendees": %s},
          {"id": "shared", "status": "confirmed", "iCalUID": "shared@google.com", "updated": "2026-05-01T00:00:00Z",
           "summary": "Old title", "organizer": {"email": "maya@helio.app"},
           "start": {"dateTime": "2026-06-26T09:00:00Z"}, "end": {"dateTime": "2026-06-26T10:00:00Z"}, "attendees": %s}
        ]}
        """.formatted(
            attendees(MAYA, "wes@umbrella.com", "raj@umbrella.com:declined", "room-1@resource.calendar.google.com:resource"),
            attendees(MAYA, "wes@umbrella.com"), attendees(MAYA, "wes@umbrella.com"),
            attendees("lena@stark.io", MAYA), attendees(MAYA, "wes@umbrella.com")));
    f.event(OMAR, """
        {"id": "shared", "status": "confirmed", "iCalUID": "shared@google.com", "updated": "2026-05-03T00:00:00Z",
         "summary": "New title", "organizer": {"email": "maya@helio.app"},
         "start": {"dateTime": "2026-06-26T09:00:00Z"}, "end": {"dateTime": "2026-06-26T10:00:00Z"}, "attendees": %s}
        """.formatted(attendees(MAYA, OMAR, "wes@umbrella.com", "lena@stark.io")));

    warehouse = new Warehouse(spark, SharedSpark.newWarehouse());
    new FilesIngest(warehouse, RunContext.start()).ingest(f.input().toString());
    transform(warehouse, f, Settings.defaults());
  }

  static void transform(Warehouse wh, Fixtures f, Settings settings) {
    new TransformJob(wh, RunContext.start()).run(
        ReferenceCsv.load(f.referenceDir().toString(), spark.sparkContext().hadoopConfiguration()), settings, "test");
    wh.register();
  }

  static List<String> query(String sql) {
    warehouse.register();
    return spark.sql(sql).collectAsList().stream().map(CsvFormat::line).toList();
  }

  static String message(String key, String columns) {
    List<String> rows = query("SELECT " + columns + " FROM silver.email_messages WHERE message_key = '" + key + "'");
    assertThat(rows).as(key).hasSize(1);
    return rows.get(0);
  }

  @Test
  void copiesInSeveralMailboxesAreOneMessage() {
    assertThat(message("dedup@helio.app", "mailboxes, sent_at, from_address, bcc_addresses, participants, synced,"
        + " direction, team_member_ids, user_ids"))
        .isEqualTo("maya@helio.app;omar@helio.app,2026-06-10T09:00:03Z,maya@helio.app,raj@umbrella.com,"
            + "maya@helio.app;omar@helio.app;raj@umbrella.com;wes@umbrella.com,true,outbound,t1;t2,p1;p3");
  }

  @Test
  void labelsExcludeOnlyWhenOnEveryCopy() {
    assertThat(message("spam-one@stark.io", "synced, exclusion_reason")).isEqualTo("true,");
    assertThat(message("spam-all@stark.io", "synced, exclusion_reason, direction"))
        .isEqualTo("false,spam_or_trash,inbound");
    assertThat(message("draft@helio.app", "synced, exclusion_reason, direction")).isEqualTo("false,draft,outbound");
  }

  @Test
  void theOwnerOfEveryMailboxWithACopyIsAParticipant() {
    assertThat(message("silent@umbrella.com", "participants, team_member_ids, synced"))
        .isEqualTo("omar@helio.app;support-list@umbrella.com;wes@umbrella.com,t2,true");
  }

  @Test
  void messagesWithoutMessageIdAreKeptPerMailbox() {
    assertThat(query("SELECT message_key, rfc822_message_id, mailboxes FROM silver.email_messages"
        + " WHERE subject = 'No id' ORDER BY message_key"))
        .satisfiesExactly(
            r -> assertThat(r).matches("gmail:maya@helio\\.app:[0-9a-f]{16},,maya@helio\\.app"),
            r -> assertThat(r).matches("gmail:omar@helio\\.app:[0-9a-f]{16},,omar@helio\\.app"));
  }

  @Test
  void encodedWordsAreDecodedAndGroupsAndGarbageTolerated() {
    assertThat(message("encoded@umbrella.com", "from_address, from_name, subject, to_addresses, synced"))
        .isEqualTo("wes@umbrella.com,Wés Carter,Réunion,maya@helio.app;omar@helio.app,true");
  }

  @Test
  void repliesThreadAcrossMailboxesAndTheSubjectLosesItsPrefixes() {
    assertThat(query("SELECT DISTINCT interaction_id FROM silver.email_messages"
        + " WHERE message_key IN ('cross-1@helio.app', 'cross-2@stark.io')")).hasSize(1);
    assertThat(query("SELECT i.subject, i.message_count, i.started_at, i.last_activity_at, i.team_member_ids"
        + " FROM gold.interactions i JOIN silver.email_messages m USING (interaction_id)"
        + " WHERE m.message_key = 'cross-2@stark.io'"))
        .containsExactly("Kickoff,2,2026-06-01T09:00:00Z,2026-06-02T09:00:00Z,t1;t2");
    assertThat(query("SELECT subject FROM gold.interaction_messages WHERE message_key = 'cross-2@stark.io'"))
        .containsExactly("RE: Fwd : AW:Kickoff");
  }

  @Test
  void aGmailThreadWithinOneMailboxIsOneConversation() {
    assertThat(query("SELECT i.subject, i.message_count FROM gold.interactions i"
        + " JOIN silver.email_messages m USING (interaction_id) WHERE m.message_key = 't-2@helio.app'"))
        .containsExactly("Same thread,2");
  }

  @Test
  void excludedAndOnlyReferencedIdsLinkButAreNotPartOfTheConversation() {
    assertThat(message("int@helio.app", "synced, exclusion_reason, interaction_id"))
        .isEqualTo("false,internal_only,");
    assertThat(query("SELECT i.subject, i.message_count FROM gold.interactions i"
        + " JOIN silver.email_messages m USING (interaction_id) WHERE m.message_key = 'link-2@umbrella.com'"))
        .containsExactly("Link one,2");
    assertThat(query("SELECT i.subject, i.message_count FROM gold.interactions i"
        + " JOIN silver.email_messages m USING (interaction_id) WHERE m.message_key = 'ghost-2@stark.io'"))
        .containsExactly("Ghost one,2");
  }

  @Test
  void recurringInstancesAreSeparateMeetingsAndCancellationsAreExcluded() {
    assertThat(query("SELECT meeting_key, start_at, synced, exclusion_reason, participants FROM silver.meetings"
        + " WHERE i_cal_uid = 'weekly@google.com' ORDER BY meeting_key"))
        .containsExactly(
            "weekly@google.com|2026-06-01T09:00:00Z,2026-06-01T09:00:00Z,true,,maya@helio.app;wes@umbrella.com",
            "weekly@google.com|2026-06-08T09:00:00Z,2026-06-09T09:00:00Z,true,,maya@helio.app;wes@umbrella.com",
            "weekly@google.com|2026-06-15T09:00:00Z,2026-06-15T09:00:00Z,false,cancelled,maya@helio.app;wes@umbrella.com");
  }

  @Test
  void notAMeetingAllDayEventsAndTheLatestCopyOfASharedMeeting() {
    assertThat(query("SELECT subject, synced, exclusion_reason, start_at, all_day FROM silver.meetings"
        + " WHERE i_cal_uid IN ('ooo@google.com', 'offsite@google.com') ORDER BY subject"))
        .containsExactly("Offsite with Stark,true,,2026-06-24T00:00:00Z,true",
            "Out of office,false,not_a_meeting,2026-06-22T00:00:00Z,true");
    assertThat(query("SELECT subject, calendars, participants, direction, team_member_ids, user_ids, customer_ids"
        + " FROM silver.meetings WHERE i_cal_uid = 'shared@google.com'"))
        .containsExactly("New title,maya@helio.app;omar@helio.app,"
            + "lena@stark.io;maya@helio.app;omar@helio.app;wes@umbrella.com,outbound,t1;t2,p1;p2,k1;k2");
    assertThat(query("SELECT interaction_type, subject, started_at, last_activity_at, ended_at, message_count"
        + " FROM gold.interactions WHERE subject = 'Offsite with Stark'"))
        .containsExactly("meeting,Offsite with Stark,2026-06-24T00:00:00Z,2026-06-24T00:00:00Z,2026-06-25T00:00:00Z,");
  }

  @Test
  void attributionFollowsTheReferenceDataRetroactively() {
    Fixtures f = new Fixtures();
    f.mail().id("early@umbrella.com").from("new.person@umbrella.com").to(MAYA).subject("Hello").in(MAYA);
    Warehouse wh = new Warehouse(spark, SharedSpark.newWarehouse());
    new FilesIngest(wh, RunContext.start()).ingest(f.input().toString());
    String sql = "SELECT synced, exclusion_reason, user_ids FROM silver.email_messages";

    transform(wh, f, Settings.defaults());
    assertThat(spark.sql(sql).collectAsList().stream().map(CsvFormat::line)).containsExactly("false,no_known_contact,");

    f.reference("team_member_id,email,aliases\nt1,maya@helio.app,\n",
        "user_id,email,customer_id\np9,new.person@umbrella.com,k1\n", "customer_id,name,domains\nk1,Umbrella,umbrella.com\n");
    transform(wh, f, Settings.defaults());
    assertThat(spark.sql(sql).collectAsList().stream().map(CsvFormat::line)).containsExactly("true,,p9");

    f.reference("team_member_id,email,aliases\nt1,maya@helio.app,\n", "user_id,email,customer_id\n",
        "customer_id,name,domains\nk1,Umbrella,umbrella.com\n");
    transform(wh, f, Settings.defaults());
    assertThat(spark.sql(sql).collectAsList().stream().map(CsvFormat::line)).containsExactly("false,no_known_contact,");

    transform(wh, f, Settings.defaults().withSyncTo(Settings.SyncTo.CUSTOMERS));
    assertThat(spark.sql("SELECT synced, customer_ids FROM silver.email_messages").collectAsList().stream()
        .map(CsvFormat::line)).as("customers mode: the domain is enough").containsExactly("true,k1");
  }

  @Test
  void thirdPartySendersAreSyncedOnlyWithTheSetting() {
    Fixtures f = new Fixtures();
    f.mail().id("recruiter@agency.example").from("jo@agency.example").to(MAYA).cc("wes@umbrella.com")
        .subject("Candidates").in(MAYA);
    Warehouse wh = new Warehouse(spark, SharedSpark.newWarehouse());
    new FilesIngest(wh, RunContext.start()).ingest(f.input().toString());
    String sql = "SELECT synced, exclusion_reason, direction FROM silver.email_messages";

    transform(wh, f, Settings.defaults());
    assertThat(spark.sql(sql).collectAsList().stream().map(CsvFormat::line))
        .containsExactly("false,third_party_sender,third_party");
    transform(wh, f, Settings.defaults().withIncludeThirdPartySenders(true));
    assertThat(spark.sql(sql).collectAsList().stream().map(CsvFormat::line)).containsExactly("true,,third_party");
  }
}
