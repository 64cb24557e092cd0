package dev.interactions.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link GmailResources} on Gmail API {@code Message} resources as users.messages.get returns them
 * (formats {@code full} and {@code metadata}): ids, historyId and internalDate are JSON strings,
 * headers a list of name/value pairs under {@code payload}.
 */
class GmailResourcesTest {
  static final ObjectMapper MAPPER = new ObjectMapper();

  static JsonNode json(String s) {
    try {
      return MAPPER.readTree(s);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static GmailResources.Message parsed(String s) {
    GmailResources.Parsed p = GmailResources.parse(json(s));
    assertThat(p.problem()).isNull();
    return p.message();
  }

  /** Format full: every header, a MIME tree with its own part headers and base64url bodies. */
  static final String FULL = """
      {
        "id": "18c2a5f3b9e4d7a1",
        "threadId": "18c2a5e01d6f0b22",
        "labelIds": ["IMPORTANT", "CATEGORY_PERSONAL", "INBOX"],
        "snippet": "Hi Maya, thanks for the call &amp; the notes",
        "sizeEstimate": 5123,
        "historyId": "4829103",
        "internalDate": "1781082000123",
        "payload": {
          "partId": "",
          "mimeType": "multipart/alternative",
          "filename": "",
          "headers": [
            {"name": "Delivered-To", "value": "maya@helio.app"},
            {"name": "Received", "value": "by 2002:a05:7300:1234 with SMTP id abc; Wed, 10 Jun 2026 02:00:00 -0700"},
            {"name": "Received", "value": "from mail.umbrella.com (mail.umbrella.com. [203.0.113.5])"},
            {"name": "MIME-Version", "value": "1.0"},
            {"name": "Date", "value": "Wed, 10 Jun 2026 11:00:00 +0200"},
            {"name": "Message-ID", "value": "<CAF=8xq+abc@mail.gmail.com>"},
            {"name": "In-Reply-To", "value": "<kickoff-1@helio.app>"},
            {"name": "References", "value": "<kickoff-0@helio.app> <kickoff-1@helio.app>"},
            {"name": "Subject", "value": "Re: Kickoff"},
            {"name": "From", "value": "Wes Carter <wes@umbrella.com>"},
            {"name": "To", "value": "Maya <maya@helio.app>"},
            {"name": "Cc", "value": "omar@helio.app"},
            {"name": "Content-Type", "value": "multipart/alternative; boundary=\\"000000000000a1b2c3\\""}
          ],
          "body": {"size": 0},
          "parts": [
            {"partId": "0", "mimeType": "text/plain", "filename": "",
             "headers": [{"name": "Content-Type", "value": "text/plain; charset=\\"UTF-8\\""},
                         {"name": "Subject", "value": "a part's own header"}],
             "body": {"size": 42, "data": "SGkgTWF5YSwgdGhhbmtzIGZvciB0aGUgY2FsbA"}},
            {"partId": "1", "mimeType": "text/html", "filename": "",
             "headers": [{"name": "Content-Type", "value": "text/html; charset=\\"UTF-8\\""}],
             "body": {"size": 60, "data": "PGRpdj5IaSBNYXlhPC9kaXY-"}}
          ]
        }
      }
      """;

  @Test
  void aFullFormatMessage() {
    GmailResources.Message m = parsed(FULL);
    assertThat(m.id()).isEqualTo("18c2a5f3b9e4d7a1");
    assertThat(m.threadId()).isEqualTo("18c2a5e01d6f0b22");
    assertThat(m.historyId()).isEqualTo(4829103L);
    assertThat(m.internalDate().toInstant()).as("epoch milliseconds, kept to the millisecond")
        .isEqualTo(Instant.parse("2026-06-10T09:00:00.123Z"));
    assertThat(m.labelIds()).containsExactly("IMPORTANT", "CATEGORY_PERSONAL", "INBOX");
    assertThat(m.snippet()).isEqualTo("Hi Maya, thanks for the call &amp; the notes");
    assertThat(m.header("from")).isEqualTo("Wes Carter <wes@umbrella.com>");
    assertThat(m.header("to")).isEqualTo("Maya <maya@helio.app>");
    assertThat(m.header("cc")).isEqualTo("omar@helio.app");
    assertThat(m.header("bcc")).isNull();
    assertThat(m.header("subject")).as("the message's header, not a part's").isEqualTo("Re: Kickoff");
    assertThat(m.header("message-id")).isEqualTo("<CAF=8xq+abc@mail.gmail.com>");
    assertThat(m.header("in-reply-to")).isEqualTo("<kickoff-1@helio.app>");
    assertThat(m.header("references")).isEqualTo("<kickoff-0@helio.app> <kickoff-1@helio.app>");
    assertThat(m.header("date")).isEqualTo("Wed, 10 Jun 2026 11:00:00 +0200");
    assertThat(m.header("received")).as("a repeated non-address header keeps its first value")
        .startsWith("by 2002:a05:7300:1234");
    assertThat(m.header("content-type")).startsWith("multipart/alternative");
    assertThat(m.headers()).as("names lower-cased, in header order, each once").containsOnlyKeys(
        "delivered-to", "received", "mime-version", "date", "message-id", "in-reply-to", "references", "subject",
        "from", "to", "cc", "content-type");
  }

  @Test
  void aMetadataFormatMessageWithRepeatedAddressHeaders() {
    // Format metadata (metadataHeaders chosen by the client): headers only, no body or parts.
    GmailResources.Message m = parsed("""
        {
          "id": "18c2a61b00c4e9f3",
          "threadId": "18c2a61b00c4e9f3",
          "labelIds": ["SENT"],
          "snippet": "Agenda attached",
          "sizeEstimate": 2048,
          "historyId": "4829250",
          "internalDate": "1781085600000",
          "payload": {
            "mimeType": "multipart/mixed",
            "headers": [
              {"name": "From", "value": "Maya <maya@helio.app>"},
              {"name": "To", "value": "wes@umbrella.com"},
              {"name": "To", "value": "Raj <raj@umbrella.com>"},
              {"name": "CC", "value": "omar@helio.app"},
              {"name": "cc", "value": "lena@stark.io"},
              {"name": "Bcc", "value": "audit@helio.app"},
              {"name": "Bcc", "value": "ceo@helio.app"},
              {"name": "Subject", "value": "Agenda"},
              {"name": "Subject", "value": "a second Subject is ignored"},
              {"name": "Message-Id", "value": "<agenda-1@helio.app>"}
            ]
          }
        }
        """);
    assertThat(m.historyId()).isEqualTo(4829250L);
    assertThat(m.internalDate().toInstant()).isEqualTo(Instant.parse("2026-06-10T10:00:00Z"));
    assertThat(m.labelIds()).containsExactly("SENT");
    assertThat(m.header("to")).isEqualTo("wes@umbrella.com, Raj <raj@umbrella.com>");
    assertThat(m.header("cc")).as("header names match in any case").isEqualTo("omar@helio.app, lena@stark.io");
    assertThat(m.header("bcc")).isEqualTo("audit@helio.app, ceo@helio.app");
    assertThat(m.header("subject")).isEqualTo("Agenda");
    assertThat(m.header("message-id")).isEqualTo("<agenda-1@helio.app>");
    assertThat(m.header("in-reply-to")).isNull();
  }

  @Test
  void aMessageWithoutLabelsHeadersOrSnippet() {
    // Gmail omits empty fields: no labelIds, no snippet, and here a payload without headers.
    GmailResources.Message m = parsed("""
        {"id": "18c2a7", "threadId": "18c2a7", "historyId": "77", "internalDate": "1781078400000",
         "sizeEstimate": 120, "payload": {"mimeType": "text/plain", "body": {"size": 0}}}
        """);
    assertThat(m.labelIds()).isEmpty();
    assertThat(m.snippet()).isNull();
    assertThat(m.headers()).isEmpty();
    assertThat(m.header("from")).isNull();
  }

  @Test
  void headerEntriesWithoutNameOrValueAreSkippedAndAnEmptyValueIsKept() {
    Map<String, String> h = GmailResources.headers(json("""
        [{"name": "Subject", "value": ""},
         {"name": "", "value": "nameless"},
         {"value": "no name"},
         {"name": "X-No-Value"},
         {"name": "  To ", "value": "wes@umbrella.com"}]
        """));
    assertThat(h).containsExactly(Map.entry("subject", ""), Map.entry("to", "wes@umbrella.com"));
  }

  @Test
  void aResourceWithoutIdIsNotAGmailMessage() {
    GmailResources.Parsed p = GmailResources.parse(json("""
        {"threadId": "18c2a7", "historyId": "77", "internalDate": "1781078400000"}
        """));
    assertThat(p.message()).isNull();
    assertThat(p.problem()).contains("id");
  }

  @Test
  void digitsThatAreNotANumberAreAProblem() {
    GmailResources.Parsed p = GmailResources.parse(json("""
        {"id": "18c2a7", "historyId": "77", "internalDate": "yesterday"}
        """));
    assertThat(p.message()).isNull();
    assertThat(p.problem()).isEqualTo("internalDate is not a whole number: \"yesterday\"");
  }
}
