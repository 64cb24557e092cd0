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

  /** Latest instant Spark and the warehouse can hold: 9999-12-31T23:59:59.999Z. */
  static final long MAX_EPOCH_MILLIS = 253402300799999L;

  public static Parsed parse(JsonNode node) {
    if (node == null || !node.isObject()) {
      return new Parsed(null, "not a JSON object");
    }
    String idProblem = idProblem(node, "Gmail Message");
    if (idProblem != null) {
      return new Parsed(null, idProblem);
    }
    Long historyId;
    Long millis;
    try {
      historyId = wholeNumber(node, "historyId");
      millis = wholeNumber(node, "internalDate");
    } catch (NumberFormatException e) {
      return new Parsed(null, e.getMessage());
    }
    if (millis != null && (millis < 0 || millis > MAX_EPOCH_MILLIS)) {
      return new Parsed(null, "internalDate out of range (1970 to 9999): " + millis);
    }
    List<String> labels = new ArrayList<>();
    for (JsonNode label : arrayOf(node, "labelIds")) {
      if (label.isTextual()) {
        labels.add(label.asText());
      }
    }
    return new Parsed(
        new Message(node.get("id").asText(), text(node, "threadId"), historyId,
            millis == null ? null : new Timestamp(millis), labels, text(node, "snippet"),
            headers(arrayOf(node.path("payload"), "headers"))),
        null);
  }

  /** Why a resource's id is unusable (missing, or not a non-empty JSON string), or null. */
  public static String idProblem(JsonNode node, String resourceName) {
    JsonNode id = node.get("id");
    if (id == null || id.isNull()) {
      return "missing id: not a " + resourceName + " resource";
    }
    if (!id.isTextual() || id.asText().isBlank()) {
      return "id is not a non-empty string: " + excerpt(id.toString());
    }
    return null;
  }

  private static String excerpt(String json) {
    return json.length() <= 100 ? json : json.substring(0, 100) + "...";
  }

  /** Header values by lower-cased name; repeated address headers are joined, others keep the first. */
  static Map<String, String> headers(Iterable<JsonNode> headers) {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode h : headers) {
      // A header without a string name and a string value is no header (null would read as "null").
      JsonNode nameNode = h.get("name");
      JsonNode valueNode = h.get("value");
      if (nameNode == null || !nameNode.isTextual() || valueNode == null || !valueNode.isTextual()) {
        continue;
      }
      String name = nameNode.asText().trim().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      String value = valueNode.asText();
      String previous = out.get(name);
      if (previous == null) {
        out.put(name, value);
      } else if (ADDRESS_HEADERS.contains(name)) {
        out.put(name, previous + ", " + value);
      }
    }
    return out;
  }

  /** A field's elements when it is an array; nothing when it is missing, null or of another type. */
  static Iterable<JsonNode> arrayOf(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isArray() ? v : List.of();
  }

  /** A string, number or boolean field as text; null when missing, null, an object or an array. */
  static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || !v.isValueNode() || v.isNull() ? null : v.asText();
  }

  /** A whole number given as a JSON string or integer; null when missing or null; otherwise not one. */
  static Long wholeNumber(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return v.asLong();
    }
    try {
      if (v.isTextual()) {
        return longOrNull(v.asText());
      }
    } catch (NumberFormatException e) {
      // reported below, naming the field
    }
    throw new NumberFormatException(field + " is not a whole number: " + excerpt(v.toString()));
  }

  static Long longOrNull(String s) {
    return s == null || s.isBlank() ? null : Long.parseLong(s.trim());
  }
}
