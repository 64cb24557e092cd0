package dev.interactions.transform;

import static dev.interactions.testkit.MailFolder.attendees;
import static org.assertj.core.api.Assertions.assertThat;

import dev.interactions.core.Settings;
import dev.interactions.core.Settings.SyncTo;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.testkit.MailFolder;
import dev.interactions.testkit.SparkTestBase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SPEC.md's message identity, threading, subject and meeting rules, end to end on real-shaped
 * Gmail and Calendar JSON. Most cases are independent messages and events in one input folder,
 * ingested and transformed once in {@link #build}; the cases that need several transform runs
 * (reference data or settings changing between runs) build their own small warehouse.
 *
 * <p>Reference data (see {@link MailFolder}): team members t1 maya@helio.app (alias
 * maya.l@helio.app) and t2 omar@helio.app; users p1 wes@umbrella.com and p3 raj@umbrella.com of
 * customer k1 (umbrella.com), p2 lena@stark.io of k2 (stark.io).
 */
class TransformRulesTest extends SparkTestBase {
  static final String MAYA = "maya@helio.app";
  static final String OMAR = "omar@helio.app";
  static final String WES = "wes@umbrella.com";
  static final String LENA = "lena@stark.io";
  static Warehouse warehouse;

  @BeforeAll
  static void build() {
    MailFolder f = new MailFolder();

    // ---------------------------------------------------------------- message identity
    // Cross-mailbox copies: the sender's copy (with Bcc) and a recipient's copy seen earlier.
    f.mail().id("dedup@helio.app").from("Maya <maya@helio.app>").to(WES).cc(OMAR)
        .bcc("raj@umbrella.com").subject("Dedup").at("2026-06-10T09:00:05Z").labels("SENT").in(MAYA);
    f.mail().id("dedup@helio.app").from("Maya <maya@helio.app>").to(WES).cc(OMAR)
        .subject("Dedup").at("2026-06-10T09:00:03Z").in(OMAR);
    // Message-IDs: surrounding space ignored, case significant.
    f.mail().header("Message-ID", "  <Spaced@helio.app>  ").from(MAYA).to(WES + ", " + OMAR).subject("Spaced")
        .labels("SENT").in(MAYA);
    f.mail().header("Message-ID", "<Spaced@helio.app>").from(MAYA).to(WES + ", " + OMAR).subject("Spaced")
        .in(OMAR);
    f.mail().header("Message-ID", "<spaced@helio.app>").from(WES).to(OMAR).subject("lower case").in(OMAR);
    // Labels: spam in one mailbox only, spam or trash in every mailbox, drafts.
    f.mail().id("spam-one@stark.io").from(LENA).to(MAYA + ", " + OMAR).subject("s1").labels("SPAM").in(MAYA);
    f.mail().id("spam-one@stark.io").from(LENA).to(MAYA + ", " + OMAR).subject("s1").in(OMAR);
    f.mail().id("spam-all@stark.io").from(LENA).to(MAYA + ", " + OMAR).subject("s2").labels("SPAM").in(MAYA);
    f.mail().id("spam-all@stark.io").from(LENA).to(MAYA + ", " + OMAR).subject("s2").labels("TRASH").in(OMAR);
    f.mail().id("draft@helio.app").from(MAYA).to(WES).subject("d").labels("DRAFT").in(MAYA);
    f.mail().id("draft-one@helio.app").from(MAYA).to(WES + ", " + OMAR).subject("d1").labels("DRAFT").in(MAYA);
    f.mail().id("draft-one@helio.app").from(MAYA).to(WES + ", " + OMAR).subject("d1").in(OMAR);
    f.mail().id("draft-trash@helio.app").from(MAYA).to(WES).subject("d2").labels("DRAFT", "TRASH").in(MAYA);
    // A team member who got a copy without any header trace (Bcc on the sender's side, or a list).
    f.mail().id("silent@umbrella.com").from(WES).to("support-list@umbrella.com").subject("Silent").in(OMAR);
    // Without Message-ID: keyed per mailbox, never merged.
    f.mail().from(WES).to(MAYA + ", " + OMAR).subject("No id").thread("noid-1").in(MAYA);
    f.mail().from(WES).to(MAYA + ", " + OMAR).subject("No id").thread("noid-2").in(OMAR);
    // RFC 2047, group syntax and garbage.
    f.mail().id("encoded@umbrella.com").from("=?UTF-8?B?V8OpcyBDYXJ0ZXI=?= <Wes@Umbrella.com>")
        .to("CS Team: maya@helio.app, \"Omar\" <omar@helio.app>;, not an address, undisclosed-recipients:;, <>")
        .cc("@@@, Lena <lena@stark.io")
        .subject("=?iso-8859-1?Q?R=E9union?= =?UTF-8?B?IMOgIFBhcmlz?=").in(MAYA);

    // ---------------------------------------------------------------- threading
    // Across mailboxes by In-Reply-To (different Gmail threads).
    f.mail().id("cross-1@helio.app").from(MAYA).to(LENA).subject("Kickoff").thread("A")
        .at("2026-06-01T09:00:00Z").in(MAYA);
    f.mail().id("cross-2@stark.io").from(LENA).to(OMAR).subject("RE: Fwd : AW:Kickoff").thread("B")
        .inReplyTo("cross-1@helio.app").at("2026-06-02T09:00:00Z").in(OMAR);
    // Across mailboxes by References only (a folded, multi-id header), three different Gmail threads.
    f.mail().id("ref-1@helio.app").from(MAYA).to(LENA).subject("Renewal").thread("R1")
        .at("2026-06-06T09:00:00Z").in(MAYA);
    f.mail().id("ref-2@stark.io").from(LENA).to(MAYA).cc(OMAR).subject("Re: Renewal").thread("R2")
        .references("<ref-1@helio.app>").at("2026-06-07T09:00:00Z").in(OMAR);
    f.mail().id("ref-3@helio.app").from(OMAR).to(LENA).subject("Re: Renewal").thread("R3")
        .references("<ref-1@helio.app>\r\n <ref-2@stark.io>").at("2026-06-08T09:00:00Z").in(OMAR);
    // By same-mailbox threadId alone; the same threadId in another mailbox is another thread.
    f.mail().id("t-1@umbrella.com").from(WES).to(MAYA).subject("Same thread").thread("T")
        .at("2026-06-03T09:00:00Z").in(MAYA);
    f.mail().id("t-2@helio.app").from(MAYA).to(WES).subject("Other subject").thread("T")
        .at("2026-06-03T10:00:00Z").in(MAYA);
    f.mail().id("t-3@helio.app").from(OMAR).to(WES).subject("Unrelated").thread("T")
        .at("2026-06-03T11:00:00Z").in(OMAR);
    // An excluded (internal) message links two synced ones but is not part of the conversation.
    f.mail().id("int@helio.app").from(OMAR).to(MAYA).subject("Internal note").at("2026-06-04T08:00:00Z").in(MAYA);
    f.mail().id("link-1@umbrella.com").from("raj@umbrella.com").to(MAYA).subject("Link one")
        .references("<int@helio.app>").at("2026-06-04T09:00:00Z").in(MAYA);
    f.mail().id("link-2@umbrella.com").from("raj@umbrella.com").to(OMAR).subject("Link two")
        .references("<int@helio.app>").at("2026-06-04T10:00:00Z").in(OMAR);
    // An id that is only referenced links messages too.
    f.mail().id("ghost-1@stark.io").from(LENA).to(MAYA).subject("Ghost one")
        .references("<gone@stark.io>").at("2026-06-05T09:00:00Z").in(MAYA);
    f.mail().id("ghost-2@stark.io").from(LENA).to(OMAR).subject("Ghost two")
        .references("<elsewhere@x> <gone@stark.io>").at("2026-06-05T10:00:00Z").in(OMAR);

    // ---------------------------------------------------------------- subjects, one conversation each
    String[][] subjects = {
        {"subj-1", "Re: RE: re:Pricing"}, {"subj-2", "Fwd: Fw: FWD : fw:Contract"}, {"subj-3", "AW: SV: aw :Angebot"},
        {"subj-4", "sv:Sv: Offert"}, {"subj-5", "=?UTF-8?Q?Re:_R=C3=A9union_d'=C3=A9quipe?="},
        {"subj-6", "Regarding: Re: the plan"}, {"subj-7", "Re[2]: Invoice Re: March"}};
    for (int i = 0; i < subjects.length; i++) {
      f.mail().id(subjects[i][0] + "@umbrella.com").from(WES).to(MAYA).subject(subjects[i][1])
          .at("2026-06-1" + i + "T12:00:00Z").in(MAYA);
    }

    // ---------------------------------------------------------------- meetings
    f.event(MAYA, """
        {"kind": "calendar#events", "timeZone": "America/Los_Angeles", "items": [
          {"id": "weekly_20260601T090000Z", "recurringEventId": "weekly", "status": "confirmed", "iCalUID": "weekly@google.com",
           "updated": "2026-05-01T00:00:00Z", "summary": "Weekly", "organizer": {"email": "maya@helio.app", "self": true},
           "originalStartTime": {"dateTime": "2026-06-01T09:00:00Z"},
           "start": {"dateTime": "2026-06-01T11:00:00+02:00"}, "end": {"dateTime": "2026-06-01T12:00:00+02:00"},
           "attendees": %s},
          {"id": "weekly_20260608T090000Z", "recurringEventId": "weekly", "status": "confirmed", "iCalUID": "weekly@google.com",
           "updated": "2026-05-01T00:00:00Z", "summary": "Weekly (moved)", "organizer": {"email": "maya@helio.app"},
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
          {"id": "focus", "status": "confirmed", "iCalUID": "focus@google.com", "updated": "2026-05-01T00:00:00Z",
           "summary": "Focus with Wes", "eventType": "focusTime", "organizer": {"email": "maya@helio.app"},
           "start": {"dateTime": "2026-06-23T13:00:00Z"}, "end": {"dateTime": "2026-06-23T15:00:00Z"}, "attendees": %s},
          {"id": "wloc", "status": "confirmed", "iCalUID": "wloc@google.com", "updated": "2026-05-01T00:00:00Z",
           "summary": "Office", "eventType": "workingLocation", "organizer": {"email": "maya@helio.app"},
           "start": {"date": "2026-06-23"}, "end": {"date": "2026-06-24"}},
          {"id": "offsite", "status": "confirmed", "iCalUID": "offsite@google.com", "updated": "2026-05-01T00:00:00Z",
           "summary": "Offsite with Stark", "organizer": {"email": "lena@stark.io"},
           "start": {"date": "2026-06-24"}, "end": {"date": "2026-06-25"}, "attendees": %s},
          {"id": "declined", "status": "confirmed", "iCalUID": "declined@google.com", "updated": "2026-05-01T00:00:00Z",
           "summary": "Wes cannot come", "organizer": {"email": "maya@helio.app"},
           "start": {"dateTime": "2026-06-25T09:00:00Z"}, "end": {"dateTime": "2026-06-25T10:00:00Z"}, "attendees": %s},
          {"id": "shared", "status": "confirmed", "iCalUID": "shared@google.com", "updated": "2026-05-01T00:00:00Z",
           "summary": "Old title", "organizer": {"email": "maya@helio.app"},
           "start": {"dateTime": "2026-06-26T09:00:00Z"}, "end": {"dateTime": "2026-06-26T10:00:00Z"}, "attendees": %s}
        ]}
        """.formatted(
            attendees(MAYA, WES, "raj@umbrella.com:declined", "room-1@resource.calendar.google.com:resource"),
            attendees(MAYA, WES), attendees(MAYA, WES), attendees(MAYA, WES),
            attendees(LENA, MAYA), attendees(MAYA, WES + ":declined"), attendees(MAYA, WES)));
    f.event(OMAR, """
        {"id": "shared-omar", "status": "confirmed", "iCalUID": "shared@google.com", "updated": "2026-05-03T00:00:00Z",
         "summary": "New title", "organizer": {"email": "maya@helio.app"},
         "start": {"dateTime": "2026-06-26T09:00:00Z"}, "end": {"dateTime": "2026-06-26T10:00:00Z"}, "attendees": %s}
        """.formatted(attendees(MAYA, OMAR, WES, LENA)));
    // The calendar's owner declined: not a participant although the event is in its calendar.
    f.event(OMAR, """
        {"id": "owner-declined", "status": "confirmed", "iCalUID": "owner-declined@google.com",
         "updated": "2026-05-01T00:00:00Z", "summary": "Demo for Wes", "organizer": {"email": "wes@umbrella.com"},
         "start": {"dateTime": "2026-06-27T09:00:00Z"}, "end": {"dateTime": "2026-06-27T10:00:00Z"}, "attendees": %s}
        """.formatted(attendees(WES, OMAR + ":declined", MAYA)));

    warehouse = newWarehouse();
    ingest(warehouse, f);
    transform(warehouse, f, Settings.defaults());
  }

  // ------------------------------------------------------------------ helpers

  static void ingest(Warehouse wh, MailFolder f) {
    runStages(wh, f.dir(), Settings.defaults(), null, "ingest");
  }

  static void transform(Warehouse wh, MailFolder f, Settings settings) {
    runStages(wh, f.dir(), settings, null, "transform");
  }

  static List<String> query(String sql) {
    return lines(warehouse, sql);
  }

  static String message(String key, String columns) {
    return message(warehouse, key, columns);
  }

  static String message(Warehouse wh, String key, String columns) {
    List<String> rows = lines(wh, "SELECT " + columns + " FROM silver.email_messages WHERE message_key = '" + key + "'");
    assertThat(rows).as(key).hasSize(1);
    return rows.get(0);
  }

  /** The conversation (gold.interactions columns) that a message belongs to. */
  static List<String> conversationOf(Warehouse wh, String key, String columns) {
    return lines(wh, "SELECT " + columns + " FROM gold.interactions i JOIN silver.email_messages m"
        + " USING (interaction_id) WHERE m.message_key = '" + key + "'");
  }

  static List<String> conversationOf(String key, String columns) {
    return conversationOf(warehouse, key, columns);
  }

  /** decisions.md: type initial, '-', first 24 hex digits of SHA-256 of "type:key". */
  static String expectedId(String type, String key) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest((type + ":" + key).getBytes(StandardCharsets.UTF_8));
      return type.charAt(0) + "-" + HexFormat.of().formatHex(hash).substring(0, 24);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------------ message identity

  @Test
  void copiesInSeveralMailboxesAreOneMessageKeyedByTheExactMessageId() {
    assertThat(message("dedup@helio.app", "rfc822_message_id, mailboxes, size(gmail_ids), sent_at, from_address,"
        + " to_addresses, cc_addresses, bcc_addresses, participants, synced, direction, team_member_ids, user_ids,"
        + " customer_ids, labels"))
        .isEqualTo("dedup@helio.app,maya@helio.app;omar@helio.app,2,2026-06-10T09:00:03Z,maya@helio.app,"
            + "wes@umbrella.com,omar@helio.app,raj@umbrella.com,"
            + "maya@helio.app;omar@helio.app;raj@umbrella.com;wes@umbrella.com,true,outbound,t1;t2,p1;p3,k1,INBOX;SENT");
    assertThat(query("SELECT count(*) FROM gold.interaction_messages WHERE message_key = 'dedup@helio.app'"))
        .containsExactly("1");
    // The key is the Message-ID without angle brackets and surrounding space, case included.
    assertThat(query("SELECT message_key, mailboxes, subject FROM silver.email_messages"
        + " WHERE lower(message_key) = 'spaced@helio.app' ORDER BY message_key"))
        .containsExactly("Spaced@helio.app,maya@helio.app;omar@helio.app,Spaced",
            "spaced@helio.app,omar@helio.app,lower case");
  }

  @Test
  void labelsExcludeOnlyWhenOnEveryCopy() {
    assertThat(query("SELECT message_key, synced, exclusion_reason, direction, labels FROM silver.email_messages"
        + " WHERE message_key IN ('spam-one@stark.io', 'spam-all@stark.io', 'draft@helio.app',"
        + " 'draft-one@helio.app', 'draft-trash@helio.app') ORDER BY message_key"))
        .containsExactly(
            "draft-one@helio.app,true,,outbound,DRAFT;INBOX",
            "draft-trash@helio.app,false,draft,outbound,DRAFT;TRASH",
            "draft@helio.app,false,draft,outbound,DRAFT",
            "spam-all@stark.io,false,spam_or_trash,inbound,SPAM;TRASH",
            "spam-one@stark.io,true,,inbound,INBOX;SPAM");
  }

  @Test
  void theOwnerOfEveryMailboxWithACopyIsAParticipant() {
    assertThat(message("silent@umbrella.com", "to_addresses, participants, team_member_ids, user_ids, synced,"
        + " exclusion_reason, direction"))
        .isEqualTo("support-list@umbrella.com,omar@helio.app;support-list@umbrella.com;wes@umbrella.com,t2,p1,true,,"
            + "inbound");
  }

  @Test
  void messagesWithoutMessageIdAreKeptPerMailbox() {
    assertThat(query("SELECT message_key, rfc822_message_id, mailboxes, gmail_ids, synced FROM silver.email_messages"
        + " WHERE subject = 'No id' ORDER BY message_key"))
        .satisfiesExactly(
            r -> assertThat(r).matches("gmail:maya@helio\\.app:([0-9a-f]{16}),,maya@helio\\.app,\\1,true"),
            r -> assertThat(r).matches("gmail:omar@helio\\.app:([0-9a-f]{16}),,omar@helio\\.app,\\1,true"));
    assertThat(query("SELECT count(DISTINCT interaction_id) FROM silver.email_messages WHERE subject = 'No id'"))
        .as("two conversations: different mailboxes, different Gmail threads").containsExactly("2");
  }

  @Test
  void encodedWordsAreDecodedAndGroupsAndGarbageTolerated() {
    assertThat(message("encoded@umbrella.com", "from_address, from_name, subject, to_addresses, cc_addresses,"
        + " participants, synced"))
        .isEqualTo("wes@umbrella.com,Wés Carter,Réunion à Paris,maya@helio.app;omar@helio.app,lena@stark.io,"
            + "lena@stark.io;maya@helio.app;omar@helio.app;wes@umbrella.com,true");
    assertThat(conversationOf("encoded@umbrella.com", "i.subject, i.user_ids, i.customer_ids"))
        .containsExactly("Réunion à Paris,p1;p2,k1;k2");
  }

  // ------------------------------------------------------------------ threading

  @Test
  void repliesThreadAcrossMailboxesByInReplyTo() {
    assertThat(query("SELECT DISTINCT interaction_id FROM silver.email_messages"
        + " WHERE message_key IN ('cross-1@helio.app', 'cross-2@stark.io')"))
        .containsExactly(expectedId("email", "cross-1@helio.app"));
    assertThat(conversationOf("cross-2@stark.io", "i.interaction_id, i.interaction_type, i.subject, i.message_count,"
        + " i.started_at, i.last_activity_at, i.ended_at, i.team_member_ids, i.user_ids, i.customer_ids"))
        .containsExactly(expectedId("email", "cross-1@helio.app")
            + ",email,Kickoff,2,2026-06-01T09:00:00Z,2026-06-02T09:00:00Z,,t1;t2,p2,k2");
    assertThat(query("SELECT message_key, subject, direction FROM gold.interaction_messages"
        + " WHERE interaction_id = '" + expectedId("email", "cross-1@helio.app") + "' ORDER BY sent_at"))
        .containsExactly("cross-1@helio.app,Kickoff,outbound", "cross-2@stark.io,RE: Fwd : AW:Kickoff,inbound");
  }

  @Test
  void repliesThreadAcrossMailboxesByReferences() {
    assertThat(query("SELECT message_key, thread_keys, reply_to_ids, interaction_id FROM silver.email_messages"
        + " WHERE message_key LIKE 'ref-%' ORDER BY message_key"))
        .containsExactly(
            "ref-1@helio.app,maya@helio.app/R1,," + expectedId("email", "ref-1@helio.app"),
            "ref-2@stark.io,omar@helio.app/R2,ref-1@helio.app," + expectedId("email", "ref-1@helio.app"),
            "ref-3@helio.app,omar@helio.app/R3,ref-1@helio.app;ref-2@stark.io,"
                + expectedId("email", "ref-1@helio.app"));
    assertThat(conversationOf("ref-3@helio.app", "i.subject, i.message_count, i.started_at, i.last_activity_at,"
        + " i.team_member_ids, i.user_ids"))
        .containsExactly("Renewal,3,2026-06-06T09:00:00Z,2026-06-08T09:00:00Z,t1;t2,p2");
  }

  @Test
  void aGmailThreadLinksMessagesWithinItsMailboxOnly() {
    assertThat(conversationOf("t-2@helio.app", "i.interaction_id, i.subject, i.message_count"))
        .containsExactly(expectedId("email", "t-1@umbrella.com") + ",Same thread,2");
    assertThat(conversationOf("t-3@helio.app", "i.interaction_id, i.subject, i.message_count"))
        .as("the same threadId in another mailbox is another thread")
        .containsExactly(expectedId("email", "t-3@helio.app") + ",Unrelated,1");
  }

  @Test
  void excludedAndOnlyReferencedIdsLinkButAreNotPartOfTheConversation() {
    assertThat(message("int@helio.app", "synced, exclusion_reason, direction, interaction_id"))
        .isEqualTo("false,internal_only,outbound,");
    assertThat(conversationOf("link-2@umbrella.com", "i.interaction_id, i.subject, i.message_count, i.started_at,"
        + " i.user_ids"))
        .containsExactly(expectedId("email", "link-1@umbrella.com") + ",Link one,2,2026-06-04T09:00:00Z,p3");
    assertThat(query("SELECT message_key FROM gold.interaction_messages"
        + " WHERE interaction_id = '" + expectedId("email", "link-1@umbrella.com") + "' ORDER BY message_key"))
        .containsExactly("link-1@umbrella.com", "link-2@umbrella.com");
    assertThat(conversationOf("ghost-2@stark.io", "i.interaction_id, i.subject, i.message_count"))
        .containsExactly(expectedId("email", "ghost-1@stark.io") + ",Ghost one,2");
    assertThat(query("SELECT count(*) FROM silver.email_messages WHERE message_key = 'gone@stark.io'"))
        .containsExactly("0");
  }

  @Test
  void theInteractionSubjectLosesReplyAndForwardPrefixes() {
    assertThat(query("SELECT m.message_key, i.subject FROM gold.interactions i JOIN silver.email_messages m"
        + " USING (interaction_id) WHERE m.message_key LIKE 'subj-%' ORDER BY m.message_key"))
        .containsExactly(
            "subj-1@umbrella.com,Pricing",
            "subj-2@umbrella.com,Contract",
            "subj-3@umbrella.com,Angebot",
            "subj-4@umbrella.com,Offert",
            "subj-5@umbrella.com,Réunion d'équipe",
            "subj-6@umbrella.com,Regarding: Re: the plan",
            "subj-7@umbrella.com,Invoice Re: March");
  }

  // ------------------------------------------------------------------ meetings

  @Test
  void recurringInstancesAreSeparateMeetingsCancelledOnesAndNonMeetingsExcluded() {
    assertThat(query("SELECT meeting_key, subject, start_at, end_at, synced, exclusion_reason, participants,"
        + " direction, interaction_id FROM silver.meetings WHERE i_cal_uid = 'weekly@google.com' ORDER BY meeting_key"))
        .containsExactly(
            "weekly@google.com|2026-06-01T09:00:00Z,Weekly,2026-06-01T09:00:00Z,2026-06-01T10:00:00Z,true,,"
                + "maya@helio.app;wes@umbrella.com,outbound," + expectedId("meeting", "weekly@google.com|2026-06-01T09:00:00Z"),
            "weekly@google.com|2026-06-08T09:00:00Z,Weekly (moved),2026-06-09T09:00:00Z,2026-06-09T10:00:00Z,true,,"
                + "maya@helio.app;wes@umbrella.com,outbound," + expectedId("meeting", "weekly@google.com|2026-06-08T09:00:00Z"),
            "weekly@google.com|2026-06-15T09:00:00Z,Weekly,2026-06-15T09:00:00Z,2026-06-15T10:00:00Z,false,cancelled,"
                + "maya@helio.app;wes@umbrella.com,outbound,");
    assertThat(query("SELECT interaction_type, subject, started_at, last_activity_at, ended_at, message_count,"
        + " team_member_ids, user_ids, customer_ids FROM gold.interactions WHERE subject LIKE 'Weekly%' ORDER BY started_at"))
        .as("a dateTime with +02:00 is converted to UTC")
        .containsExactly(
            "meeting,Weekly,2026-06-01T09:00:00Z,2026-06-01T09:00:00Z,2026-06-01T10:00:00Z,,t1,p1,k1",
            "meeting,Weekly (moved),2026-06-09T09:00:00Z,2026-06-09T09:00:00Z,2026-06-09T10:00:00Z,,t1,p1,k1");
    assertThat(query("SELECT i_cal_uid, event_type, synced, exclusion_reason, interaction_id FROM silver.meetings"
        + " WHERE i_cal_uid IN ('ooo@google.com', 'focus@google.com', 'wloc@google.com') ORDER BY i_cal_uid"))
        .as("out of office, focus time and working location are not meetings")
        .containsExactly("focus@google.com,focusTime,false,not_a_meeting,",
            "ooo@google.com,outOfOffice,false,not_a_meeting,",
            "wloc@google.com,workingLocation,false,not_a_meeting,");
  }

  @Test
  void declinedAttendeesRoomsAndTheCalendarOwnerAreNotParticipantsByThemselves() {
    assertThat(query("SELECT i_cal_uid, calendars, participants, synced, exclusion_reason, direction, team_member_ids,"
        + " user_ids FROM silver.meetings WHERE i_cal_uid IN ('declined@google.com', 'owner-declined@google.com')"
        + " OR meeting_key = 'weekly@google.com|2026-06-01T09:00:00Z' ORDER BY i_cal_uid"))
        .containsExactly(
            "declined@google.com,maya@helio.app,maya@helio.app,false,internal_only,outbound,t1,",
            "owner-declined@google.com,omar@helio.app,maya@helio.app;wes@umbrella.com,true,,inbound,t1,p1",
            "weekly@google.com,maya@helio.app,maya@helio.app;wes@umbrella.com,true,,outbound,t1,p1");
  }

  @Test
  void theSameMeetingInTwoCalendarsIsOneMeetingFromTheLatestUpdatedCopy() {
    assertThat(query("SELECT meeting_key, subject, calendars, event_ids, updated, participants, direction,"
        + " team_member_ids, user_ids, customer_ids FROM silver.meetings WHERE i_cal_uid = 'shared@google.com'"))
        .containsExactly("shared@google.com|2026-06-26T09:00:00Z,New title,maya@helio.app;omar@helio.app,"
            + "shared;shared-omar,2026-05-03T00:00:00Z,lena@stark.io;maya@helio.app;omar@helio.app;wes@umbrella.com,"
            + "outbound,t1;t2,p1;p2,k1;k2");
    assertThat(query("SELECT subject, team_member_ids FROM gold.interactions"
        + " WHERE interaction_id = '" + expectedId("meeting", "shared@google.com|2026-06-26T09:00:00Z") + "'"))
        .containsExactly("New title,t1;t2");
  }

  @Test
  void anAllDayEventStartsAtMidnightUtcOfItsDate() {
    assertThat(query("SELECT subject, start_at, end_at, all_day, synced, direction FROM silver.meetings"
        + " WHERE i_cal_uid = 'offsite@google.com'"))
        .as("the calendar's time zone does not move a date")
        .containsExactly("Offsite with Stark,2026-06-24T00:00:00Z,2026-06-25T00:00:00Z,true,true,inbound");
    assertThat(query("SELECT interaction_type, subject, started_at, last_activity_at, ended_at, message_count, user_ids"
        + " FROM gold.interactions WHERE subject = 'Offsite with Stark'"))
        .containsExactly(
            "meeting,Offsite with Stark,2026-06-24T00:00:00Z,2026-06-24T00:00:00Z,2026-06-25T00:00:00Z,,p2");
  }

  // ------------------------------------------------------------------ several runs

  @Test
  void attributionFollowsTheReferenceDataRetroactivelyAndInteractionIdsStayStable() {
    MailFolder f = new MailFolder();
    f.mail().id("hist-1@umbrella.com").from(WES).to(MAYA).subject("Onboarding").thread("H1")
        .at("2026-06-01T09:00:00Z").in(MAYA);
    f.mail().id("early@umbrella.com").from("New Person <new.person@umbrella.com>").to(MAYA).subject("Hello")
        .at("2026-06-02T09:00:00Z").in(MAYA);
    Warehouse wh = newWarehouse();
    ingest(wh, f);
    String early = "synced, exclusion_reason, user_ids, customer_ids, interaction_id";
    String conversation = "SELECT interaction_id, message_count, last_activity_at FROM gold.interactions"
        + " WHERE subject = 'Onboarding'";
    String onboarding = expectedId("email", "hist-1@umbrella.com");

    transform(wh, f, Settings.defaults());
    assertThat(message(wh, "early@umbrella.com", early)).isEqualTo("false,no_known_contact,,,");
    assertThat(lines(wh, conversation)).containsExactly(onboarding + ",1,2026-06-01T09:00:00Z");

    // Next night: a reply arrives (another Gmail thread), and the contact is added as a user.
    f.mail().id("hist-2@helio.app").from(MAYA).to(WES).subject("Re: Onboarding").thread("H2")
        .inReplyTo("hist-1@umbrella.com").at("2026-06-03T09:00:00Z").labels("SENT").in(MAYA);
    ingest(wh, f);
    f.reference("team_member_id,email,aliases\nt1,maya@helio.app,\n",
        "user_id,email,customer_id\np1,wes@umbrella.com,k1\np9,New.Person@umbrella.com,k1\n",
        "customer_id,name,domains\nk1,Umbrella,umbrella.com\n");
    transform(wh, f, Settings.defaults());
    String earlyId = expectedId("email", "early@umbrella.com");
    assertThat(message(wh, "early@umbrella.com", early)).isEqualTo("true,,p9,k1," + earlyId);
    assertThat(lines(wh, "SELECT subject, user_ids, customer_ids FROM gold.interactions"
        + " WHERE interaction_id = '" + earlyId + "'")).containsExactly("Hello,p9,k1");
    assertThat(lines(wh, conversation)).as("the conversation keeps its id as it grows")
        .containsExactly(onboarding + ",2,2026-06-03T09:00:00Z");

    // The user is removed again: the old email is no longer an interaction.
    f.reference("team_member_id,email,aliases\nt1,maya@helio.app,\n", "user_id,email,customer_id\np1,wes@umbrella.com,k1\n",
        "customer_id,name,domains\nk1,Umbrella,umbrella.com\n");
    transform(wh, f, Settings.defaults());
    assertThat(message(wh, "early@umbrella.com", early)).isEqualTo("false,no_known_contact,,,");
    assertThat(lines(wh, "SELECT count(*) FROM gold.interactions WHERE interaction_id = '" + earlyId + "'"))
        .containsExactly("0");
    assertThat(lines(wh, "SELECT count(*) FROM gold.interaction_links WHERE id = 'p9'")).containsExactly("0");
    assertThat(lines(wh, conversation)).containsExactly(onboarding + ",2,2026-06-03T09:00:00Z");
  }

  @Test
  void customersModeAndTheThirdPartyOptionEndToEnd() {
    MailFolder f = new MailFolder().reference("team_member_id,email,aliases\nt1,maya@helio.app,\nt2,omar@helio.app,\n",
        "user_id,email,customer_id\np1,wes@umbrella.com,k1\np2,lena@stark.io,k2\n",
        "customer_id,name,domains\nk1,Umbrella,umbrella.com;gmail.com\nk2,Stark,stark.io\nk3,Stark EU,eu.stark.io\n");
    f.mail().id("cm-1@umbrella.com").from("raj@umbrella.com").to(MAYA).subject("Domain only").in(MAYA);
    f.mail().id("cm-2@eu.stark.io").from("anna@eu.stark.io").to(OMAR).subject("Subdomain").in(OMAR);
    f.mail().id("cm-3@gmail.com").from("friend@gmail.com").to(MAYA).subject("Public mail").in(MAYA);
    f.mail().id("tp-1@agency.example").from("jo@agency.example").to(MAYA).cc(WES).subject("Candidates").in(MAYA);
    f.event(MAYA, """
        {"id": "tp-meeting", "status": "confirmed", "iCalUID": "tp-meeting@agency.example",
         "updated": "2026-05-01T00:00:00Z", "summary": "Intro by the agency", "organizer": {"email": "jo@agency.example"},
         "start": {"dateTime": "2026-06-12T15:00:00Z"}, "end": {"dateTime": "2026-06-12T15:30:00Z"}, "attendees": %s}
        """.formatted(attendees("jo@agency.example", MAYA, WES)));
    Warehouse wh = newWarehouse();
    ingest(wh, f);
    String emails = "SELECT message_key, synced, exclusion_reason, direction, user_ids, customer_ids,"
        + " sender_customer_ids FROM silver.email_messages ORDER BY message_key";
    String meeting = "SELECT synced, exclusion_reason, direction, participants, user_ids, customer_ids"
        + " FROM silver.meetings";

    // Customers mode, third-party senders not included: the agency's email and meeting have a
    // team member and a known contact among their recipients, but are still excluded.
    transform(wh, f, Settings.defaults().withSyncTo(SyncTo.CUSTOMERS));
    assertThat(lines(wh, emails)).as("customers mode").containsExactly(
        "cm-1@umbrella.com,true,,inbound,,k1,k1",
        "cm-2@eu.stark.io,true,,inbound,,k3,k3",
        "cm-3@gmail.com,false,no_known_contact,third_party,,,",
        "tp-1@agency.example,false,third_party_sender,third_party,p1,k1,");
    assertThat(lines(wh, meeting)).containsExactly(
        "false,third_party_sender,third_party,jo@agency.example;maya@helio.app;wes@umbrella.com,p1,k1");
    assertThat(lines(wh, "SELECT subject, customer_ids FROM gold.interactions ORDER BY subject"))
        .containsExactly("Domain only,k1", "Subdomain,k3");
    assertThat(lines(wh, "SELECT kind, subject FROM silver.reference_warnings WHERE kind = 'public_mail_customer_domain'"))
        .containsExactly("public_mail_customer_domain,k1");
    assertThat(lines(wh, "SELECT customer_id, domains FROM silver.customers ORDER BY customer_id"))
        .containsExactly("k1,umbrella.com", "k2,stark.io", "k3,eu.stark.io");
    assertThat(lines(wh, "SELECT sync_to, include_third_party_senders FROM silver.settings"))
        .containsExactly("customers,false");

    // Users mode with third-party senders included: the domain alone no longer makes a contact.
    transform(wh, f, Settings.defaults().withIncludeThirdPartySenders(true));
    assertThat(lines(wh, emails)).as("users mode").containsExactly(
        "cm-1@umbrella.com,false,no_known_contact,third_party,,,",
        "cm-2@eu.stark.io,false,no_known_contact,third_party,,,",
        "cm-3@gmail.com,false,no_known_contact,third_party,,,",
        "tp-1@agency.example,true,,third_party,p1,k1,");
    assertThat(lines(wh, meeting)).containsExactly(
        "true,,third_party,jo@agency.example;maya@helio.app;wes@umbrella.com,p1,k1");
    assertThat(lines(wh, "SELECT interaction_id, interaction_type, subject, user_ids, customer_ids FROM gold.interactions"
        + " ORDER BY interaction_type")).containsExactly(
            expectedId("email", "tp-1@agency.example") + ",email,Candidates,p1,k1",
            expectedId("meeting", "tp-meeting@agency.example|2026-06-12T15:00:00Z") + ",meeting,Intro by the agency,p1,k1");
    assertThat(lines(wh, "SELECT sync_to, include_third_party_senders FROM silver.settings"))
        .containsExactly("users,true");
  }
}
