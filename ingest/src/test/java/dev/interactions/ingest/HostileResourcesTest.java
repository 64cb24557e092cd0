package dev.interactions.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Odd Gmail Message and Calendar Event resources: what lands, what is refused and why (no Spark). */
class HostileResourcesTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode json(String s) {
    try {
      return JSON.readTree(s);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static String gmailProblem(String resource) {
    return GmailResources.parse(json(resource)).problem();
  }

  static GmailResources.Message gmail(String resource) {
    GmailResources.Parsed p = GmailResources.parse(json(resource));
    assertThat(p.problem()).as("lands").isNull();
    return p.message();
  }

  static String calendarProblem(String resource, String pageZone) {
    return CalendarResources.parse(json(resource), pageZone).problem();
  }

  static CalendarResources.Event event(String resource) {
    CalendarResources.Parsed p = CalendarResources.parse(json(resource), null);
    assertThat(p.problem()).as("lands").isNull();
    return p.event();
  }

  @Test
  void anIdMustBeANonEmptyJsonString() {
    assertThat(gmailProblem("{\"threadId\": \"t\"}")).isEqualTo("missing id: not a Gmail Message resource");
    assertThat(gmailProblem("{\"id\": null}")).isEqualTo("missing id: not a Gmail Message resource");
    assertThat(gmailProblem("{\"id\": 42}")).isEqualTo("id is not a non-empty string: 42");
    assertThat(gmailProblem("{\"id\": \" \"}")).isEqualTo("id is not a non-empty string: \" \"");
    assertThat(gmailProblem("{\"id\": [\"m1\"]}")).isEqualTo("id is not a non-empty string: [\"m1\"]");
    assertThat(calendarProblem("{\"id\": {}}", null)).isEqualTo("id is not a non-empty string: {}");
    assertThat(gmailProblem("[1]")).isEqualTo("not a JSON object");
  }

  @Test
  void internalDateAndHistoryIdMustBeWholeNumbersInRange() {
    assertThat(gmail("{\"id\": \"m\", \"internalDate\": 1781078400000, \"historyId\": \"7\"}").historyId()).isEqualTo(7);
    assertThat(gmail("{\"id\": \"m\", \"internalDate\": null, \"historyId\": null}").internalDate()).isNull();
    assertThat(gmailProblem("{\"id\": \"m\", \"internalDate\": \"253402300800000\"}"))
        .isEqualTo("internalDate out of range (1970 to 9999): 253402300800000");
    assertThat(gmailProblem("{\"id\": \"m\", \"internalDate\": \"-1000\"}"))
        .isEqualTo("internalDate out of range (1970 to 9999): -1000");
    assertThat(gmailProblem("{\"id\": \"m\", \"internalDate\": \"1781078400000.5\"}"))
        .isEqualTo("internalDate is not a whole number: \"1781078400000.5\"");
    assertThat(gmailProblem("{\"id\": \"m\", \"internalDate\": 1.5}")).isEqualTo("internalDate is not a whole number: 1.5");
    assertThat(gmailProblem("{\"id\": \"m\", \"historyId\": {\"n\": 1}}"))
        .isEqualTo("historyId is not a whole number: {\"n\":1}");
  }

  @Test
  void wrongTypedOptionalFieldsReadAsAbsent() {
    GmailResources.Message m = gmail("{\"id\": \"m\", \"threadId\": {\"a\": 1}, \"labelIds\": \"INBOX\","
        + " \"snippet\": [1], \"payload\": \"text\"}");
    assertThat(m.threadId()).isNull();
    assertThat(m.labelIds()).isEmpty();
    assertThat(m.snippet()).isNull();
    assertThat(m.headers()).isEmpty();
    assertThat(gmail("{\"id\": \"m\", \"labelIds\": [null, 5, \"DRAFT\", {}], \"payload\": {\"headers\": {\"name\": \"From\"}}}"))
        .satisfies(x -> assertThat(x.labelIds()).containsExactly("DRAFT"))
        .satisfies(x -> assertThat(x.headers()).isEmpty());
  }

  @Test
  void headersNeedAStringNameAndAStringValueAndCrLfIsKeptAsData() {
    GmailResources.Message m = gmail("""
        {"id": "m", "payload": {"headers": [null, 5, "From: x", {"name": null, "value": "a"},
          {"name": "From", "value": null}, {"name": 7, "value": "x"}, {"name": "Subject", "value": {"x": 1}},
          {"name": "From", "value": "Eve <eve@nowhere.example>\\r\\nBcc: x@nowhere.example"},
          {"name": "Subject", "value": "hi\\r\\nX-Injected: yes"}]}}
        """);
    assertThat(m.headers()).containsOnlyKeys("from", "subject");
    assertThat(m.header("from")).isEqualTo("Eve <eve@nowhere.example>\r\nBcc: x@nowhere.example");
    assertThat(m.header("subject")).isEqualTo("hi\r\nX-Injected: yes");
  }

  @Test
  void eventTypeOrganizerAndAttendeesOfTheWrongShapeAreAbsent() {
    CalendarResources.Event e = event("{\"id\": \"e\", \"eventType\": 5, \"organizer\": \"maya\","
        + " \"attendees\": {\"email\": \"a@b.example\"}}");
    assertThat(e.eventType()).isEqualTo("default");
    assertThat(e.organizerEmail()).isNull();
    assertThat(e.attendees()).isEmpty();
    assertThat(event("{\"id\": \"e\", \"eventType\": null, \"attendees\": [null, 5, {\"email\": null},"
        + " {\"email\": 5}, {\"responseStatus\": \"accepted\"}, {\"email\": \"A@B.example\", \"responseStatus\": 3}]}"))
        .satisfies(x -> assertThat(x.eventType()).isEqualTo("default"))
        .satisfies(x -> assertThat(x.attendees()).containsExactly(
            new CalendarResources.Attendee("a@b.example", null, false, false)));
  }

  @Test
  void eventsWithoutStartOrEndingBeforeTheyStartLand() {
    assertThat(event("{\"id\": \"e\"}").startAt()).isNull();
    assertThat(event("{\"id\": \"e\", \"start\": {}}").startAt()).isNull();
    assertThat(event("{\"id\": \"e\", \"start\": \"tomorrow\"}").startAt()).isNull();
    CalendarResources.Event backwards = event("{\"id\": \"e\", \"start\": {\"dateTime\": \"2026-06-02T10:00:00Z\"},"
        + " \"end\": {\"dateTime\": \"2026-06-01T10:00:00Z\"}}");
    assertThat(backwards.endAt()).isBefore(backwards.startAt());
  }

  @Test
  void unreadableAndOutOfRangeDatesAreRefusedNamingTheField() {
    assertThat(calendarProblem("{\"id\": \"e\", \"start\": {\"date\": \"+10000-01-01\"}}", null))
        .isEqualTo("start out of range (years 1 to 9999): '+10000-01-01'");
    assertThat(calendarProblem("{\"id\": \"e\", \"start\": {\"dateTime\": \"10000-01-01T00:00:00Z\"}}", null))
        .isEqualTo("unreadable start: '10000-01-01T00:00:00Z'");
    assertThat(calendarProblem("{\"id\": \"e\", \"end\": {\"date\": \"-0001-01-01\"}}", null))
        .isEqualTo("end out of range (years 1 to 9999): '-0001-01-01'");
    assertThat(calendarProblem("{\"id\": \"e\", \"start\": {\"date\": \"2026-02-30\"}}", null))
        .isEqualTo("unreadable start: '2026-02-30'");
    assertThat(calendarProblem("{\"id\": \"e\", \"updated\": \"2026-06-01T10:00:00\"}", null))
        .isEqualTo("unreadable updated: '2026-06-01T10:00:00'");
    assertThat(calendarProblem("{\"id\": \"e\", \"start\": {\"dateTime\": 5}}", null))
        .isEqualTo("start dateTime is not a string");
  }

  @Test
  void anUnknownTimeZoneSpoilsOnlyTheEventsThatNeedIt() {
    String offset = "{\"id\": \"e\", \"start\": {\"dateTime\": \"2026-06-01T10:00:00+02:00\"}}";
    String local = "{\"id\": \"e\", \"start\": {\"dateTime\": \"2026-06-01T10:00:00\"}}";
    String own = "{\"id\": \"e\", \"start\": {\"dateTime\": \"2026-06-01T10:00:00\", \"timeZone\": \"Europe/Berlin\"}}";
    assertThat(calendarProblem(offset, "Mars/Olympus_Mons")).isNull();
    assertThat(calendarProblem(own, "Mars/Olympus_Mons")).isNull();
    assertThat(calendarProblem(local, "Mars/Olympus_Mons"))
        .isEqualTo("unknown page timeZone 'Mars/Olympus_Mons' for start without offset");
    assertThat(calendarProblem(own.replace("Europe/Berlin", "Nowhere/City"), null))
        .isEqualTo("unknown timeZone 'Nowhere/City' for start without offset");
  }
}
