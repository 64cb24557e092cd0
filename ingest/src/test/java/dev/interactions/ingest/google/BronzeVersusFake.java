package dev.interactions.ingest.google;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.spark.RowValues;
import dev.interactions.ingest.google.fake.FakeGmail;
import dev.interactions.ingest.google.fake.FakeGoogle;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/** What bronze holds of a mailbox's Gmail, against what the fake would serve of it. */
final class BronzeVersusFake {
  /** The fields a metadata fetch with snippets asks for (the default {@code --store-bodies snippet}). */
  static final String SNIPPET_FIELDS = "id,threadId,labelIds,snippet,historyId,internalDate,payload/headers";

  private static final ObjectMapper JSON = new ObjectMapper();

  private BronzeVersusFake() {
  }

  /**
   * The live (not deleted) bronze messages of a mailbox, id to raw JSON, are exactly the fake's
   * messages received after {@code windowStart}, as a snippet fetch serves them; each row's
   * history id and labels are those of its raw JSON.
   */
  static void assertGmailMatches(Warehouse wh, FakeGoogle google, String mailbox, Instant windowStart)
      throws Exception {
    wh.register();
    Map<String, JsonNode> stored = new TreeMap<>();
    for (Row r : wh.spark().sql("SELECT id, raw_json, history_id, label_ids FROM bronze.gmail_messages"
        + " WHERE mailbox = '" + mailbox + "' AND deleted_at IS NULL").collectAsList()) {
      JsonNode raw = JSON.readTree(RowValues.string(r, "raw_json"));
      assertThat(raw.path("historyId").asLong()).isEqualTo((Long) RowValues.value(r, "history_id"));
      assertThat(RowValues.<String>list(r, "label_ids"))
          .containsExactlyElementsOf(JSON.convertValue(raw.path("labelIds"), List.class));
      stored.put(RowValues.string(r, "id"), raw);
    }
    Map<String, JsonNode> expected = new TreeMap<>();
    google.gmail().messages(mailbox).forEach((id, m) -> {
      if (m.path("internalDate").asLong() > windowStart.toEpochMilli()) {
        expected.put(id, FakeGmail.served(m, "metadata", GmailSync.HEADERS, SNIPPET_FIELDS));
      }
    });
    assertThat(stored).as("bronze.gmail_messages of " + mailbox).isEqualTo(expected);
  }
}
