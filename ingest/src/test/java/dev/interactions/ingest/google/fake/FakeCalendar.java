package dev.interactions.ingest.google.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interactions.ingest.google.fake.FakeHttp.Request;
import dev.interactions.ingest.google.fake.FakeHttp.Response;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Calendar API of one fake Google: each mailbox's primary calendar, served as {@code
 * events.list} with paging, a {@code nextSyncToken} on the last page, incremental listings from a
 * sync token (changed and cancelled events only), minimal cancellations and 410 for a token that
 * is no longer valid.
 */
public final class FakeCalendar {
  private static final class Calendar {
    long sequence = 0;
    /** Tokens issued before this sequence are invalid: a listing with one answers 410. */
    long oldestValidSequence = 0;
    final Map<String, ObjectNode> events = new LinkedHashMap<>();
    final Map<String, Long> changedAt = new LinkedHashMap<>();
    /** Event ids whose cancellation is served in the minimal form. */
    final Map<String, Boolean> minimal = new LinkedHashMap<>();
  }

  private final Map<String, Calendar> calendars = new LinkedHashMap<>();

  synchronized void addMailbox(String mailbox) {
    calendars.computeIfAbsent(mailbox, m -> new Calendar());
  }

  /** Adds or replaces an event (Calendar {@code Event} resource) in the mailbox's primary calendar. */
  public synchronized void put(String mailbox, ObjectNode event) {
    Calendar c = calendar(mailbox);
    String id = event.path("id").asText();
    c.events.put(id, event.deepCopy());
    c.changedAt.put(id, ++c.sequence);
    c.minimal.remove(id);
  }

  /**
   * Cancels an event; with {@code minimal} it is served as Google serves some cancelled instances:
   * only kind, etag, id, status, recurringEventId and originalStartTime.
   */
  public synchronized void cancel(String mailbox, String id, boolean minimal, String updated) {
    Calendar c = calendar(mailbox);
    ObjectNode e = c.events.get(id);
    e.put("status", "cancelled");
    if (updated != null) {
      e.put("updated", updated);
    }
    c.changedAt.put(id, ++c.sequence);
    c.minimal.put(id, minimal);
  }

  /** Removes an event entirely, as Google drops long-cancelled ones: no listing returns it again. */
  public synchronized void purge(String mailbox, String id) {
    Calendar c = calendar(mailbox);
    c.events.remove(id);
    c.changedAt.remove(id);
    c.minimal.remove(id);
  }

  /** Makes every sync token issued so far invalid (the next incremental listing answers 410). */
  public synchronized void invalidateSyncTokens(String mailbox) {
    Calendar c = calendar(mailbox);
    c.oldestValidSequence = c.sequence + 1;
  }

  /** The events as a listing with showDeleted serves them now, by id. */
  public synchronized Map<String, ObjectNode> events(String mailbox) {
    Calendar c = calendar(mailbox);
    Map<String, ObjectNode> out = new LinkedHashMap<>();
    c.events.forEach((id, e) -> out.put(id, served(c, id)));
    return out;
  }

  private Calendar calendar(String mailbox) {
    Calendar c = calendars.get(mailbox);
    if (c == null) {
      throw new IllegalArgumentException("no fake calendar for " + mailbox);
    }
    return c;
  }

  private static ObjectNode served(Calendar c, String id) {
    ObjectNode e = c.events.get(id);
    if (!Boolean.TRUE.equals(c.minimal.get(id))) {
      return e.deepCopy();
    }
    ObjectNode m = FakeHttp.JSON.createObjectNode();
    for (String f : List.of("kind", "etag", "id", "status", "recurringEventId", "originalStartTime")) {
      if (e.has(f)) {
        m.set(f, e.get(f).deepCopy());
      }
    }
    return m;
  }

  // ------------------------------------------------------------------ HTTP

  synchronized Response handle(String mailbox, Request r) {
    if (!r.method().equals("GET") || !r.path().equals("/calendar/v3/calendars/primary/events")) {
      return Response.notFound("Not Found");
    }
    Calendar c = calendar(mailbox);
    String syncToken = r.param("syncToken");
    List<ObjectNode> items = new ArrayList<>();
    if (syncToken != null) {
      if (r.param("timeMin") != null || r.param("timeMax") != null) {
        return Response.error(400, "invalid", "Sync token cannot be used with timeMin or timeMax.", "INVALID_ARGUMENT");
      }
      long since = Long.parseLong(syncToken.substring("sync-".length()));
      if (since < c.oldestValidSequence) {
        return Response.error(410, "fullSyncRequired", "Sync token is no longer valid, a full sync is required.",
            "GONE");
      }
      c.changedAt.forEach((id, seq) -> {
        if (seq > since) {
          items.add(served(c, id));
        }
      });
    } else {
      Instant min = r.param("timeMin") == null ? Instant.MIN : OffsetDateTime.parse(r.param("timeMin")).toInstant();
      Instant max = r.param("timeMax") == null ? Instant.MAX : OffsetDateTime.parse(r.param("timeMax")).toInstant();
      boolean showDeleted = Boolean.parseBoolean(r.param("showDeleted"));
      for (String id : c.events.keySet()) {
        ObjectNode e = c.events.get(id);
        Instant start = instant(e.has("start") ? e.path("start") : e.path("originalStartTime"));
        boolean cancelled = "cancelled".equals(e.path("status").asText());
        if ((showDeleted || !cancelled) && start != null && !start.isBefore(min) && start.isBefore(max)) {
          items.add(served(c, id));
        }
      }
    }
    int size = r.param("maxResults") == null ? 250 : Integer.parseInt(r.param("maxResults"));
    int from = r.param("pageToken") == null ? 0 : Integer.parseInt(r.param("pageToken").substring("p".length()));
    ObjectNode page = FakeHttp.JSON.createObjectNode();
    page.put("kind", "calendar#events");
    page.put("etag", "\"p" + c.sequence + "\"");
    page.put("summary", mailbox);
    page.put("updated", "2026-12-01T00:00:00.000Z");
    page.put("timeZone", "Europe/Berlin");
    page.put("accessRole", "owner");
    page.putArray("defaultReminders");
    if (from + size < items.size()) {
      page.put("nextPageToken", "p" + (from + size));
    } else {
      page.put("nextSyncToken", "sync-" + c.sequence);
    }
    ArrayNode out = page.putArray("items");
    items.subList(Math.min(from, items.size()), Math.min(items.size(), from + size)).forEach(out::add);
    return Response.ok(FieldSelection.parse(r.param("fields")).apply(page));
  }

  private static Instant instant(JsonNode time) {
    if (time.has("dateTime")) {
      return OffsetDateTime.parse(time.path("dateTime").asText()).toInstant();
    }
    if (time.has("date")) {
      return LocalDate.parse(time.path("date").asText()).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    return null;
  }
}
