package dev.interactions.ingest.files;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the resources of one input file: a single resource or a list page ({@code .json}), or one
 * resource a line ({@code .jsonl}, {@code .ndjson}). Each resource is reported with its line;
 * unreadable parts are reported as problems, and reading goes on where it can.
 */
public final class ResourceFileReader {
  /** Longest excerpt of bad input kept for the quarantine. */
  public static final int RAW_LIMIT = dev.interactions.ingest.BronzeRows.RAW_LIMIT;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** One line is one value: a second value or anything else after it makes the line invalid. */
  private static final ObjectReader LINE_READER =
      MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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
    if (isLineDelimited(fileName)) {
      readLines(in, sink);
    } else {
      readDocument(in.readAllBytes(), sink);
    }
  }

  private void readLines(InputStream in, Sink sink) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
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

  /** A whole document: a resource, a list page, or a bare array of resources. */
  private void readDocument(byte[] bytes, Sink sink) throws IOException {
    int line = 1;
    // A page's items wait for the end of the page: its timeZone may come after them.
    List<Item> items = new ArrayList<>();
    ObjectNode top = MAPPER.createObjectNode();
    try (JsonParser p = MAPPER.createParser(new ByteArrayInputStream(bytes))) {
      JsonToken first = p.nextToken();
      if (first == null) {
        sink.problem(1, "empty file", "");
        return;
      }
      if (first == JsonToken.START_ARRAY) {
        readArray(p, items);
        emit(items, null, sink);
        return;
      }
      if (first != JsonToken.START_OBJECT) {
        sink.problem(1, "not a JSON object or array", truncate(new String(bytes, StandardCharsets.UTF_8)));
        return;
      }
      // Fields are read one by one so that list items keep their own line numbers.
      boolean page = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        line = p.currentTokenLocation().getLineNr();
        if (name.equals(listField) && value == JsonToken.START_ARRAY) {
          page = true;
          readArray(p, items);
        } else {
          top.set(name, p.readValueAsTree());
        }
      }
      if (!page) {
        sink.resource(top, 1, null);
      }
      emit(items, pageTimeZone(top), sink);
      if (p.nextToken() != null) {
        throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected content after the JSON value");
      }
    } catch (JsonProcessingException e) {
      // The complete items before a cut still land.
      emit(items, pageTimeZone(top), sink);
      JsonLocation at = e.getLocation();
      sink.problem(at != null && at.getLineNr() > 0 ? at.getLineNr() : line,
          "invalid JSON: " + oneLine(e.getOriginalMessage()),
          truncate(new String(bytes, StandardCharsets.UTF_8)));
    }
  }

  private record Item(JsonNode node, int line) {}

  private static void readArray(JsonParser p, List<Item> items) throws IOException {
    while (p.nextToken() != JsonToken.END_ARRAY) {
      int line = p.currentTokenLocation().getLineNr();
      items.add(new Item(p.readValueAsTree(), line));
    }
  }

  private static void emit(List<Item> items, String pageTimeZone, Sink sink) {
    for (Item item : items) {
      sink.resource(item.node(), item.line(), pageTimeZone);
    }
    items.clear();
  }

  private static String pageTimeZone(ObjectNode top) {
    return top.path("timeZone").asText(null);
  }

  public static String truncate(String s) {
    return dev.interactions.ingest.BronzeRows.truncate(s);
  }

  static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").trim();
  }
}
