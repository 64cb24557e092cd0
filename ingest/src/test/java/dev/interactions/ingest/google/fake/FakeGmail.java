package dev.interactions.ingest.google.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interactions.ingest.google.fake.FakeHttp.Request;
import dev.interactions.ingest.google.fake.FakeHttp.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Gmail API of one fake Google: per mailbox, messages with history ids and a history of
 * additions, deletions and label changes, served as {@code users.getProfile}, {@code
 * messages.list}, {@code messages.get} and {@code history.list} (int64 fields as JSON strings).
 */
public final class FakeGmail {
  private static final Set<String> SPAM_OR_TRASH = Set.of("SPAM", "TRASH");

  /** One mailbox: its current historyId, its messages (full format), and its history records. */
  private static final class Mailbox {
    long historyId = 1000;
    /** History older than this is gone: history.list from before it answers 404. */
    long oldestHistoryId = 0;
    final Map<String, ObjectNode> messages = new LinkedHashMap<>();
    final List<ObjectNode> history = new ArrayList<>();
  }

  private final Map<String, Mailbox> mailboxes = new LinkedHashMap<>();

  synchronized void addMailbox(String mailbox) {
    mailboxes.computeIfAbsent(mailbox, m -> new Mailbox());
  }

  synchronized boolean hasMailbox(String mailbox) {
    return mailboxes.containsKey(mailbox);
  }

  /** Adds a message (Gmail {@code Message} resource in full format); its historyId is assigned. */
  public synchronized void add(String mailbox, ObjectNode message) {
    Mailbox box = box(mailbox);
    long h = ++box.historyId;
    ObjectNode copy = message.deepCopy();
    copy.put("historyId", Long.toString(h));
    box.messages.put(copy.path("id").asText(), copy);
    record(box, h, "messagesAdded", copy, null);
  }

  /** Deletes a message for good (not to trash): history.list reports messageDeleted. */
  public synchronized void delete(String mailbox, String id) {
    Mailbox box = box(mailbox);
    ObjectNode gone = box.messages.remove(id);
    if (gone == null) {
      throw new IllegalArgumentException("no message " + id + " in " + mailbox);
    }
    record(box, ++box.historyId, "messagesDeleted", gone, null);
  }

  /** Adds and removes labels (for example SPAM, TRASH, INBOX), as a user moving a message does. */
  public synchronized void relabel(String mailbox, String id, List<String> add, List<String> remove) {
    Mailbox box = box(mailbox);
    ObjectNode m = box.messages.get(id);
    long h = ++box.historyId;
    List<String> labels = new ArrayList<>();
    m.path("labelIds").forEach(l -> labels.add(l.asText()));
    labels.removeAll(remove);
    add.stream().filter(l -> !labels.contains(l)).forEach(labels::add);
    ArrayNode arr = m.putArray("labelIds");
    labels.forEach(arr::add);
    m.put("historyId", Long.toString(h));
    if (!add.isEmpty()) {
      record(box, h, "labelsAdded", m, add);
    }
    if (!remove.isEmpty()) {
      record(box, add.isEmpty() ? h : ++box.historyId, "labelsRemoved", m, remove);
      m.put("historyId", Long.toString(box.historyId));
    }
  }

  /** Forgets history up to now, so that a history.list from an older id answers 404. */
  public synchronized void expireHistory(String mailbox) {
    Mailbox box = box(mailbox);
    box.oldestHistoryId = box.historyId;
    box.history.clear();
  }

  /** The messages a mailbox holds now (full format), by id. */
  public synchronized Map<String, ObjectNode> messages(String mailbox) {
    Map<String, ObjectNode> out = new LinkedHashMap<>();
    box(mailbox).messages.forEach((id, m) -> out.put(id, m.deepCopy()));
    return out;
  }

  public synchronized long historyId(String mailbox) {
    return box(mailbox).historyId;
  }

  private Mailbox box(String mailbox) {
    Mailbox box = mailboxes.get(mailbox);
    if (box == null) {
      throw new IllegalArgumentException("no fake mailbox " + mailbox);
    }
    return box;
  }

  private static void record(Mailbox box, long h, String type, ObjectNode message, List<String> labels) {
    ObjectNode rec = FakeHttp.JSON.createObjectNode();
    rec.put("id", Long.toString(h));
    rec.putArray("messages").add(ref(message));
    ObjectNode change = rec.putArray(type).addObject();
    ObjectNode ref = ref(message);
    if (!type.equals("messagesDeleted")) {
      ref.set("labelIds", message.path("labelIds").deepCopy());
    }
    change.set("message", ref);
    if (labels != null) {
      ArrayNode l = change.putArray("labelIds");
      labels.forEach(l::add);
    }
    box.history.add(rec);
  }

  private static ObjectNode ref(ObjectNode message) {
    ObjectNode ref = FakeHttp.JSON.createObjectNode();
    ref.put("id", message.path("id").asText());
    ref.put("threadId", message.path("threadId").asText());
    return ref;
  }

  // ------------------------------------------------------------------ HTTP

  /** Serves {@code /gmail/v1/users/me/...} for the mailbox the access token belongs to. */
  synchronized Response handle(String mailbox, Request r) {
    String prefix = "/gmail/v1/users/me/";
    if (!r.method().equals("GET") || !r.path().startsWith(prefix)) {
      return Response.notFound("Method not found.");
    }
    Mailbox box = box(mailbox);
    String rest = r.path().substring(prefix.length());
    JsonNode body;
    if (rest.equals("profile")) {
      ObjectNode p = FakeHttp.JSON.createObjectNode();
      p.put("emailAddress", mailbox);
      p.put("messagesTotal", box.messages.size());
      p.put("threadsTotal", box.messages.values().stream().map(m -> m.path("threadId").asText()).distinct().count());
      p.put("historyId", Long.toString(box.historyId));
      body = p;
    } else if (rest.equals("messages")) {
      body = list(box, r);
    } else if (rest.startsWith("messages/")) {
      ObjectNode m = box.messages.get(rest.substring("messages/".length()));
      if (m == null) {
        return Response.notFound("Requested entity was not found.");
      }
      body = format(m, r.param("format"), r.params("metadataHeaders"));
    } else if (rest.equals("history")) {
      long start = Long.parseLong(r.param("startHistoryId"));
      if (start < box.oldestHistoryId) {
        return Response.notFound("Requested entity was not found.");
      }
      body = history(box, start, r);
    } else {
      return Response.notFound("Method not found.");
    }
    return Response.ok(FieldSelection.parse(r.param("fields")).apply(body));
  }

  /** messages.list: newest first; {@code q=after:<epoch seconds>} only; spam and trash on request. */
  private static JsonNode list(Mailbox box, Request r) {
    String q = r.param("q");
    long afterMillis = q != null && q.startsWith("after:") ? Long.parseLong(q.substring(6).trim()) * 1000 : 0;
    boolean spamTrash = Boolean.parseBoolean(r.param("includeSpamTrash"));
    List<ObjectNode> hits = box.messages.values().stream()
        .filter(m -> m.path("internalDate").asLong() > afterMillis)
        .filter(m -> spamTrash || !hasAny(m, SPAM_OR_TRASH))
        .sorted(Comparator.comparingLong((ObjectNode m) -> m.path("internalDate").asLong()).reversed())
        .toList();
    int size = r.param("maxResults") == null ? 100 : Integer.parseInt(r.param("maxResults"));
    int from = r.param("pageToken") == null ? 0 : Integer.parseInt(r.param("pageToken"));
    ObjectNode page = FakeHttp.JSON.createObjectNode();
    ArrayNode messages = page.putArray("messages");
    hits.subList(from, Math.min(hits.size(), from + size)).forEach(m -> messages.add(ref(m)));
    if (from + size < hits.size()) {
      page.put("nextPageToken", Integer.toString(from + size));
    }
    page.put("resultSizeEstimate", hits.size());
    if (messages.isEmpty()) {
      page.remove("messages");
    }
    return page;
  }

  /** A stored message as messages.get serves it with these parameters. */
  public static JsonNode served(ObjectNode m, String format, List<String> metadataHeaders, String fields) {
    return FieldSelection.parse(fields).apply(format(m, format, metadataHeaders));
  }

  /** A message in the requested format: full as stored, metadata with the named headers only. */
  static ObjectNode format(ObjectNode m, String format, List<String> metadataHeaders) {
    if (format == null || format.equals("full")) {
      return m.deepCopy();
    }
    ObjectNode out = m.deepCopy();
    ObjectNode payload = FakeHttp.JSON.createObjectNode();
    JsonNode full = m.path("payload");
    if (full.has("mimeType")) {
      payload.put("mimeType", full.path("mimeType").asText());
    }
    ArrayNode headers = payload.putArray("headers");
    for (JsonNode h : full.path("headers")) {
      String name = h.path("name").asText();
      if (format.equals("metadata") && (metadataHeaders.isEmpty()
          || metadataHeaders.stream().anyMatch(n -> n.equalsIgnoreCase(name)))) {
        headers.add(h.deepCopy());
      }
    }
    out.set("payload", payload);
    if (format.equals("minimal")) {
      out.remove("payload");
    }
    return out;
  }

  private static JsonNode history(Mailbox box, long start, Request r) {
    List<String> types = r.params("historyTypes");
    List<ObjectNode> records = new ArrayList<>();
    for (ObjectNode rec : box.history) {
      if (rec.path("id").asLong() <= start) {
        continue;
      }
      boolean wanted = types.isEmpty() || types.stream().anyMatch(t -> rec.has(typeField(t)));
      if (wanted) {
        records.add(rec);
      }
    }
    int size = r.param("maxResults") == null ? 100 : Integer.parseInt(r.param("maxResults"));
    int from = r.param("pageToken") == null ? 0 : Integer.parseInt(r.param("pageToken"));
    ObjectNode page = FakeHttp.JSON.createObjectNode();
    if (from < records.size()) {
      ArrayNode history = page.putArray("history");
      records.subList(from, Math.min(records.size(), from + size)).forEach(history::add);
    }
    if (from + size < records.size()) {
      page.put("nextPageToken", Integer.toString(from + size));
    }
    page.put("historyId", Long.toString(box.historyId));
    return page;
  }

  /** historyTypes values name the record's array: messageAdded → messagesAdded, labelAdded → labelsAdded. */
  private static String typeField(String type) {
    return switch (type) {
      case "messageAdded" -> "messagesAdded";
      case "messageDeleted" -> "messagesDeleted";
      case "labelAdded" -> "labelsAdded";
      case "labelRemoved" -> "labelsRemoved";
      default -> type;
    };
  }

  private static boolean hasAny(ObjectNode m, Set<String> labels) {
    for (JsonNode l : m.path("labelIds")) {
      if (labels.contains(l.asText())) {
        return true;
      }
    }
    return false;
  }
}
