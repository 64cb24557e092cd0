package dev.interactions.sample;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** A Calendar {@code Event} resource as the API returns it, seen from one owner's calendar. */
final class EventJson {
  private static final DateTimeFormatter RFC_3339_UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter RFC_3339_OFFSET =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

  private EventJson() {}

  static void write(JsonGenerator g, Event ev, Instant updated, TeamMember owner)
      throws IOException {
    boolean ownEvent = ev.organizer.email().equals(owner.email());
    g.writeStartObject();
    g.writeStringField("kind", "calendar#event");
    g.writeStringField("etag", "\"" + (3_000_000_000_000_000L + updated.toEpochMilli()) + "\"");
    g.writeStringField("id", ev.id);
    g.writeStringField("status", ev.status);
    g.writeStringField("created", RFC_3339_UTC.format(ev.created));
    g.writeStringField("updated", RFC_3339_UTC.format(updated));
    g.writeStringField("summary", ev.summary);
    if (ev.location != null) {
      g.writeStringField("location", ev.location);
    }
    person(g, "creator", ev.organizer, ownEvent);
    person(g, "organizer", ev.organizer, ownEvent);
    if (ev.allDay != null) {
      date(g, "start", ev.allDay);
      date(g, "end", ev.allDay.plusDays(1)); // exclusive, as the API writes it
    } else {
      dateTime(g, "start", ev.start);
      dateTime(g, "end", ev.end);
    }
    if (ev.recurringEventId != null) {
      g.writeStringField("recurringEventId", ev.recurringEventId);
      dateTime(g, "originalStartTime", ev.originalStart);
    }
    if (ev.eventType.equals("workingLocation")) {
      g.writeStringField("transparency", "transparent");
      g.writeStringField("visibility", "public");
    }
    g.writeStringField("iCalUID", ev.iCalUID);
    g.writeNumberField("sequence", ev.sequence);
    if (!ev.attendees.isEmpty()) {
      g.writeArrayFieldStart("attendees");
      for (Attendee a : ev.attendees) {
        attendee(g, a, a.email().equals(owner.email()));
      }
      g.writeEndArray();
    }
    g.writeObjectFieldStart("reminders");
    g.writeBooleanField("useDefault", true);
    g.writeEndObject();
    g.writeStringField("eventType", ev.eventType);
    typeProperties(g, ev);
    g.writeEndObject();
  }

  private static void typeProperties(JsonGenerator g, Event ev) throws IOException {
    switch (ev.eventType) {
      case "outOfOffice":
        stringObject(g, "outOfOfficeProperties",
            "autoDeclineMode", "declineOnlyNewConflictingInvitations",
            "declineMessage", "I am out of office and will reply when back.");
        break;
      case "focusTime":
        stringObject(g, "focusTimeProperties",
            "autoDeclineMode", "declineNone", "chatStatus", "doNotDisturb");
        break;
      case "workingLocation":
        g.writeObjectFieldStart("workingLocationProperties");
        if (ev.workingLocation == null) {
          g.writeStringField("type", "homeOffice");
          stringObject(g, "homeOffice");
        } else {
          g.writeStringField("type", "officeLocation");
          stringObject(g, "officeLocation", "label", ev.workingLocation);
        }
        g.writeEndObject();
        break;
      default:
        break;
    }
  }

  private static void person(JsonGenerator g, String field, Person p, boolean self)
      throws IOException {
    g.writeObjectFieldStart(field);
    g.writeStringField("email", p.email());
    if (p.style() != NameStyle.PLAIN && !p.displayName().isEmpty()) {
      g.writeStringField("displayName", p.displayName());
    }
    if (self) {
      g.writeBooleanField("self", true);
    }
    g.writeEndObject();
  }

  private static void attendee(JsonGenerator g, Attendee a, boolean self) throws IOException {
    g.writeStartObject();
    g.writeStringField("email", a.email());
    if (a.displayName() != null) {
      g.writeStringField("displayName", a.displayName());
    }
    if (a.organizer()) {
      g.writeBooleanField("organizer", true);
    }
    if (self) {
      g.writeBooleanField("self", true);
    }
    if (a.resource()) {
      g.writeBooleanField("resource", true);
    }
    g.writeStringField("responseStatus", a.response());
    g.writeEndObject();
  }

  private static void dateTime(JsonGenerator g, String field, ZonedDateTime t)
      throws IOException {
    stringObject(g, field,
        "dateTime", RFC_3339_OFFSET.format(t), "timeZone", t.getZone().getId());
  }

  private static void date(JsonGenerator g, String field, LocalDate d) throws IOException {
    stringObject(g, field, "date", d.toString());
  }

  /** {@code field: {key: value, ...}}, in the order given. */
  private static void stringObject(JsonGenerator g, String field, String... keysAndValues)
      throws IOException {
    g.writeObjectFieldStart(field);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      g.writeStringField(keysAndValues[i], keysAndValues[i + 1]);
    }
    g.writeEndObject();
  }
}
