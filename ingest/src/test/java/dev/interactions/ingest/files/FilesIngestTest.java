package dev.interactions.ingest.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.interactions.core.RunContext;
import dev.interactions.core.catalog.Tables;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.testkit.SharedSpark;
import dev.interactions.testkit.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SparkTest
class FilesIngestTest {
  static final String MAYA = "maya@helio.app";

  @TempDir Path input;
  SparkSession spark;
  String root;
  Warehouse warehouse;

  @BeforeEach
  void setUp(SparkSession spark) {
    this.spark = spark;
    this.root = SharedSpark.newWarehouse();
    this.warehouse = new Warehouse(spark, root);
  }

  static String message(String id, long historyId, String subject) {
    return """
        {"id": "%s", "threadId": "t-%s", "labelIds": ["INBOX", "UNREAD"], "snippet": "Hello",
         "historyId": "%d", "internalDate": "1781078400000",
         "payload": {"mimeType": "text/plain", "headers": [
           {"name": "From", "value": "Wes <wes@umbrella.com>"},
           {"name": "To", "value": "maya@helio.app"},
           {"name": "to", "value": "omar@helio.app"},
           {"name": "Subject", "value": "%s"},
           {"name": "Message-ID", "value": "<%s@umbrella.com>"},
           {"name": "References", "value": "<a@x> <b@x>"}]}}
        """.formatted(id, id, historyId, subject, id);
  }

  void write(String relative, String content) throws IOException {
    Path p = input.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  FilesIngest.Report ingest() {
    return new FilesIngest(warehouse, RunContext.start()).ingest(input.toString());
  }

  List<Row> rows(String sql) {
    warehouse.register();
    return spark.sql(sql).collectAsList();
  }

  @Test
  void landsASingleMessageWithTypedColumns() throws IOException {
    write("gmail/" + MAYA + "/m1.json", message("m1", 10, "Hi"));

    ingest();

    Row r = rows("SELECT mailbox, id, thread_id, history_id, internal_date, label_ids, from_header, to_header,"
        + " subject_header, message_id_header, references_header, source_ref, run_id, raw_json"
        + " FROM bronze.gmail_messages").get(0);
    assertThat(r.getString(0)).isEqualTo(MAYA);
    assertThat(r.getString(1)).isEqualTo("m1");
    assertThat(r.getString(2)).isEqualTo("t-m1");
    assertThat(r.getLong(3)).isEqualTo(10L);
    assertThat(((Timestamp) r.get(4)).toInstant().toString()).isEqualTo("2026-06-10T08:00:00Z");
    assertThat(r.getList(5)).containsExactly("INBOX", "UNREAD");
    assertThat(r.getString(6)).isEqualTo("Wes <wes@umbrella.com>");
    assertThat(r.getString(7)).as("repeated To headers are joined").isEqualTo("maya@helio.app, omar@helio.app");
    assertThat(r.getString(8)).isEqualTo("Hi");
    assertThat(r.getString(9)).isEqualTo("<m1@umbrella.com>");
    assertThat(r.getString(10)).isEqualTo("<a@x> <b@x>");
    assertThat(r.getString(11)).isEqualTo("gmail/" + MAYA + "/m1.json:1");
    assertThat(r.getString(12)).isNotBlank();
    assertThat(r.getString(13)).contains("\"id\":\"m1\"");
  }

  @Test
  void landsAfterARunKilledDuringTheTablesFirstCommit() throws IOException {
    // What a SIGKILL during the CREATE TABLE commit leaves: a log with the commit's temp file only.
    Path log = Path.of(root, "bronze", "gmail_messages", "_delta_log");
    Files.createDirectories(log.resolve("_staged_commits"));
    Files.createFile(log.resolve(".00000000000000000000.json.9ad53c8b-e3a5-42a2-b779-75ea20b33902.tmp"));
    write("gmail/" + MAYA + "/m1.json", message("m1", 10, "Hi"));

    ingest();

    assertThat(warehouse.read(Tables.GMAIL_MESSAGES).select("id").collectAsList())
        .extracting(r -> r.getString(0)).containsExactly("m1");
  }

  @Test
  void readsListPagesBareArraysAndLineDelimitedFiles() throws IOException {
    write("gmail/" + MAYA + "/page.json", "{\"messages\": [\n" + message("p1", 1, "a") + ",\n"
        + message("p2", 1, "b") + "], \"resultSizeEstimate\": 2}");
    write("gmail/" + MAYA + "/array.json", "[" + message("a1", 1, "c") + "]");
    write("gmail/omar@helio.app/lines.jsonl",
        message("l1", 1, "d").replace("\n", " ") + "\n\n" + message("l2", 1, "e").replace("\n", " ") + "\n");
    write("gmail/omar@helio.app/more.ndjson", message("n1", 1, "f").replace("\n", " ") + "\n");
    write("gmail/omar@helio.app/notes.txt", "not a resource file");

    FilesIngest.Report report = ingest();

    assertThat(rows("SELECT mailbox, id FROM bronze.gmail_messages ORDER BY id").stream()
        .map(r -> r.getString(0) + "/" + r.getString(1)).toList())
        .containsExactly(MAYA + "/a1", "omar@helio.app/l1", "omar@helio.app/l2", "omar@helio.app/n1",
            MAYA + "/p1", MAYA + "/p2");
    assertThat(report.quarantined()).isZero();
    assertThat(rows("SELECT source_ref FROM bronze.gmail_messages WHERE id = 'l2'").get(0).getString(0))
        .isEqualTo("gmail/omar@helio.app/lines.jsonl:3");
    assertThat(rows("SELECT source_ref FROM bronze.gmail_messages WHERE id = 'p2'").get(0).getString(0))
        .as("list items keep their own line").endsWith("page.json:12");
  }

  @Test
  void quarantinesBadInputAndLandsTheRest() throws IOException {
    write("gmail/" + MAYA + "/good.json", message("g1", 1, "ok"));
    write("gmail/" + MAYA + "/broken.json", "{\"id\": \"b1\", \"payload\": ");
    write("gmail/" + MAYA + "/mixed.jsonl", message("j1", 1, "x").replace("\n", " ") + "\n{not json\n"
        + "{\"threadId\": \"no-id\"}\n");
    write("gmail/not-a-mailbox/x.json", message("z1", 1, "x"));

    FilesIngest.Report report = ingest();

    assertThat(rows("SELECT id FROM bronze.gmail_messages ORDER BY id").stream().map(r -> r.getString(0)))
        .containsExactly("g1", "j1");
    List<Row> q = rows("SELECT source, mailbox, ref, reason, raw FROM bronze.quarantine ORDER BY ref");
    assertThat(q.stream().map(r -> r.getString(2) + " " + r.getString(3)).collect(Collectors.toList()))
        .satisfiesExactly(
            r -> assertThat(r).startsWith("gmail/maya@helio.app/broken.json:1 invalid JSON"),
            r -> assertThat(r).startsWith("gmail/maya@helio.app/mixed.jsonl:2 invalid JSON"),
            r -> assertThat(r).isEqualTo("gmail/maya@helio.app/mixed.jsonl:3 missing id: not a Gmail Message resource"),
            r -> assertThat(r).isEqualTo("gmail/not-a-mailbox/x.json folder name is not a mailbox address: not-a-mailbox"));
    assertThat(q.get(0).getString(0)).isEqualTo("gmail");
    assertThat(q.get(1).getString(4)).isEqualTo("{not json");
    assertThat(report.quarantined()).isEqualTo(4);
    Row state = rows("SELECT status, resources_seen, quarantined FROM bronze.sync_state"
        + " WHERE mailbox = 'maya@helio.app' AND source = 'gmail'").get(0);
    assertThat(state.getString(0)).isEqualTo("partial");
    assertThat(state.getLong(1)).isEqualTo(2);
    assertThat(state.getLong(2)).isEqualTo(3);
  }

  @Test
  void ingestingTheSameFilesTwiceChangesNothing() throws IOException {
    write("gmail/" + MAYA + "/m.jsonl", message("m1", 5, "x").replace("\n", " ") + "\n"
        + message("m2", 5, "y").replace("\n", " ") + "\n{broken\n");
    write("calendar/" + MAYA + "/events.json", "{\"items\": [" + event("e1", "2026-06-01T00:00:00Z", "Sync") + "]}");

    ingest();
    FilesIngest.Report second = ingest();

    assertThat(rows("SELECT count(*) FROM bronze.gmail_messages").get(0).getLong(0)).isEqualTo(2);
    assertThat(rows("SELECT count(*) FROM bronze.calendar_events").get(0).getLong(0)).isEqualTo(1);
    assertThat(rows("SELECT count(*) FROM bronze.quarantine").get(0).getLong(0)).isEqualTo(1);
    assertThat(second.sources()).allSatisfy(s -> {
      assertThat(s.landed().inserted()).isZero();
      assertThat(s.landed().updated()).isZero();
    });
    // One commit per table and run, however many sources the run read (sync_state had one per source).
    for (var table : List.of(Tables.GMAIL_MESSAGES, Tables.CALENDAR_EVENTS, Tables.SYNC_STATE)) {
      assertThat(warehouse.deltaTable(table).history().where("operation = 'MERGE'").count())
          .as(table.name()).isEqualTo(2);
    }
    // The second run had nothing new to quarantine: an insert-only MERGE that inserts nothing commits nothing.
    assertThat(warehouse.deltaTable(Tables.QUARANTINE).history().where("operation = 'MERGE'").count()).isEqualTo(1);
  }

  /** Writes a file as a dump written some minutes ago leaves it. */
  void writeSettled(String relative, String content, int minutesAgo) throws IOException {
    write(relative, content);
    Files.setLastModifiedTime(input.resolve(relative),
        FileTime.from(Instant.now().minus(Duration.ofMinutes(minutesAgo))));
  }

  @Test
  void aNightReadsOnlyFilesThatAreNewOrChangedSinceTheyWereRead() throws IOException {
    writeSettled("gmail/" + MAYA + "/m1.json", message("m1", 5, "first"), 60);
    writeSettled("gmail/" + MAYA + "/m2.jsonl", message("m2", 5, "x").replace("\n", " ") + "\n{broken\n", 60);
    writeSettled("calendar/" + MAYA + "/events.json",
        "{\"items\": [" + event("e1", "2026-06-01T00:00:00Z", "Sync") + "]}", 60);
    // Still being written: its time is at or after the ingest's start, so it is read every time until settled.
    writeSettled("gmail/" + MAYA + "/fresh.json", message("m3", 5, "being written"), -10);
    FilesIngest.Report first = ingest();
    assertThat(first.sources()).allSatisfy(s -> assertThat(s.unchanged()).isZero());
    List<String> states = rows("SELECT source, resources_seen, quarantined FROM bronze.sync_state ORDER BY source")
        .stream().map(Row::toString).toList();
    assertThat(rows("SELECT source, ref, resources FROM bronze.ingested_files ORDER BY ref").stream()
        .map(Row::toString)).as("whole, settled files only: not one with a quarantined line, not one just written")
        .containsExactly("[calendar,calendar/maya@helio.app/events.json,1]", "[gmail,gmail/maya@helio.app/m1.json,1]");

    FilesIngest.Report second = ingest();

    FilesIngest.SourceReport gmail = second.sources().get(0);
    assertThat(gmail.source()).isEqualTo("gmail");
    assertThat(gmail.files()).isEqualTo(3);
    assertThat(gmail.unchanged()).isEqualTo(1);
    assertThat(gmail.resources()).as("m2's good line and the fresh file, read again").isEqualTo(2);
    assertThat(gmail.quarantined()).as("m2's broken line, read again, still one quarantine row").isEqualTo(1);
    assertThat(second.sources().get(1).unchanged()).isEqualTo(1);
    assertThat(second.sources().get(1).resources()).isZero();
    assertThat(rows("SELECT source, resources_seen, quarantined FROM bronze.sync_state ORDER BY source")
        .stream().map(Row::toString).toList()).as("the input's resources, read or skipped").isEqualTo(states);
    assertThat(rows("SELECT count(*) FROM bronze.quarantine").get(0).getLong(0)).isEqualTo(1);

    // A file rewritten in place (same size: only its time tells) is read again and its newer copy lands.
    writeSettled("gmail/" + MAYA + "/m1.json", message("m1", 7, "newer"), 30);
    FilesIngest.Report third = ingest();
    assertThat(third.sources().get(0).unchanged()).isZero();
    assertThat(third.sources().get(0).landed().updated()).isEqualTo(1);
    assertThat(rows("SELECT subject_header FROM bronze.gmail_messages WHERE id = 'm1'").get(0).getString(0))
        .isEqualTo("newer");
    assertThat(rows("SELECT count(*) FROM bronze.gmail_messages").get(0).getLong(0)).isEqualTo(3);
  }

  @Test
  void aNewerCopyReplacesAnOlderOneButNotTheOtherWayRound() throws IOException {
    write("gmail/" + MAYA + "/m.json", message("m1", 5, "first"));
    ingest();
    write("gmail/" + MAYA + "/m.json", message("m1", 7, "newer"));
    ingest();
    assertThat(rows("SELECT subject_header, history_id FROM bronze.gmail_messages").get(0).getString(0))
        .isEqualTo("newer");

    write("gmail/" + MAYA + "/m.json", message("m1", 6, "older"));
    ingest();
    assertThat(rows("SELECT subject_header FROM bronze.gmail_messages").get(0).getString(0)).isEqualTo("newer");

    write("calendar/" + MAYA + "/e.json", event("e1", "2026-06-01T00:00:00Z", "Old title"));
    ingest();
    write("calendar/" + MAYA + "/e.json", event("e1", "2026-06-02T00:00:00Z", "New title"));
    ingest();
    assertThat(rows("SELECT summary FROM bronze.calendar_events").get(0).getString(0)).isEqualTo("New title");
  }

  static String event(String id, String updated, String summary) {
    return """
        {"kind": "calendar#event", "id": "%s", "status": "confirmed", "iCalUID": "%s@google.com",
         "updated": "%s", "summary": "%s", "organizer": {"email": "Maya@Helio.app"},
         "start": {"dateTime": "2026-06-20T12:00:00+02:00"}, "end": {"dateTime": "2026-06-20T13:00:00+02:00"},
         "attendees": [{"email": "maya@helio.app", "responseStatus": "accepted", "organizer": true},
                       {"email": "Wes@Umbrella.com", "responseStatus": "declined"},
                       {"email": "room-1@resource.calendar.google.com", "resource": true, "responseStatus": "accepted"}]}
        """.formatted(id, id, updated, summary);
  }

  @Test
  void landsCalendarEventsWithInstantsAndAttendees() throws IOException {
    write("calendar/" + MAYA + "/events.json", """
        {"kind": "calendar#events", "timeZone": "America/New_York", "items": [
          %s,
          {"id": "allday", "status": "confirmed", "iCalUID": "d@google.com", "updated": "2026-06-01T00:00:00Z",
           "summary": "Offsite", "start": {"date": "2026-06-22"}, "end": {"date": "2026-06-23"}, "eventType": "outOfOffice"},
          {"id": "zoned", "status": "confirmed", "iCalUID": "z@google.com", "updated": "2026-06-01T00:00:00Z",
           "start": {"dateTime": "2026-06-22T09:00:00", "timeZone": "Europe/Berlin"},
           "end": {"dateTime": "2026-06-22T10:00:00"}},
          {"id": "weekly_20260624T100000Z", "status": "cancelled", "recurringEventId": "weekly",
           "originalStartTime": {"dateTime": "2026-06-24T10:00:00Z"}}
        ]}
        """.formatted(event("e1", "2026-06-01T00:00:00Z", "Sync")));

    ingest();

    List<Row> rows = rows("SELECT id, calendar_id, start_at, end_at, all_day, event_type, organizer_email,"
        + " attendees, original_start_at, status FROM bronze.calendar_events ORDER BY id");
    assertThat(rows).hasSize(4);
    Row allDay = rows.get(0);
    assertThat(allDay.getString(0)).isEqualTo("allday");
    assertThat(((Timestamp) allDay.get(2)).toInstant().toString()).isEqualTo("2026-06-22T00:00:00Z");
    assertThat(allDay.getBoolean(4)).isTrue();
    assertThat(allDay.getString(5)).isEqualTo("outOfOffice");
    Row e1 = rows.get(1);
    assertThat(e1.getString(1)).isEqualTo("primary");
    assertThat(((Timestamp) e1.get(2)).toInstant().toString()).isEqualTo("2026-06-20T10:00:00Z");
    assertThat(e1.getString(5)).isEqualTo("default");
    assertThat(e1.getString(6)).isEqualTo("maya@helio.app");
    List<Row> attendees = e1.getList(7);
    assertThat(attendees).extracting(a -> a.getString(0) + " " + a.getString(1) + " " + a.getBoolean(2))
        .containsExactly("maya@helio.app accepted false", "wes@umbrella.com declined false",
            "room-1@resource.calendar.google.com accepted true");
    Row cancelled = rows.get(2);
    assertThat(cancelled.getString(9)).isEqualTo("cancelled");
    assertThat(((Timestamp) cancelled.get(8)).toInstant().toString()).isEqualTo("2026-06-24T10:00:00Z");
    Row zoned = rows.get(3);
    assertThat(((Timestamp) zoned.get(2)).toInstant().toString()).as("the event's own time zone")
        .isEqualTo("2026-06-22T07:00:00Z");
    assertThat(((Timestamp) zoned.get(3)).toInstant().toString()).as("else the calendar's time zone")
        .isEqualTo("2026-06-22T14:00:00Z");
  }

  @Test
  void aMissingInputFolderIsAClearError() {
    assertThatThrownBy(() -> new FilesIngest(warehouse, RunContext.start()).ingest(input.resolve("nope").toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("input folder not found:");
  }
}
