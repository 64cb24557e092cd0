package dev.interactions.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interactions.ingest.CalendarResources.Attendee;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * {@link CalendarResources} on Google Calendar API {@code Event} resources as events.list with
 * {@code singleEvents=true} returns them: start and end as instants whatever the form of the
 * EventDateTime, all-day dates at 00:00 UTC, organizer and attendees with normalised emails.
 */
class CalendarResourcesTest {
  static final ObjectMapper MAPPER = new ObjectMapper();

  static CalendarResources.Event parsed(String json, String pageTimeZone) {
    try {
      CalendarResources.Parsed p = CalendarResources.parse(MAPPER.readTree(json), pageTimeZone);
      assertThat(p.problem()).isNull();
      return p.event();
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static Instant at(Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }

  static Timestamp instant(String eventDateTime, String pageTimeZone) {
    try {
      JsonNode node = MAPPER.readTree(eventDateTime);
      return CalendarResources.eventTime("start", node, pageTimeZone);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void aMeetingWithOrganizerAttendeesAndARoom() {
    CalendarResources.Event e = parsed("""
        {
          "kind": "calendar#event",
          "etag": "\\"3401234567890000\\"",
          "id": "5q1vj3h2b6s0m7pc0r9ad4e8kf",
          "status": "confirmed",
          "htmlLink": "https://www.google.com/calendar/event?eid=NXExdmoz",
          "created": "2026-05-20T08:00:00.000Z",
          "updated": "2026-06-01T12:34:56.789Z",
          "summary": "Quarterly review",
          "location": "Room 1",
          "creator": {"email": "maya@helio.app", "self": true},
          "organizer": {"email": "Maya@Helio.app", "displayName": "Maya", "self": true},
          "start": {"dateTime": "2026-06-15T10:00:00+02:00", "timeZone": "Europe/Berlin"},
          "end": {"dateTime": "2026-06-15T11:00:00+02:00", "timeZone": "Europe/Berlin"},
          "iCalUID": "5q1vj3h2b6s0m7pc0r9ad4e8kf@google.com",
          "sequence": 2,
          "attendees": [
            {"email": "maya@helio.app", "displayName": "Maya", "organizer": true, "self": true,
             "responseStatus": "accepted"},
            {"email": "Wes@Umbrella.com", "displayName": "Wes Carter", "responseStatus": "needsAction"},
            {"email": "lena@stark.io", "optional": true, "responseStatus": "declined"},
            {"email": "raj@umbrella.com", "responseStatus": "tentative"},
            {"email": "c_1886a2b3c4d5@resource.calendar.google.com", "displayName": "Room 1",
             "resource": true, "responseStatus": "accepted"}
          ],
          "hangoutLink": "https://meet.google.com/abc-defg-hij",
          "reminders": {"useDefault": true},
          "eventType": "default"
        }
        """, "America/New_York");
    assertThat(e.id()).isEqualTo("5q1vj3h2b6s0m7pc0r9ad4e8kf");
    assertThat(e.iCalUid()).isEqualTo("5q1vj3h2b6s0m7pc0r9ad4e8kf@google.com");
    assertThat(at(e.updated())).isEqualTo(Instant.parse("2026-06-01T12:34:56.789Z"));
    assertThat(e.status()).isEqualTo("confirmed");
    assertThat(e.eventType()).isEqualTo("default");
    assertThat(e.summary()).isEqualTo("Quarterly review");
    assertThat(e.recurringEventId()).isNull();
    assertThat(at(e.startAt())).as("the offset wins over any time zone").isEqualTo(Instant.parse("2026-06-15T08:00:00Z"));
    assertThat(at(e.endAt())).isEqualTo(Instant.parse("2026-06-15T09:00:00Z"));
    assertThat(e.allDay()).isFalse();
    assertThat(e.originalStartAt()).isNull();
    assertThat(e.organizerEmail()).isEqualTo("maya@helio.app");
    assertThat(e.attendees()).containsExactly(
        new Attendee("maya@helio.app", "accepted", false, true),
        new Attendee("wes@umbrella.com", "needsAction", false, false),
        new Attendee("lena@stark.io", "declined", false, false),
        new Attendee("raj@umbrella.com", "tentative", false, false),
        new Attendee("c_1886a2b3c4d5@resource.calendar.google.com", "accepted", true, false));
  }

  @Test
  void eventDateTimeForms() {
    // An offset (or Z) is the instant, whatever timeZone says.
    assertThat(at(instant("{\"dateTime\": \"2026-06-15T10:00:00Z\"}", "Europe/Berlin")))
        .isEqualTo(Instant.parse("2026-06-15T10:00:00Z"));
    assertThat(at(instant("{\"dateTime\": \"2026-06-15T10:00:00-04:00\", \"timeZone\": \"Asia/Tokyo\"}", null)))
        .isEqualTo(Instant.parse("2026-06-15T14:00:00Z"));
    assertThat(at(instant("{\"dateTime\": \"2026-06-15T10:00:00.250+05:30\"}", null)))
        .isEqualTo(Instant.parse("2026-06-15T04:30:00.250Z"));
    // No offset: the EventDateTime's own timeZone, else the page's, else UTC.
    assertThat(at(instant("{\"dateTime\": \"2026-06-15T10:00:00\", \"timeZone\": \"America/New_York\"}",
        "Europe/Berlin"))).isEqualTo(Instant.parse("2026-06-15T14:00:00Z"));
    assertThat(at(instant("{\"dateTime\": \"2026-06-15T10:00:00\"}", "Europe/Berlin")))
        .isEqualTo(Instant.parse("2026-06-15T08:00:00Z"));
    assertThat(at(instant("{\"dateTime\": \"2026-01-15T10:00:00\"}", "Europe/Berlin")))
        .as("the zone's rules on that date (winter time)").isEqualTo(Instant.parse("2026-01-15T09:00:00Z"));
    assertThat(at(instant("{\"dateTime\": \"2026-06-15T10:00:00\"}", null)))
        .isEqualTo(Instant.parse("2026-06-15T10:00:00Z"));
    // A date: 00:00 UTC of that date, whatever the zones.
    assertThat(at(instant("{\"date\": \"2026-06-20\"}", "Pacific/Auckland")))
        .isEqualTo(Instant.parse("2026-06-20T00:00:00Z"));
    assertThat(at(instant("{\"date\": \"2026-06-20\", \"timeZone\": \"America/Los_Angeles\"}", null)))
        .isEqualTo(Instant.parse("2026-06-20T00:00:00Z"));
  }

  @Test
  void anAllDayEvent() {
    CalendarResources.Event e = parsed("""
        {"kind": "calendar#event", "id": "0a1b2c3d4e5f", "status": "confirmed",
         "updated": "2026-06-01T12:00:00.000Z", "summary": "Offsite with Umbrella",
         "organizer": {"email": "maya@helio.app", "self": true},
         "start": {"date": "2026-06-20"}, "end": {"date": "2026-06-22"},
         "iCalUID": "0a1b2c3d4e5f@google.com", "transparency": "transparent", "eventType": "default"}
        """, "Europe/Berlin");
    assertThat(e.allDay()).isTrue();
    assertThat(at(e.startAt())).isEqualTo(Instant.parse("2026-06-20T00:00:00Z"));
    assertThat(at(e.endAt())).isEqualTo(Instant.parse("2026-06-22T00:00:00Z"));
    assertThat(e.attendees()).as("an event without attendees").isEmpty();
    assertThat(e.organizerEmail()).isEqualTo("maya@helio.app");
  }

  @Test
  void anInstanceOfARecurringEvent() {
    CalendarResources.Event e = parsed("""
        {"kind": "calendar#event", "id": "7k3q9v0c1m_20260617T080000Z", "status": "confirmed",
         "updated": "2026-06-02T09:00:00.000Z", "summary": "Weekly sync (moved)",
         "organizer": {"email": "wes@umbrella.com"},
         "start": {"dateTime": "2026-06-17T15:00:00", "timeZone": "Europe/Berlin"},
         "end": {"dateTime": "2026-06-17T15:30:00", "timeZone": "Europe/Berlin"},
         "recurringEventId": "7k3q9v0c1m",
         "originalStartTime": {"dateTime": "2026-06-17T10:00:00+02:00", "timeZone": "Europe/Berlin"},
         "iCalUID": "7k3q9v0c1m@google.com",
         "attendees": [{"email": "wes@umbrella.com", "organizer": true, "responseStatus": "accepted"},
                       {"email": "maya@helio.app", "self": true, "responseStatus": "accepted"}]}
        """, null);
    assertThat(e.recurringEventId()).isEqualTo("7k3q9v0c1m");
    assertThat(e.iCalUid()).as("every instance shares the series' iCalUID").isEqualTo("7k3q9v0c1m@google.com");
    assertThat(at(e.originalStartAt())).isEqualTo(Instant.parse("2026-06-17T08:00:00Z"));
    assertThat(at(e.startAt())).isEqualTo(Instant.parse("2026-06-17T13:00:00Z"));
    assertThat(at(e.endAt())).isEqualTo(Instant.parse("2026-06-17T13:30:00Z"));
    assertThat(e.organizerEmail()).isEqualTo("wes@umbrella.com");
    assertThat(e.attendees()).extracting(Attendee::email, Attendee::organizer).containsExactly(
        org.assertj.core.groups.Tuple.tuple("wes@umbrella.com", true),
        org.assertj.core.groups.Tuple.tuple("maya@helio.app", false));
  }

  @Test
  void anAllDayInstanceHasADateOriginalStart() {
    CalendarResources.Event e = parsed("""
        {"id": "h0l1d4y_20261224", "status": "confirmed", "updated": "2026-06-02T09:00:00Z",
         "start": {"date": "2026-12-24"}, "end": {"date": "2026-12-25"},
         "recurringEventId": "h0l1d4y", "originalStartTime": {"date": "2026-12-24"},
         "iCalUID": "h0l1d4y@google.com"}
        """, "Asia/Tokyo");
    assertThat(at(e.originalStartAt())).isEqualTo(Instant.parse("2026-12-24T00:00:00Z"));
    assertThat(e.allDay()).isTrue();
  }

  @Test
  void eventTypes() {
    String base = "{\"id\": \"x1\", \"status\": \"confirmed\", \"updated\": \"2026-06-01T12:00:00Z\","
        + " \"start\": {\"dateTime\": \"2026-06-15T10:00:00Z\"}, \"end\": {\"dateTime\": \"2026-06-15T11:00:00Z\"}";
    assertThat(parsed(base + "}", null).eventType()).as("absent means default").isEqualTo("default");
    assertThat(parsed(base + ", \"eventType\": \"outOfOffice\"}", null).eventType()).isEqualTo("outOfOffice");
    assertThat(parsed(base + ", \"eventType\": \"focusTime\"}", null).eventType()).isEqualTo("focusTime");
    assertThat(parsed(base + ", \"eventType\": \"workingLocation\"}", null).eventType())
        .isEqualTo("workingLocation");
  }

  @Test
  void aMinimalCancelledInstance() {
    // What a sync returns for a cancelled occurrence: no updated, iCalUID, start or attendees.
    CalendarResources.Event e = parsed("""
        {"kind": "calendar#event", "etag": "\\"3401\\"", "id": "7k3q9v0c1m_20260624T080000Z",
         "status": "cancelled", "recurringEventId": "7k3q9v0c1m",
         "originalStartTime": {"dateTime": "2026-06-24T10:00:00+02:00", "timeZone": "Europe/Berlin"}}
        """, null);
    assertThat(e.status()).isEqualTo("cancelled");
    assertThat(e.recurringEventId()).isEqualTo("7k3q9v0c1m");
    assertThat(at(e.originalStartAt())).isEqualTo(Instant.parse("2026-06-24T08:00:00Z"));
    assertThat(e.updated()).isNull();
    assertThat(e.iCalUid()).isNull();
    assertThat(e.startAt()).isNull();
    assertThat(e.endAt()).isNull();
    assertThat(e.allDay()).isFalse();
    assertThat(e.organizerEmail()).isNull();
    assertThat(e.attendees()).isEmpty();
  }

  @Test
  void anUnreadableTimeIsAProblem() throws java.io.IOException {
    CalendarResources.Parsed p = CalendarResources.parse(MAPPER.readTree("""
        {"id": "x2", "start": {"dateTime": "15/06/2026 10:00"}, "end": {"dateTime": "2026-06-15T11:00:00Z"}}
        """), null);
    assertThat(p.event()).isNull();
    assertThat(p.problem()).isEqualTo("unreadable start: '15/06/2026 10:00'");
    assertThat(CalendarResources.parse(MAPPER.readTree("""
        {"id": "x3", "start": {"dateTime": "2026-06-15T10:00:00"}, "end": {"dateTime": "2026-06-15T11:00:00"}}
        """), "Mars/Olympus_Mons").problem())
        .isEqualTo("unknown page timeZone 'Mars/Olympus_Mons' for start without offset");
  }

  @Test
  void aResourceWithoutIdIsNotAnEvent() throws java.io.IOException {
    CalendarResources.Parsed p = CalendarResources.parse(MAPPER.readTree("""
        {"kind": "calendar#event", "status": "confirmed", "start": {"date": "2026-06-20"}}
        """), null);
    assertThat(p.event()).isNull();
    assertThat(p.problem()).contains("id");
  }
}
