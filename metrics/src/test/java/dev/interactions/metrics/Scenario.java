package dev.interactions.metrics;

import dev.interactions.core.RunContext;
import dev.interactions.core.Settings;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.ingest.files.FilesIngest;
import dev.interactions.testkit.SharedSpark;
import dev.interactions.transform.TransformJob;
import dev.interactions.transform.reference.ReferenceCsv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** A small hand-made case: reference CSVs, Gmail and Calendar JSON, then ingest and transform. */
final class Scenario {
  final Path dir;
  private int counter;

  Scenario() {
    try {
      dir = Files.createTempDirectory("scenario");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    write("reference/team_members.csv", "team_member_id,email,aliases\nt1,maya@helio.app,\nt2,omar@helio.app,\n");
    write("reference/users.csv", "user_id,email,customer_id\np1,wes@umbrella.com,k1\np2,lena@stark.io,k2\n"
        + "p3,raj@umbrella.com,k1\n");
    write("reference/customers.csv", "customer_id,name,domains\nk1,Umbrella,umbrella.com\nk2,Stark,stark.io\n");
  }

  void write(String relative, String content) {
    try {
      Path p = dir.resolve(relative);
      Files.createDirectories(p.getParent());
      Files.writeString(p, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One email in a mailbox, as a Gmail API Message resource. */
  Scenario email(String mailbox, String at, String from, String to, String cc, String subject) {
    int n = ++counter;
    String headers = "{\"name\": \"From\", \"value\": \"" + from + "\"}, {\"name\": \"To\", \"value\": \"" + to + "\"}"
        + (cc == null ? "" : ", {\"name\": \"Cc\", \"value\": \"" + cc + "\"}")
        + ", {\"name\": \"Subject\", \"value\": \"" + subject + "\"}"
        + ", {\"name\": \"Message-ID\", \"value\": \"<m" + n + "@mail.example>\"}";
    write("input/gmail/" + mailbox + "/m" + n + ".json", """
        {"id": "%016x", "threadId": "t%d", "labelIds": ["INBOX"], "snippet": "...", "historyId": "%d",
         "internalDate": "%d", "payload": {"mimeType": "text/plain", "headers": [%s]}}
        """.formatted(n, n, n, Instant.parse(at).toEpochMilli(), headers));
    return this;
  }

  /** One meeting in a calendar, as a Calendar API Event resource. */
  Scenario meeting(String mailbox, String start, String organizer, String... attendees) {
    int n = ++counter;
    StringBuilder list = new StringBuilder();
    for (String a : attendees) {
      list.append(list.isEmpty() ? "" : ", ").append("{\"email\": \"").append(a).append("\", \"responseStatus\": \"accepted\"}");
    }
    Instant s = Instant.parse(start);
    write("input/calendar/" + mailbox + "/e" + n + ".json", """
        {"kind": "calendar#event", "id": "e%d", "status": "confirmed", "iCalUID": "e%d@google.com",
         "updated": "2026-01-01T00:00:00Z", "summary": "Meeting %d", "organizer": {"email": "%s"},
         "start": {"dateTime": "%s"}, "end": {"dateTime": "%s"}, "attendees": [%s]}
        """.formatted(n, n, n, organizer, s, s.plusSeconds(3600), list));
    return this;
  }

  /** Ingests and transforms into a new warehouse. */
  Warehouse build(Settings settings) {
    Warehouse wh = new Warehouse(SharedSpark.spark(), SharedSpark.newWarehouse());
    new FilesIngest(wh, RunContext.start()).ingest(dir.resolve("input").toString());
    new TransformJob(wh, RunContext.start()).run(
        ReferenceCsv.load(dir.resolve("reference").toString(), wh.spark().sparkContext().hadoopConfiguration()),
        settings, "test");
    return wh;
  }

  static Warehouse metrics(Warehouse wh, String asOf, Integer... windows) {
    new MetricsJob(wh, RunContext.start()).run(Instant.parse(asOf), List.of(windows), false);
    wh.register();
    return wh;
  }
}
