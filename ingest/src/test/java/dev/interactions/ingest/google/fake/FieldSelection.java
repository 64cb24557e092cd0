package dev.interactions.ingest.google.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Google's partial-response {@code fields} parameter ({@code a,b/c,d(e,f)}), applied to a response
 * the way Google does: only the named fields are kept, arrays are filtered element by element.
 */
final class FieldSelection {
  /** Field name to the selection inside it; an empty map keeps the whole value. */
  private final Map<String, FieldSelection> children = new LinkedHashMap<>();

  private FieldSelection() {}

  static FieldSelection parse(String fields) {
    FieldSelection root = new FieldSelection();
    if (fields != null && !fields.isBlank()) {
      int end = root.parseList(fields.replace(" ", ""), 0);
      if (end != fields.replace(" ", "").length()) {
        throw new IllegalArgumentException("bad fields: " + fields);
      }
    }
    return root;
  }

  /** Parses {@code item(,item)*} from {@code pos}; returns where it stopped (at ')' or the end). */
  private int parseList(String s, int pos) {
    pos = parseItem(s, pos);
    while (pos < s.length() && s.charAt(pos) == ',') {
      pos = parseItem(s, pos + 1);
    }
    return pos;
  }

  private int parseItem(String s, int pos) {
    int start = pos;
    while (pos < s.length() && "/(),".indexOf(s.charAt(pos)) < 0) {
      pos++;
    }
    FieldSelection child = children.computeIfAbsent(s.substring(start, pos), k -> new FieldSelection());
    if (pos < s.length() && s.charAt(pos) == '/') {
      return child.parseItem(s, pos + 1);
    }
    if (pos < s.length() && s.charAt(pos) == '(') {
      pos = child.parseList(s, pos + 1);
      if (pos >= s.length() || s.charAt(pos) != ')') {
        throw new IllegalArgumentException("unbalanced parentheses in fields: " + s);
      }
      return pos + 1;
    }
    return pos;
  }

  JsonNode apply(JsonNode node) {
    if (children.isEmpty() || node == null) {
      return node;
    }
    if (node.isArray()) {
      ArrayNode out = FakeHttp.JSON.createArrayNode();
      node.forEach(e -> out.add(apply(e)));
      return out;
    }
    if (!node.isObject()) {
      return node;
    }
    ObjectNode out = FakeHttp.JSON.createObjectNode();
    children.forEach((name, selection) -> {
      if (node.has(name)) {
        out.set(name, selection.apply(node.get(name)));
      }
    });
    return out;
  }
}
