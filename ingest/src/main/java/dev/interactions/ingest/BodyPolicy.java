package dev.interactions.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interactions.ingest.google.GoogleOptions.StoreBodies;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How much of a Gmail {@code Message} resource may land in bronze ({@code --store-bodies}), applied
 * to the resource before it is parsed or stored, so raw_json never holds more than allowed:
 * <ul>
 *   <li>{@code none}: what Gmail's {@code metadata} format returns for the headers the transform
 *       reads, without the snippet;
 *   <li>{@code snippet}: the same with the snippet;
 *   <li>{@code full}: the resource as received, but attachment data and the {@code raw} RFC 822
 *       form (which carries attachments) are removed.
 * </ul>
 * A pure function of the resource: the same input gives the same stored JSON on every run.
 */
public final class BodyPolicy {
  /** The headers the transform reads: what the metadata format is asked for. */
  public static final List<String> HEADERS = List.of("From", "To", "Cc", "Bcc", "Subject", "Message-ID",
      "In-Reply-To", "References", "Date");

  private static final Set<String> KEPT_HEADERS = Set.copyOf(HEADERS.stream()
      .map(h -> h.toLowerCase(Locale.ROOT)).toList());

  private BodyPolicy() {}

  /** The resource as it may be stored; a non-object (bound for quarantine) is returned as it is. */
  public static JsonNode strip(JsonNode message, StoreBodies level) {
    if (!(message instanceof ObjectNode original)) {
      return message;
    }
    ObjectNode m = original.deepCopy();
    m.remove("raw");
    m.remove("sizeEstimate");
    JsonNode payload = m.get("payload");
    if (level == StoreBodies.FULL) {
      if (payload instanceof ObjectNode p) {
        dropAttachments(p);
      }
      return m;
    }
    if (level == StoreBodies.NONE) {
      m.remove("snippet");
    }
    if (payload instanceof ObjectNode p) {
      m.set("payload", headersOnly(p));
    } else {
      m.remove("payload");
    }
    return m;
  }

  /** The payload as the metadata format gives it: mime type and the kept headers, no parts, no body. */
  private static ObjectNode headersOnly(ObjectNode payload) {
    ObjectNode out = payload.objectNode();
    if (payload.hasNonNull("mimeType")) {
      out.set("mimeType", payload.get("mimeType"));
    }
    ArrayNode headers = out.putArray("headers");
    JsonNode given = payload.path("headers");
    // Read as the parser reads them: headers that are not an array are none.
    for (JsonNode h : given.isArray() ? given : payload.arrayNode()) {
      String name = h.path("name").asText("").trim().toLowerCase(Locale.ROOT);
      if (KEPT_HEADERS.contains(name)) {
        headers.add(h);
      }
    }
    return out;
  }

  /** Every part that is an attachment (a file name or an attachment id) loses its data. */
  private static void dropAttachments(ObjectNode part) {
    boolean attachment = !part.path("filename").asText("").isEmpty()
        || part.path("body").hasNonNull("attachmentId");
    if (attachment && part.get("body") instanceof ObjectNode body) {
      body.remove("data");
      body.remove("attachmentId");
    }
    for (Iterator<JsonNode> it = part.path("parts").elements(); it.hasNext(); ) {
      if (it.next() instanceof ObjectNode child) {
        dropAttachments(child);
      }
    }
  }
}
