package dev.interactions.ingest.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ResourceFileReader} on every input shape of the files source (SPEC.md "Command-line
 * contract", files-source layout): what it reports as resources (with their line and the page's
 * time zone) and what as problems, and that reading goes on after a bad line.
 */
class ResourceFileReaderShapesTest {
  static final String GMAIL_MESSAGE = """
      {
        "id": "18c2a5f3b9e4d7a1",
        "threadId": "18c2a5f3b9e4d7a1",
        "labelIds": ["INBOX", "UNREAD"],
        "snippet": "Hi Maya",
        "historyId": "4829103",
        "internalDate": "1781078400000",
        "payload": {"mimeType": "text/plain", "headers": [
          {"name": "From", "value": "Wes Carter <wes@umbrella.com>"},
          {"name": "To", "value": "maya@helio.app"},
          {"name": "Message-ID", "value": "<CAF1@mail.gmail.com>"}]}
      }
      """;

  static final String CALENDAR_EVENT = """
      {
        "kind": "calendar#event",
        "id": "7k3q9v0c1m2n4p5r6s8t",
        "status": "confirmed",
        "iCalUID": "7k3q9v0c1m2n4p5r6s8t@google.com",
        "updated": "2026-06-01T12:00:00.000Z",
        "summary": "Quarterly review",
        "start": {"dateTime": "2026-06-15T10:00:00+02:00", "timeZone": "Europe/Berlin"},
        "end": {"dateTime": "2026-06-15T11:00:00+02:00", "timeZone": "Europe/Berlin"}
      }
      """;

  record Got(String kind, int line, String id, String timeZone, String reason, String raw) {
    @Override
    public String toString() {
      return kind + "@" + line + (id == null ? "" : " " + id) + (timeZone == null ? "" : " tz=" + timeZone)
          + (reason == null ? "" : " " + reason);
    }
  }

  static final class Recorder implements ResourceFileReader.Sink {
    final List<Got> got = new ArrayList<>();
    final List<JsonNode> resources = new ArrayList<>();

    @Override
    public void resource(JsonNode resource, int line, String pageTimeZone) {
      resources.add(resource);
      got.add(new Got("resource", line, resource.isObject() ? resource.path("id").asText(null) : resource.toString(),
          pageTimeZone, null, null));
    }

    @Override
    public void problem(int line, String reason, String raw) {
      got.add(new Got("problem", line, null, null, reason, raw));
    }
  }

  static Recorder read(String listField, String fileName, String content) throws IOException {
    Recorder r = new Recorder();
    new ResourceFileReader(listField).read(fileName,
        new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), r);
    return r;
  }

  static List<String> lines(Recorder r) {
    return r.got.stream().map(Got::toString).toList();
  }

  @Test
  void fileNames() {
    assertThat(ResourceFileReader.isResourceFile("a.json")).isTrue();
    assertThat(ResourceFileReader.isResourceFile("a.jsonl")).isTrue();
    assertThat(ResourceFileReader.isResourceFile("a.ndjson")).isTrue();
    assertThat(ResourceFileReader.isResourceFile("a.json.gz")).isFalse();
    assertThat(ResourceFileReader.isResourceFile("notes.txt")).isFalse();
    assertThat(ResourceFileReader.isLineDelimited("a.json")).isFalse();
    assertThat(ResourceFileReader.isLineDelimited("a.jsonl")).isTrue();
    assertThat(ResourceFileReader.isLineDelimited("a.ndjson")).isTrue();
  }

  @Test
  void aJsonFileWithOneGmailMessage() throws IOException {
    Recorder r = read("messages", "m.json", GMAIL_MESSAGE);
    assertThat(lines(r)).containsExactly("resource@1 18c2a5f3b9e4d7a1");
    JsonNode m = r.resources.get(0);
    assertThat(m.path("internalDate").asText()).isEqualTo("1781078400000");
    assertThat(m.path("payload").path("headers")).hasSize(3);
    assertThat(m.path("labelIds").get(1).asText()).isEqualTo("UNREAD");
  }

  @Test
  void aJsonFileWithOneCalendarEvent() throws IOException {
    Recorder r = read("items", "e.json", CALENDAR_EVENT);
    assertThat(lines(r)).containsExactly("resource@1 7k3q9v0c1m2n4p5r6s8t");
    assertThat(r.resources.get(0).path("start").path("timeZone").asText()).isEqualTo("Europe/Berlin");
  }

  @Test
  void aGmailListPageGivesEachMessageWithItsLine() throws IOException {
    Recorder r = read("messages", "page.json", """
        {
          "messages": [
            {"id": "m1", "threadId": "t1", "historyId": "10", "internalDate": "1781078400000"},
            {"id": "m2", "threadId": "t1",
             "historyId": "11", "internalDate": "1781078460000"}
          ],
          "nextPageToken": "08123",
          "resultSizeEstimate": 2
        }
        """);
    assertThat(lines(r)).containsExactly("resource@3 m1", "resource@4 m2");
  }

  @Test
  void aCalendarListPageGivesItsTimeZoneToEveryEvent() throws IOException {
    Recorder r = read("items", "page.json", """
        {
          "kind": "calendar#events",
          "summary": "maya@helio.app",
          "updated": "2026-06-01T12:00:00.000Z",
          "timeZone": "Europe/Berlin",
          "accessRole": "owner",
          "nextSyncToken": "CPDAlvWDx70CEPDAlvWDx70CGAU=",
          "items": [
            {"kind": "calendar#event", "id": "e1", "start": {"dateTime": "2026-06-15T10:00:00"}},

            {"kind": "calendar#event", "id": "e2", "start": {"date": "2026-06-16"}}
          ]
        }
        """);
    assertThat(lines(r)).containsExactly("resource@9 e1 tz=Europe/Berlin", "resource@11 e2 tz=Europe/Berlin");
  }

  @Test
  void thePageTimeZoneCountsWhereverItStandsInThePage() throws IOException {
    // JSON members have no order: a page written with sorted keys has "items" before "timeZone".
    assertThat(lines(read("items", "page.json", """
        {"items": [{"id": "e1", "start": {"dateTime": "2026-06-15T10:00:00"}}],
         "kind": "calendar#events", "timeZone": "America/New_York"}
        """))).containsExactly("resource@1 e1 tz=America/New_York");
  }

  @Test
  void aListPageWithoutTimeZoneAndAnEmptyPage() throws IOException {
    assertThat(lines(read("items", "page.json", "{\"kind\": \"calendar#events\", \"items\": [{\"id\": \"e1\"}]}")))
        .containsExactly("resource@1 e1");
    assertThat(lines(read("items", "page.json", "{\"kind\": \"calendar#events\", \"items\": []}"))).isEmpty();
    assertThat(lines(read("messages", "page.json", "{\"messages\": [], \"resultSizeEstimate\": 0}"))).isEmpty();
  }

  @Test
  void theOtherSourcesListFieldIsJustAField() throws IOException {
    // A Gmail reader does not treat a Calendar page's "items" as a list: the page is one resource.
    assertThat(lines(read("messages", "x.json", "{\"id\": \"p\", \"items\": [{\"id\": \"e1\"}]}")))
        .containsExactly("resource@1 p");
  }

  @Test
  void aBareArrayOfResources() throws IOException {
    assertThat(lines(read("messages", "a.json", "[\n  {\"id\": \"m1\"},\n  {\"id\": \"m2\"}\n]\n")))
        .containsExactly("resource@2 m1", "resource@3 m2");
  }

  @Test
  void lineDelimitedFilesGiveOneResourceALineSkippingBlankLines() throws IOException {
    String content = "{\"id\": \"m1\", \"historyId\": \"1\"}\n"
        + "\n"
        + "   \t\n"
        + "{\"id\": \"m2\", \"historyId\": \"2\"}\r\n"
        + "{\"id\": \"m3\", \"historyId\": \"3\"}";
    assertThat(lines(read("messages", "a.jsonl", content)))
        .containsExactly("resource@1 m1", "resource@4 m2", "resource@5 m3");
    assertThat(lines(read("items", "a.ndjson", content)))
        .containsExactly("resource@1 m1", "resource@4 m2", "resource@5 m3");
    assertThat(lines(read("messages", "empty.jsonl", ""))).isEmpty();
  }

  @Test
  void aBadLineIsAProblemAndTheOtherLinesStillRead() throws IOException {
    Recorder r = read("messages", "a.jsonl", """
        {"id": "m1"}
        {"id": "m2", "threadId":
        not json at all
        {"id": "m4"}
        {"id": "m5", "threadId": "t5"
        """);
    assertThat(r.got).extracting(Got::kind, Got::line, Got::id)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("resource", 1, "m1"),
            org.assertj.core.groups.Tuple.tuple("problem", 2, null),
            org.assertj.core.groups.Tuple.tuple("problem", 3, null),
            org.assertj.core.groups.Tuple.tuple("resource", 4, "m4"),
            org.assertj.core.groups.Tuple.tuple("problem", 5, null));
    assertThat(r.got.get(1).reason()).startsWith("invalid JSON: ").doesNotContain("\n");
    assertThat(r.got.get(1).raw()).isEqualTo("{\"id\": \"m2\", \"threadId\":");
    assertThat(r.got.get(2).raw()).isEqualTo("not json at all");
    assertThat(r.got.get(4).raw()).isEqualTo("{\"id\": \"m5\", \"threadId\": \"t5\"");
  }

  @Test
  void aLineWithTwoValuesOrTrailingGarbageIsNotValidJson() throws IOException {
    // Reading only the first value would silently drop the second resource of the line.
    Recorder r = read("messages", "a.jsonl", """
        {"id": "m1"}{"id": "m2"}
        {"id": "m3"} trailing
        {"id": "m4"}
        """);
    assertThat(r.got).extracting(Got::kind, Got::line)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("problem", 1),
            org.assertj.core.groups.Tuple.tuple("problem", 2),
            org.assertj.core.groups.Tuple.tuple("resource", 3));
    assertThat(r.got.get(0).reason()).startsWith("invalid JSON: ");
  }

  @Test
  void nonObjectJson() throws IOException {
    // In a .json file: the file is the problem.
    assertThat(lines(read("messages", "n.json", "42"))).containsExactly("problem@1 not a JSON object or array");
    assertThat(lines(read("messages", "s.json", "\"just a string\""))).containsExactly(
        "problem@1 not a JSON object or array");
    assertThat(read("messages", "s.json", "\"just a string\"").got.get(0).raw()).isEqualTo("\"just a string\"");
    // In a line-delimited file a valid non-object line is handed on: the resource parser rejects it.
    assertThat(lines(read("messages", "a.jsonl", "42\n[1, 2]\n{\"id\": \"m3\"}\n")))
        .containsExactly("resource@1 42", "resource@2 [1,2]", "resource@3 m3");
  }

  @Test
  void emptyJsonFile() throws IOException {
    assertThat(lines(read("messages", "e.json", ""))).containsExactly("problem@1 empty file");
    assertThat(lines(read("messages", "e.json", "  \n\n "))).containsExactly("problem@1 empty file");
  }

  @Test
  void aTruncatedJsonFile() throws IOException {
    String truncated = GMAIL_MESSAGE.substring(0, GMAIL_MESSAGE.indexOf("\"payload\""));
    Recorder r = read("messages", "t.json", truncated);
    assertThat(r.got).hasSize(1);
    assertThat(r.got.get(0).kind()).isEqualTo("problem");
    assertThat(r.got.get(0).reason()).startsWith("invalid JSON: ");
    assertThat(r.got.get(0).raw()).isEqualTo(truncated);
    assertThat(r.got.get(0).line()).as("where the input stops").isEqualTo(8);
  }

  @Test
  void aTruncatedListPageKeepsTheCompleteItemsBeforeTheCut() throws IOException {
    Recorder r = read("items", "page.json", """
        {"kind": "calendar#events", "timeZone": "UTC", "items": [
          {"id": "e1", "status": "confirmed"},
          {"id": "e2", "status": "confirmed"},
          {"id": "e3", "sta""");
    assertThat(r.got).extracting(Got::kind, Got::line, Got::id)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("resource", 2, "e1"),
            org.assertj.core.groups.Tuple.tuple("resource", 3, "e2"),
            org.assertj.core.groups.Tuple.tuple("problem", 4, null));
    assertThat(r.got).filteredOn(g -> g.kind().equals("problem")).singleElement()
        .satisfies(g -> assertThat(g.reason()).startsWith("invalid JSON: "));
  }

  @Test
  void contentAfterTheDocumentIsAProblem() throws IOException {
    Recorder r = read("messages", "two.json", "{\"id\": \"m1\"}\n{\"id\": \"m2\"}\n");
    assertThat(r.got).extracting(Got::kind).contains("problem");
    assertThat(r.got.stream().filter(g -> g.kind().equals("problem")).findFirst().orElseThrow().reason())
        .contains("unexpected content after the JSON value");
  }

  @Test
  void longBadInputIsTruncatedForTheQuarantine() throws IOException {
    String longLine = "{\"id\": \"m1\", \"snippet\": \"" + "x".repeat(5000);
    Recorder r = read("messages", "a.jsonl", longLine + "\n");
    assertThat(r.got.get(0).raw()).hasSize(ResourceFileReader.RAW_LIMIT).isEqualTo(longLine.substring(0, 2000));
    assertThat(ResourceFileReader.truncate(null)).isNull();
    assertThat(ResourceFileReader.truncate("short")).isEqualTo("short");
  }
}
