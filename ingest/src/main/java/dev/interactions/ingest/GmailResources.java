package dev.interactions.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one Gmail API {@code Message} resource (format {@code full} or {@code metadata}) into the
 * typed columns of bronze.gmail_messages, so later stages never parse the raw JSON again.
 */
public final class GmailResources {
  /** Headers whose repeated occurrences are address lists to concatenate. */
  private static final List<String> ADDRESS_HEADERS = List.of("from", "to", "cc", "bcc");

  private GmailResources() {}

  /** The message fields, or a reason why the resource cannot be landed. */
  public record Parsed(Message message, String problem) {}

  public record Message(
      String id,
      String threadId,
      Long historyId,
      Timestamp internalDate,
      List<String> labelIds,
      String snippet,
      Map<String, String> headers) {

    public String header(String name) {
      return headers.get(name);
    }
  }

  public static Parsed parse(JsonNode node) {
    if (node == null || !node.isObject()) {
      return new Parsed(null, "not a JSON object");
    }
    String id = text(node, "id");
    if (id == null || id.isBlank()) {
      return new Parsed(null, "missing id: not a Gmail Message resource");
    }
    Long historyId;
    Timestamp internalDate;
    try {
      historyId = longOrNull(text(node, "historyId"));
      Long millis = longOrNull(text(node, "internalDate"));
      internalDate = millis == null ? null : new Timestamp(millis);
    } catch (NumberFormatException e) {
      return new Parsed(null, "historyId or internalDate is not a number");
    }
    List<String> labels = new ArrayList<>();
    for (JsonNode label : node.path("labelIds")) {
      labels.add(label.asText());
    }
    return new Parsed(
        new Message(id, text(node, "threadId"), historyId, internalDate, labels, text(node, "snippet"),
            headers(node.path("payload").path("headers"))),
        null);
  }

  /** Header values by lower-cased name; repeated address headers are joined, others keep the first. */
  static Map<String, String> headers(JsonNode headers) {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode h : headers) {
      String name = h.path("name").asText("").trim().toLowerCase(Locale.ROOT);
      if (name.isEmpty() || !h.has("value")) {
        continue;
      }
      String value = h.path("value").asText();
      String previous = out.get(name);
      if (previous == null) {
        out.put(name, value);
      } else if (ADDRESS_HEADERS.contains(name)) {
        out.put(name, previous + ", " + value);
      }
    }
    return out;
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  static Long longOrNull(String s) {
    return s == null || s.isBlank() ? null : Long.parseLong(s.trim());
  }
}
