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
    String id = GmailResources.text(node, "id");
    if (id == null || id.isBlank()) {
      return new Parsed(null, "missing id: not a Calendar Event resource");
    }
    try {
      JsonNode start = node.path("start");
      List<Attendee> attendees = new ArrayList<>();
      for (JsonNode a : node.path("attendees")) {
        String email = Addresses.normalize(a.path("email").asText(null));
        if (email != null) {
          attendees.add(new Attendee(email, a.path("responseStatus").asText(null),
              a.path("resource").asBoolean(false), a.path("organizer").asBoolean(false)));
        }
      }
      String updated = GmailResources.text(node, "updated");
      return new Parsed(
          new Event(
              id,
              GmailResources.text(node, "iCalUID"),
              updated == null ? null : Timestamp.from(Instant.from(OffsetDateTime.parse(updated))),
              GmailResources.text(node, "status"),
              node.has("eventType") ? GmailResources.text(node, "eventType") : "default",
              GmailResources.text(node, "summary"),
              GmailResources.text(node, "recurringEventId"),
              instant(start, defaultTimeZone),
              instant(node.path("end"), defaultTimeZone),
              start.has("date") && !start.has("dateTime"),
              instant(node.path("originalStartTime"), defaultTimeZone),
              Addresses.normalize(node.path("organizer").path("email").asText(null)),
              attendees),
          null);
    } catch (DateTimeException e) {
      return new Parsed(null, "unreadable date or time: " + e.getMessage());
    }
  }

  /** An EventDateTime as an instant: dateTime with its offset or zone, or a date at 00:00 UTC. */
  static Timestamp instant(JsonNode time, String defaultTimeZone) {
    if (time == null || time.isMissingNode() || time.isNull()) {
      return null;
    }
    String dateTime = GmailResources.text(time, "dateTime");
    if (dateTime != null) {
      try {
        return Timestamp.from(OffsetDateTime.parse(dateTime).toInstant());
      } catch (DateTimeException noOffset) {
        String zone = GmailResources.text(time, "timeZone");
        ZoneId zoneId = zone != null ? ZoneId.of(zone)
            : defaultTimeZone != null ? ZoneId.of(defaultTimeZone) : ZoneOffset.UTC;
        return Timestamp.from(LocalDateTime.parse(dateTime).atZone(zoneId).toInstant());
      }
    }
    String date = GmailResources.text(time, "date");
    return date == null ? null : Timestamp.from(LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant());
  }
}
