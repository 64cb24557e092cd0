package dev.interactions.ingest.files;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the resources of one input file: a single resource or a list page ({@code .json}), or one
 * resource a line ({@code .jsonl}, {@code .ndjson}). Each resource is reported with its line;
 * unreadable parts are reported as problems, and reading goes on where it can.
 *
 * <p>Text is UTF-8 (a byte-order mark is skipped; a UTF-16 byte-order mark switches to UTF-16);
 * invalid UTF-8 bytes are read as U+FFFD so that one bad byte never costs a whole file.
 */
public final class ResourceFileReader {
  /** Longest excerpt of bad input kept for the quarantine. */
  public static final int RAW_LIMIT = 2000;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** One line is one value: a second value or anything else after it makes the line invalid. */
  private static final ObjectReader LINE_READER =
      MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Fields that only list pages have: such an object without an id is an (empty) page. */
  private static final Set<String> PAGE_FIELDS = Set.of("resultSizeEstimate", "nextPageToken", "nextSyncToken");

  /** Receives what a file holds. */
  public interface Sink {
    /** A resource; {@code pageTimeZone} is the list page's timeZone field, if any. */
    void resource(JsonNode resource, int line, String pageTimeZone);

    void problem(int line, String reason, String raw);
  }

  private final String listField;

  /** @param listField the array field of a list page: {@code messages} or {@code items} */
  public ResourceFileReader(String listField) {
    this.listField = listField;
  }

  public static boolean isLineDelimited(String fileName) {
    return fileName.endsWith(".jsonl") || fileName.endsWith(".ndjson");
  }

  public static boolean isResourceFile(String fileName) {
    return fileName.endsWith(".json") || isLineDelimited(fileName);
  }

  public void read(String fileName, InputStream in, Sink sink) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in);
    Charset charset = skipByteOrderMark(buffered);
    if (isLineDelimited(fileName)) {
      readLines(new BufferedReader(new InputStreamReader(buffered, charset)), sink);
    } else {
      readDocument(new String(buffered.readAllBytes(), charset), sink);
    }
  }

  /** Consumes a byte-order mark, if any, and says which encoding the text is in. */
  static Charset skipByteOrderMark(BufferedInputStream in) throws IOException {
    in.mark(3);
    int b0 = in.read();
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
      in.skipNBytes(3);
      return StandardCharsets.UTF_8;
    }
    if (b0 == 0xFE && b1 == 0xFF) {
      in.skipNBytes(2);
      return StandardCharsets.UTF_16BE;
    }
    if (b0 == 0xFF && b1 == 0xFE) {
      in.skipNBytes(2);
      return StandardCharsets.UTF_16LE;
    }
    return StandardCharsets.UTF_8;
  }

  private void readLines(BufferedReader reader, Sink sink) throws IOException {
    String line;
    int number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = LINE_READER.readTree(line);
      } catch (JsonProcessingException e) {
        sink.problem(number, "invalid JSON: " + oneLine(e.getOriginalMessage()), truncate(line));
        continue;
      }
      sink.resource(node, number, null);
    }
  }

  /** A resource of a list page, kept until the page's timeZone (which may come after) is known. */
  private record Item(JsonNode node, int line) {}

  /** A whole document: a resource, a list page, or a bare array of resources. */
  private void readDocument(String text, Sink sink) throws IOException {
    int line = 1;
    ObjectNode top = MAPPER.createObjectNode();
    List<Item> items = new ArrayList<>();
    boolean page = false;
    try (JsonParser p = MAPPER.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        sink.problem(1, "empty file", "");
        return;
      }
      if (first == JsonToken.START_ARRAY) {
        readArray(p, items);
        return;
      }
      if (first != JsonToken.START_OBJECT) {
        sink.problem(1, "not a JSON object or array", truncate(text));
        return;
      }
      // Fields are read one by one so that list items keep their own line numbers.
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        line = p.currentTokenLocation().getLineNr();
        if (name.equals(listField) && (value == JsonToken.START_ARRAY || value == JsonToken.VALUE_NULL)) {
          page = true;
          if (value == JsonToken.START_ARRAY) {
            readArray(p, items);
          }
        } else if (name.equals(listField)) {
          page = true;
          JsonNode bad = p.readValueAsTree();
          sink.problem(line, "list page field " + listField + " is not an array",
              truncate(String.valueOf(bad)));
        } else {
          top.set(name, p.readValueAsTree());
        }
      }
      if (p.nextToken() != null) {
        throw new JsonParseException(p, "unexpected content after the JSON value");
      }
      if (!page && isEmptyPage(top)) {
        page = true;
      }
      if (!page) {
        sink.resource(top, 1, null);
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      sink.problem(at != null && at.getLineNr() > 0 ? at.getLineNr() : line,
          "invalid JSON: " + oneLine(e.getOriginalMessage()), truncate(text));
    } finally {
      // What was read before any syntax error still lands.
      String pageTimeZone = page ? pageTimeZone(top) : null;
      for (Item item : items) {
        sink.resource(item.node(), item.line(), pageTimeZone);
      }
    }
  }

  /** A list page whose array is missing: no id, and a field that only pages have. */
  private boolean isEmptyPage(ObjectNode top) {
    if (top.has("id")) {
      return false;
    }
    JsonNode kind = top.get("kind");
    return PAGE_FIELDS.stream().anyMatch(top::has) || (kind != null && kind.isTextual() && kind.asText().endsWith("s"));
  }

  /** The page's timeZone as given: checked per event, only where an event needs it. */
  private static String pageTimeZone(ObjectNode top) {
    JsonNode zone = top.get("timeZone");
    return zone == null || zone.isNull() ? null : zone.isTextual() ? zone.asText() : zone.toString();
  }

  private static void readArray(JsonParser p, List<Item> items) throws IOException {
    while (p.nextToken() != JsonToken.END_ARRAY) {
      int line = p.currentTokenLocation().getLineNr();
      JsonNode item = p.readValueAsTree();
      items.add(new Item(item == null ? MAPPER.nullNode() : item, line));
    }
  }

  public static String truncate(String s) {
    return s == null || s.length() <= RAW_LIMIT ? s : s.substring(0, RAW_LIMIT);
  }

  static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").trim();
  }
}
