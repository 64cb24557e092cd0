package dev.interactions.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Input files in the files-source layout: a few good Gmail Messages and Calendar Events between
 * the team and known contacts, and hostile files whose records only involve strangers or the
 * team, so that whatever of them lands never changes the good records' results. Each hostile
 * file is written with the records it holds and how many of them must land.
 */
final class HostileCorpus {
  static final String MAYA = "maya@helio.app";
  static final String OMAR = "omar@helio.app";
  static final String GMAIL = "gmail/" + MAYA + "/";
  static final String CALENDAR = "calendar/" + MAYA + "/";

  /** What one hostile file holds: its records, and how many of them land (the rest are quarantined). */
  record Expected(int records, int landed) {}

  final Map<String, Expected> hostile = new LinkedHashMap<>();

  static void write(Path file, byte[] content) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path file, String content) {
    write(file, content.getBytes(StandardCharsets.UTF_8));
  }

  /** A JSON string literal: control characters (CR, LF, NUL, ...) escaped, everything else as is. */
  static String q(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  /** A Gmail Message resource on one line. */
  static String message(String id, long historyId, String at, String from, String to, String subject, String extra) {
    return ("{\"id\": " + q(id) + ", \"threadId\": " + q("t-" + id) + ", \"labelIds\": [\"INBOX\"],"
        + " \"snippet\": \"...\", \"historyId\": \"" + historyId + "\", \"internalDate\": \""
        + java.time.Instant.parse(at).toEpochMilli() + "\", \"payload\": {\"mimeType\": \"text/plain\", \"headers\": ["
        + "{\"name\": \"From\", \"value\": " + q(from) + "}, {\"name\": \"To\", \"value\": " + q(to) + "},"
        + " {\"name\": \"Subject\", \"value\": " + q(subject) + "},"
        + " {\"name\": \"Message-ID\", \"value\": " + q("<" + id + "@mail.example>") + "}" + extra + "]}}");
  }

  /** A Calendar Event resource on one line. */
  static String event(String id, String start, String organizer, String... attendees) {
    StringBuilder list = new StringBuilder();
    for (String a : attendees) {
      list.append(list.isEmpty() ? "" : ", ").append("{\"email\": ").append(q(a))
          .append(", \"responseStatus\": \"accepted\"}");
    }
    java.time.Instant s = java.time.Instant.parse(start);
    return "{\"kind\": \"calendar#event\", \"id\": " + q(id) + ", \"status\": \"confirmed\", \"iCalUID\": "
        + q(id + "@google.com") + ", \"updated\": \"2026-06-01T00:00:00Z\", \"summary\": \"Meeting " + id + "\","
        + " \"organizer\": {\"email\": " + q(organizer) + "}, \"start\": {\"dateTime\": \"" + s + "\"},"
        + " \"end\": {\"dateTime\": \"" + s.plusSeconds(3600) + "\"}, \"attendees\": [" + list + "]}";
  }

  /** Reference data with untidy rows: users without (usable) email, a customer without domains. */
  static void reference(Path dir) {
    write(dir.resolve("team_members.csv"), "team_member_id,email,aliases\nt1,maya@helio.app,\nt2,omar@helio.app,\n");
    write(dir.resolve("users.csv"), "user_id,email,customer_id\np1, \"Wes@Umbrella.com\" ,k1\np2,lena@stark.io,k2\n"
        + "p3,,k1\np4,Raj at Umbrella,k1\n");
    write(dir.resolve("customers.csv"), "customer_id,name,domains\nk1,Umbrella,umbrella.com\nk2,Stark,stark.io\n"
        + "k3,Nameless,\n");
  }

  /** The good records: emails and meetings with known contacts, in two mailboxes. */
  static void good(Path input) {
    write(input.resolve(GMAIL + "good.jsonl"), String.join("\n",
        message("g1", 1, "2026-06-10T09:00:00Z", "Wes <wes@umbrella.com>", MAYA, "Renewal", ""),
        message("g2", 2, "2026-06-11T09:00:00Z", MAYA, "wes@umbrella.com", "Re: Renewal",
            ", {\"name\": \"In-Reply-To\", \"value\": \"<g1@mail.example>\"}"),
        message("g3", 3, "2026-06-12T09:00:00Z", MAYA, OMAR, "Internal only", "")) + "\n");
    write(input.resolve("gmail/" + OMAR + "/good.json"),
        message("g4", 1, "2026-06-15T09:00:00Z", "lena@stark.io", OMAR, "Question", ""));
    write(input.resolve(CALENDAR + "good.json"), "{\"kind\": \"calendar#events\", \"timeZone\": \"Europe/Berlin\","
        + " \"items\": [" + event("ev1", "2026-06-20T10:00:00Z", MAYA, MAYA, "wes@umbrella.com") + "]}");
  }

  void add(Path input, String relative, byte[] content, int records, int landed) {
    write(input.resolve(relative), content);
    hostile.put(relative, new Expected(records, landed));
  }

  void add(Path input, String relative, String content, int records, int landed) {
    add(input, relative, content.getBytes(StandardCharsets.UTF_8), records, landed);
  }

  static final String STRANGER = "stranger@nowhere.example";

  static String stranger(String id, String subject, String extraHeaders) {
    return message(id, 1, "2026-06-05T09:00:00Z", STRANGER, MAYA, subject, extraHeaders);
  }

  /** Every hostile file of the corpus, beside the good ones. */
  void hostile(Path input) {
    add(input, GMAIL + "truncated.json", "{\"id\": \"h-trunc\", \"payload\": {\"headers\": [", 1, 0);
    add(input, GMAIL + "empty.json", "", 1, 0);
    add(input, GMAIL + "empty.jsonl", "", 0, 0);
    add(input, GMAIL + "not-an-object.json", "\"just a string\"", 1, 0);
    add(input, GMAIL + "null-page.json", "{\"messages\": null, \"resultSizeEstimate\": 0}", 0, 0);
    add(input, GMAIL + "missing-page.json", "{\"resultSizeEstimate\": 0}", 0, 0);
    add(input, GMAIL + "bad-page.json", "{\"messages\": \"none\"}", 1, 0);
    add(input, GMAIL + "page-with-bad-items.json", "{\"messages\": [\n" + stranger("h-page-ok", "ok", "")
        + ",\n{\"id\": 3},\n\"text\",\nnull]}", 4, 1);

    List<String> lines = new ArrayList<>(List.of(
        "[1, 2]", "42", "{\"threadId\": \"no-id\"}", "{\"id\": 42}", "{\"id\": \"\"}", "{\"id\": null}",
        "{\"id\": [\"h-array\"]}",
        "{\"id\": \"h-nulls\", \"threadId\": null, \"labelIds\": null, \"payload\": null, \"internalDate\": null,"
            + " \"historyId\": null, \"snippet\": null}",
        "{\"id\": \"h-wrong-types\", \"threadId\": {\"a\": 1}, \"labelIds\": \"INBOX\", \"payload\": \"x\", \"snippet\": 5}",
        "{\"id\": \"h-headers-object\", \"payload\": {\"headers\": {\"name\": \"From\", \"value\": \"x\"}}}",
        "{\"id\": \"h-header-items\", \"payload\": {\"headers\": [null, 5, \"From: x\", {\"name\": null, \"value\": \"a\"},"
            + " {\"name\": \"From\", \"value\": null}, {\"name\": 5, \"value\": \"x\"}, {\"name\": \"Subject\","
            + " \"value\": {\"x\": 1}}, {\"name\": \"To\", \"value\": \"" + STRANGER + "\"}]}}",
        "{\"id\": \"h-labels\", \"labelIds\": [null, 5, \"DRAFT\", {\"a\": 1}]}",
        "{\"id\": \"h-date-text\", \"internalDate\": \"yesterday\"}",
        "{\"id\": \"h-year-10000\", \"internalDate\": \"253402300800000\"}",
        "{\"id\": \"h-negative\", \"internalDate\": \"-1000\"}",
        "{\"id\": \"h-fractional\", \"internalDate\": \"1781078400000.5\"}",
        "{\"id\": \"h-history\", \"historyId\": \"xyz\"}",
        stranger("h-crlf", "hi\r\nX-Injected: yes\n\nbody",
            ", {\"name\": \"Cc\", \"value\": \"a@nowhere.example\\r\\nBcc: b@nowhere.example\"}"),
        message("h-group", 1, "2026-06-05T09:00:00Z", "Team: a@nowhere.example, b@nowhere.example;",
            "undisclosed-recipients:;", "group", ""),
        stranger("h-nul-bidi", "nul \u0000 bidi \u202Eevil\u202C", ""),
        stranger("h-rfc2047", "=?utf-8?Q?broken =?x-unknown?B?SGVsbG8=?= =?utf-8?B?!!!?=", ""),
        message("h-dup", 5, "2026-06-05T09:00:00Z", STRANGER, MAYA, "older copy", ""),
        message("h-dup", 7, "2026-06-05T09:00:00Z", STRANGER, MAYA, "newer copy", ""),
        "{\"id\": \"h-open\", \"payload\": {",
        stranger("h-after-open", "after the unclosed line", "")));
    add(input, GMAIL + "odd.jsonl", String.join("\n", lines) + "\n", lines.size(), 11);

    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      many.append(i == 0 ? "" : ", ").append("r").append(i).append("@bulk.example");
    }
    add(input, GMAIL + "recipients.json", message("h-10000", 1, "2026-06-05T09:00:00Z", STRANGER, many.toString(),
        "many", ""), 1, 1);
    add(input, GMAIL + "big-header.json", stranger("h-1mb", "x".repeat(1 << 20), ""), 1, 1);
    add(input, GMAIL + "big-line.jsonl", stranger("h-5mb", "big body",
        ", {\"name\": \"X-Padding\", \"value\": \"" + "y".repeat(5 << 20) + "\"}") + "\n", 1, 1);
    StringBuilder nested = new StringBuilder("{\"mimeType\": \"text/plain\"}");
    for (int i = 0; i < 400; i++) {
      nested.insert(0, "{\"mimeType\": \"multipart/mixed\", \"parts\": [").append("]}");
    }
    add(input, GMAIL + "nested.json", stranger("h-nested", "deep", "").replace("\"payload\": {",
        "\"payload\": {\"parts\": [" + nested + "], "), 1, 1);
    byte[] badUtf8 = stranger("h-bad-utf8", "bad \u00e9 byte", "").getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i + 1 < badUtf8.length; i++) {
      if ((badUtf8[i] & 0xFF) == 0xC3) {
        badUtf8[i + 1] = '(';
      }
    }
    add(input, GMAIL + "invalid-utf8.jsonl", badUtf8, 1, 1);
    add(input, GMAIL + "utf16.json", ("\uFEFF" + stranger("h-utf16", "utf-16", "")).getBytes(StandardCharsets.UTF_16LE),
        1, 1);
    add(input, GMAIL + "bom.jsonl", "\uFEFF" + stranger("h-bom", "bom", "") + "\n\n  \n", 1, 1);

    String page = "{\"kind\": \"calendar#events\", \"timeZone\": \"Mars/Olympus_Mons\", \"items\": [\n"
        + event("c-offset", "2026-06-05T10:00:00Z", MAYA, MAYA, STRANGER) + ",\n"
        + "{\"id\": \"c-local\", \"start\": {\"dateTime\": \"2026-06-05T10:00:00\"}},\n"
        + "{\"id\": \"c-own-zone\", \"start\": {\"dateTime\": \"2026-06-05T10:00:00\", \"timeZone\": \"Europe/Berlin\"}},\n"
        + "{\"id\": \"c-all-day\", \"start\": {\"date\": \"2026-06-05\"}, \"end\": {\"date\": \"2026-06-06\"}}]}";
    add(input, CALENDAR + "unknown-zone.json", page, 4, 3);
    List<String> events = List.of(
        "{\"id\": \"c-no-type\", \"organizer\": {\"email\": \"" + MAYA + "\"}, \"start\": {\"dateTime\": \"2026-06-05T10:00:00Z\"}}",
        "{\"id\": \"c-null-type\", \"eventType\": null, \"start\": {\"dateTime\": \"2026-06-05T10:00:00Z\"}}",
        "{\"id\": \"c-number-type\", \"eventType\": 5}",
        "{\"id\": \"c-organizer-text\", \"organizer\": \"maya\"}",
        "{\"id\": \"c-organizer-number\", \"organizer\": {\"email\": 5}}",
        "{\"id\": \"c-attendees-null\", \"attendees\": null}",
        "{\"id\": \"c-attendees-text\", \"attendees\": \"x\"}",
        "{\"id\": \"c-attendees-object\", \"attendees\": {\"email\": \"" + STRANGER + "\"}}",
        "{\"id\": \"c-attendee-items\", \"attendees\": [null, 5, {\"email\": null}, {\"email\": 5}, {\"responseStatus\": 1}]}",
        "{\"id\": \"c-no-start\", \"summary\": \"no start\"}",
        "{\"id\": \"c-empty-start\", \"start\": {}, \"end\": {}}",
        "{\"id\": \"c-start-text\", \"start\": \"tomorrow\"}",
        "{\"id\": \"c-backwards\", \"organizer\": {\"email\": \"" + MAYA + "\"}, \"start\": {\"dateTime\":"
            + " \"2026-06-06T10:00:00Z\"}, \"end\": {\"dateTime\": \"2026-06-05T10:00:00Z\"}}",
        "{\"id\": \"c-year-10000\", \"start\": {\"date\": \"+10000-01-01\"}}",
        "{\"id\": \"c-year-10000-time\", \"start\": {\"dateTime\": \"10000-01-01T00:00:00Z\"}}",
        "{\"id\": \"c-negative-year\", \"start\": {\"date\": \"-0001-01-01\"}}",
        "{\"id\": \"c-invalid-date\", \"start\": {\"date\": \"2026-02-30\"}}",
        "{\"id\": \"c-own-zone-unknown\", \"start\": {\"dateTime\": \"2026-06-05T10:00:00\", \"timeZone\": \"Nowhere/City\"}}",
        "{\"id\": \"c-updated-text\", \"updated\": \"yesterday\"}",
        "{\"id\": 5}",
        "{\"id\": \"c-dup\", \"updated\": \"2026-06-01T00:00:00Z\", \"summary\": \"older\"}",
        "{\"id\": \"c-dup\", \"updated\": \"2026-06-02T00:00:00Z\", \"summary\": \"newer\"}");
    add(input, CALENDAR + "odd.jsonl", String.join("\n", events) + "\n", events.size(), 14);
  }
}
