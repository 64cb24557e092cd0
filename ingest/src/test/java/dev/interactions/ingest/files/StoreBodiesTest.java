package dev.interactions.ingest.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interactions.core.RunContext;
import dev.interactions.core.catalog.Tables;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.ingest.BodyPolicy;
import dev.interactions.ingest.google.GoogleOptions.StoreBodies;
import dev.interactions.testkit.SharedSpark;
import dev.interactions.testkit.SparkTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --store-bodies} on the files source: the raw JSON that lands in bronze holds no body and
 * no snippet under none, no body under snippet, and never attachment data, whatever the files hold.
 */
@SparkTest
class StoreBodiesTest {
  static final String PLAIN = "Plain body: the renewal price is 42k";
  static final String HTML = "<p>Html body: the renewal price is 42k</p>";
  static final String ATTACHMENT = "%PDF-1.4 contract with the customer's bank details";
  static final String SNIPPET = "Snippet: the renewal price";
  static final String RAW = "RFC 822 form with everything in it";

  static String b64(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /** A Gmail Message in format full: text and html alternatives, an attachment, and the raw form. */
  static String fullMessage(String id) {
    return """
        {"id": "%s", "threadId": "t-%s", "historyId": "900", "internalDate": "1780000000000",
         "labelIds": ["INBOX"], "snippet": "%s", "sizeEstimate": 5120, "raw": "%s",
         "payload": {"partId": "", "mimeType": "multipart/mixed", "filename": "",
           "headers": [{"name": "From", "value": "Wes <wes@umbrella.com>"},
                       {"name": "To", "value": "maya@helio.app"},
                       {"name": "Subject", "value": "Renewal"},
                       {"name": "Message-ID", "value": "<%s@umbrella.com>"},
                       {"name": "X-Originating-IP", "value": "203.0.113.9"}],
           "body": {"size": 0},
           "parts": [
             {"partId": "0", "mimeType": "multipart/alternative", "filename": "", "body": {"size": 0},
              "parts": [
                {"partId": "0.0", "mimeType": "text/plain", "filename": "", "body": {"size": 36, "data": "%s"}},
                {"partId": "0.1", "mimeType": "text/html", "filename": "", "body": {"size": 44, "data": "%s"}}]},
             {"partId": "1", "mimeType": "application/pdf", "filename": "contract.pdf",
              "body": {"attachmentId": "ANGjdJ8-attachment-id", "size": 51, "data": "%s"}}]}}
        """.formatted(id, id, SNIPPET, b64(RAW), id, b64(PLAIN), b64(HTML), b64(ATTACHMENT));
  }

  @Test
  void thePolicyKeepsHeadersAndDropsWhatTheLevelDoesNotAllow() throws Exception {
    JsonNode message = new ObjectMapper().readTree(fullMessage("m1"));
    String none = BodyPolicy.strip(message, StoreBodies.NONE).toString();
    String snippet = BodyPolicy.strip(message, StoreBodies.SNIPPET).toString();
    String full = BodyPolicy.strip(message, StoreBodies.FULL).toString();
    for (String stored : List.of(none, snippet, full)) {
      assertThat(stored).contains("wes@umbrella.com", "m1@umbrella.com", "\"historyId\":\"900\"")
          .doesNotContain(b64(ATTACHMENT), "ANGjdJ8-attachment-id", b64(RAW));
    }
    assertThat(none).doesNotContain(SNIPPET, b64(PLAIN), b64(HTML), "X-Originating-IP", "parts");
    assertThat(snippet).contains(SNIPPET).doesNotContain(b64(PLAIN), b64(HTML), "X-Originating-IP");
    assertThat(full).contains(SNIPPET, b64(PLAIN), b64(HTML), "contract.pdf");
    // The input itself is left alone.
    assertThat(message.toString()).contains(b64(ATTACHMENT));
  }

  @Test
  void bronzeRawJsonHoldsNoBodyOrSnippetUnderNone(SparkSession spark, @TempDir Path input) throws Exception {
    Path mailbox = Files.createDirectories(input.resolve("gmail/maya@helio.app"));
    Files.writeString(mailbox.resolve("m1.json"), fullMessage("m1"));
    // A list page and a line-delimited file go through the same policy.
    Files.writeString(mailbox.resolve("page.json"), "{\"messages\": [" + fullMessage("m2") + "]}");
    Files.writeString(mailbox.resolve("more.jsonl"), fullMessage("m3").replace("\n", " ") + "\n");

    // full is the policy's own case above; here the two levels that must leave bodies out.
    for (StoreBodies level : List.of(StoreBodies.NONE, StoreBodies.SNIPPET)) {
      Warehouse wh = new Warehouse(spark, SharedSpark.newWarehouse());
      new FilesIngest(wh, RunContext.start(), level).ingest(input.toString());
      List<Row> rows = wh.read(Tables.GMAIL_MESSAGES).select("id", "raw_json", "snippet", "from_header").collectAsList();
      assertThat(rows).as(level.label()).hasSize(3);
      for (Row r : rows) {
        String raw = r.getString(1);
        assertThat(r.getString(3)).as("headers are parsed at every level").isEqualTo("Wes <wes@umbrella.com>");
        assertThat(raw).as(level.label()).doesNotContain(b64(ATTACHMENT), "ANGjdJ8-attachment-id", b64(RAW));
        switch (level) {
          case NONE -> {
            assertThat(raw).doesNotContain(SNIPPET, b64(PLAIN), b64(HTML), "\"data\"", "snippet");
            assertThat(r.isNullAt(2)).as("snippet column under none").isTrue();
          }
          case SNIPPET -> {
            assertThat(raw).contains(SNIPPET).doesNotContain(b64(PLAIN), b64(HTML), "\"data\"");
            assertThat(r.getString(2)).isEqualTo(SNIPPET);
          }
          default -> throw new AssertionError(level);
        }
      }
    }
  }
}
