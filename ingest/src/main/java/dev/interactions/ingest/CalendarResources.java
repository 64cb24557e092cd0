package dev.interactions.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interactions.core.mail.Addresses;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one Calendar API {@code Event} resource into the typed columns of bronze.calendar_events:
 * start and end as instants (date-only events at 00:00 UTC), attendees with normalised emails.
 */
public final class CalendarResources {
  private CalendarResources() {}

  public record Attendee(String email, String responseStatus, boolean resource, boolean organizer) {}

  public record Event(
      String id,
      String iCalUid,
      Timestamp updated,
      String status,
      String eventType,
      String summary,
      String recurringEventId,
      Timestamp startAt,
      Timestamp endAt,
      boolean allDay,
      Timestamp originalStartAt,
      String organizerEmail,
      List<Attendee> attendees) {}

  public record Parsed(Event event, String problem) {}

  /**
   * @param defaultTimeZone the calendar's time zone (a list page's {@code timeZone}), used for a
   *     dateTime without offset and without its own timeZone; null means UTC
   */
  public static Parsed parse(JsonNode node, String defaultTimeZone) {
    if (node == null || !node.isObject()) {
      return new Parsed(null, "not a JSON object");
    }
    String idProblem = GmailResources.idProblem(node, "Calendar Event");
    if (idProblem != null) {
      return new Parsed(null, idProblem);
    }
    JsonNode start = node.path("start");
    List<Attendee> attendees = new ArrayList<>();
    for (JsonNode a : GmailResources.arrayOf(node, "attendees")) {
      String email = Addresses.normalize(string(a, "email"));
      if (email != null) {
        attendees.add(new Attendee(email, string(a, "responseStatus"),
            a.path("resource").asBoolean(false), a.path("organizer").asBoolean(false)));
      }
    }
    String eventType = string(node, "eventType");
    try {
      return new Parsed(
          new Event(
              node.get("id").asText(),
              string(node, "iCalUID"),
              instant("updated", node, "updated", null),
              string(node, "status"),
              // Calendar omits eventType for ordinary events; anything unreadable is one too.
              eventType == null ? "default" : eventType,
              string(node, "summary"),
              string(node, "recurringEventId"),
              eventTime("start", start, defaultTimeZone),
              eventTime("end", node.path("end"), defaultTimeZone),
              start.has("date") && !start.has("dateTime"),
              eventTime("originalStartTime", node.path("originalStartTime"), defaultTimeZone),
              Addresses.normalize(string(node.path("organizer"), "email")),
              attendees),
          null);
    } catch (DateTimeException e) {
      return new Parsed(null, e.getMessage());
    }
  }

  /** A string field; null when missing, null or of another type. */
  static String string(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }

  /**
   * An EventDateTime as an instant: dateTime with its offset or zone, or a date at 00:00 UTC.
   *
   * @throws DateTimeException with a reason naming the field when it cannot be read
   */
  static Timestamp eventTime(String field, JsonNode time, String defaultTimeZone) {
    if (time == null || !time.isObject()) {
      return null;
    }
    if (time.hasNonNull("dateTime")) {
      return instant(field, time, "dateTime", defaultTimeZone);
    }
    return instant(field, time, "date", null);
  }

  private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999Z");

  /** One date or date-time value of {@code node}; {@code pageZone} only for an EventDateTime. */
  private static Timestamp instant(String field, JsonNode node, String key, String pageZone) {
    if (node == null) {
      return null;
    }
    String value = string(node, key);
    if (value == null) {
      if (node.hasNonNull(key)) {
        throw new DateTimeException(field + " " + key + " is not a string");
      }
      return null;
    }
    Instant at;
    try {
      at = key.equals("date") ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
          : readDateTime(field, node, value, pageZone);
    } catch (java.time.format.DateTimeParseException e) {
      throw new DateTimeException("unreadable " + field + ": '" + value + "'");
    }
    if (at.isBefore(FIRST) || at.isAfter(LAST)) {
      throw new DateTimeException(field + " out of range (years 1 to 9999): '" + value + "'");
    }
    return Timestamp.from(at);
  }

  /** With its offset; else in its own timeZone, the page's, or UTC (only EventDateTimes may lack one). */
  private static Instant readDateTime(String field, JsonNode node, String value, String pageZone) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (java.time.format.DateTimeParseException noOffset) {
      if (field.equals("updated")) {
        throw noOffset; // the event's own 'updated' is always a full RFC 3339 instant
      }
      LocalDateTime local = LocalDateTime.parse(value);
      String own = string(node, "timeZone");
      String zone = own != null ? own : pageZone;
      if (zone == null) {
        return local.atZone(ZoneOffset.UTC).toInstant();
      }
      try {
        return local.atZone(ZoneId.of(zone)).toInstant();
      } catch (DateTimeException e) {
        // Only a dateTime without offset needs a zone, so a bad page zone spoils only such events.
        throw new DateTimeException((own != null ? "unknown timeZone '" : "unknown page timeZone '") + zone
            + "' for " + field + " without offset");
      }
    }
  }
}
