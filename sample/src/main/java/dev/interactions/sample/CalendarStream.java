package dev.interactions.sample;

import java.io.IOException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Calendar events as the API returns them with {@code singleEvents=true}: one resource per
 * occurrence, written to the calendar of every connected team member on the invitation.
 */
final class CalendarStream extends ResourceStream {
  private static final String[][] ROOMS = {
    {"Lisbon HQ-2-Tejo (8)", "c_1886a8dbf0e5b3c2@resource.calendar.google.com"},
    {"Lisbon HQ-3-Douro (4)", "c_18843f1e2a7c90d5@resource.calendar.google.com"},
    {"Berlin-1-Spree (6)", "c_1889b2c4d6e8f0a1@resource.calendar.google.com"},
  };
  private static final String[] CUSTOMER_MEETINGS = {
    "%s QBR", "%s renewal discussion", "Onboarding: %s", "%s technical deep-dive",
    "Intro call — %s x Helio",
  };
  private static final String[] INTERNAL_MEETINGS = {
    "Pipeline review", "Renewal forecast", "Account planning: %s", "CS team retro",
    "Escalation sync: %s",
  };
  private static final LocalTime[] CHECK_IN_TIMES = {
    LocalTime.of(10, 0), LocalTime.of(15, 30), LocalTime.of(16, 0),
  };
  /** Suffix of a recurring instance's id: its original start in UTC. */
  private static final DateTimeFormatter INSTANCE_SUFFIX =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final String BASE32HEX = "0123456789abcdefghijklmnopqrstuv";
  private static final String HEX = "0123456789abcdef";

  private final EventHistory history;
  private final CalendarCopies copies;

  CalendarStream(Cast cast, SampleOptions options, Window window, Dice dice, ResourceSinks sinks) {
    super(cast, options, window, dice);
    this.history = new EventHistory(window, dice);
    this.copies = new CalendarCopies(cast, dice, sinks);
  }

  @Override
  void writeAll() throws IOException {
    weeklyCheckIns();
    customerMeetings();
    onsiteVisits();
    thirdPartyMeetings();
    internalMeetings();
    personalEvents();
  }

  // ---- kinds of events

  /** Every third customer has a weekly check-in, expanded into instances up to the horizon. */
  private void weeklyCheckIns() throws IOException {
    for (int i = 0; i < cast.customers.size(); i += 3) {
      Customer c = cast.customers.get(i);
      TeamMember owner = c.owner();
      List<Attendee> people = new ArrayList<>();
      people.add(Attendee.of(owner.person(), "accepted").asOrganizer());
      for (User u : dice.distinctUsers(c, 2)) {
        people.add(Attendee.of(u.person(), "accepted"));
      }
      if (c.partner() != null && dice.nextBoolean()) {
        people.add(Attendee.of(c.partner().person(), "accepted"));
      }
      String[] room = i == 0 || dice.nextInt(3) == 0 ? dice.pick(ROOMS) : null;
      if (room != null) {
        people.add(Attendee.room(room));
      }
      ZoneId zone = owner.person().zone();
      DayOfWeek day = DayOfWeek.of(2 + dice.nextInt(3));
      ZonedDateTime first = window.start().atZone(zone)
          .with(TemporalAdjusters.nextOrSame(day)).with(dice.pick(CHECK_IN_TIMES));
      if (first.toInstant().isBefore(window.start())) {
        first = first.plusWeeks(1);
      }
      String base = eventId();
      Instant created = first.toInstant().minus(Duration.ofDays(7 + dice.nextInt(21)));
      Instant seriesUpdated = created.plus(Duration.ofHours(2 + dice.nextInt(48)));
      int k = 0;
      for (ZonedDateTime occ = first; occ.toInstant().isBefore(window.horizon());
          occ = occ.plusWeeks(1), k++) {
        Event ev = new Event();
        ev.id = base + "_" + INSTANCE_SUFFIX.format(occ.toInstant());
        ev.iCalUID = base + "@google.com";
        ev.recurringEventId = base;
        ev.originalStart = occ;
        ev.summary = c.name() + " <> Helio weekly check-in";
        ev.location = room == null ? null : room[0];
        ev.organizer = owner.person();
        ev.start = occ;
        ev.end = occ.plusMinutes(30);
        ev.attendees = new ArrayList<>(people);
        ev.created = created;
        ev.updated = seriesUpdated;
        vary(ev, k);
        copies.write(ev);
      }
    }
  }

  /** Instance exceptions: the third (and a few more) cancelled, some moved, some declined. */
  private void vary(Event ev, int k) {
    Instant occ = ev.originalStart.toInstant();
    if (k == 2 || dice.nextInt(100) < 7) {
      ev.status = "cancelled";
      ev.sequence = 1;
      ev.updated = history.changed(ev.updated, occ);
      return;
    }
    if (dice.nextInt(100) < 5) {
      ev.start = ev.start.plusDays(1); // moved; originalStartTime keeps its identity
      ev.end = ev.end.plusDays(1);
      ev.sequence = 1;
      ev.updated = history.changed(ev.updated, occ);
    }
    if (k == 1 || dice.nextInt(100) < 15) {
      history.declineOneContact(ev);
    }
  }

  /** Customer meetings over the whole window, plus a few in the two weeks after its end. */
  private void customerMeetings() throws IOException {
    long count = Math.round(cast.customers.size() * options.months() * 0.6);
    long days = Duration.between(window.start(), window.horizon()).toDays() - 2;
    for (long n = 0; n < count; n++) {
      customerMeeting(weekday(window.start(), days));
    }
    int future = Math.max(2, cast.customers.size() / 3);
    for (int n = 0; n < future; n++) {
      customerMeeting(weekday(window.end().plus(Duration.ofDays(1)), 10));
    }
  }

  private void customerMeeting(LocalDate date) throws IOException {
    Customer c = dice.pick(cast.customers);
    TeamMember owner = c.owner();
    List<User> contacts = dice.distinctUsers(c, 1 + dice.nextInt(3));
    boolean customerOrganizes = dice.nextInt(4) == 0;
    Person organizer = customerOrganizes ? contacts.get(0).person() : owner.person();
    Event ev = new Event();
    ev.id = eventId();
    ev.iCalUID = customerOrganizes ? outlookUid() : ev.id + "@google.com";
    ev.summary = String.format(dice.pick(CUSTOMER_MEETINGS), c.name());
    ev.organizer = organizer;
    ev.start = date.atTime(9 + dice.nextInt(8), dice.nextBoolean() ? 0 : 30)
        .atZone(organizer.zone());
    ev.end = ev.start.plusMinutes(30L * (1 + dice.nextInt(2)));
    ev.attendees.add(Attendee.of(organizer, "accepted").asOrganizer());
    if (customerOrganizes) {
      String response = dice.nextBoolean() ? "accepted" : "tentative";
      ev.attendees.add(Attendee.of(owner.person(), response));
    }
    for (User u : contacts.subList(customerOrganizes ? 1 : 0, contacts.size())) {
      String response = dice.nextInt(5) == 0 ? "needsAction" : "accepted";
      ev.attendees.add(Attendee.of(u.person(), response));
    }
    if (c.partner() != null && dice.nextInt(10) < 3) {
      ev.attendees.add(Attendee.of(c.partner().person(), "accepted"));
    }
    if (!customerOrganizes && dice.nextInt(4) == 0) {
      bookRoom(ev);
    }
    history.stamp(ev, ev.start.toInstant());
    if (dice.nextInt(100) < 7) {
      ev.status = "cancelled";
      ev.sequence = 1;
      ev.updated = history.changed(ev.updated, ev.start.toInstant());
    } else if (dice.nextInt(100) < 20) {
      history.declineOneContact(ev);
    } else if (dice.nextInt(100) < 15) {
      Event stale = ev.copy(); // renamed later: older copies still show the first title
      stale.summary = c.name() + " sync";
      ev.updated = history.changed(ev.updated, ev.start.toInstant());
      ev.stale = stale;
    }
    copies.write(ev);
  }

  /** All-day visits at some customers: they start at 00:00 UTC of their date downstream. */
  private void onsiteVisits() throws IOException {
    long days = window.days();
    for (int i = 1; i < cast.customers.size(); i += 4) {
      Customer c = cast.customers.get(i);
      Event ev = new Event();
      ev.id = eventId();
      ev.iCalUID = ev.id + "@google.com";
      ev.summary = "Onsite visit: " + c.name();
      ev.organizer = c.owner().person();
      ev.allDay = weekday(window.start(), days);
      ev.attendees.add(Attendee.of(ev.organizer, "accepted").asOrganizer());
      ev.attendees.add(Attendee.of(c.users().get(0).person(), "accepted"));
      history.stamp(ev, ev.allDay.atStartOfDay(ZoneOffset.UTC).toInstant());
      copies.write(ev);
    }
  }

  /** A vendor or recruiter invites a team member and a customer contact. */
  private void thirdPartyMeetings() throws IOException {
    int count = Math.max(1, cast.customers.size() / 4);
    long days = window.days();
    for (int n = 0; n < count; n++) {
      Person organizer = dice.pick(OutsideSenders.THIRD_PARTIES);
      Event ev = new Event();
      ev.id = eventId();
      ev.iCalUID = outlookUid();
      ev.summary = organizer.first() + " x Helio: introductions";
      ev.organizer = organizer;
      ev.start = weekday(window.start(), days).atTime(11, 0).atZone(organizer.zone());
      ev.end = ev.start.plusMinutes(30);
      ev.attendees.add(Attendee.of(organizer, "accepted").asOrganizer());
      ev.attendees.add(Attendee.of(dice.pick(cast.connected).person(), "accepted"));
      ev.attendees.add(Attendee.of(dice.pick(cast.users).person(), "needsAction"));
      history.stamp(ev, ev.start.toInstant());
      copies.write(ev);
    }
  }

  /** Team-only meetings, often in a room: never interactions. */
  private void internalMeetings() throws IOException {
    if (cast.team.size() < 2) {
      return;
    }
    long count = Math.max(1, cast.team.size() * options.months() / 2);
    long days = Duration.between(window.start(), window.horizon()).toDays() - 2;
    for (long n = 0; n < count; n++) {
      TeamMember organizer = dice.pick(cast.connected);
      Event ev = new Event();
      ev.id = eventId();
      ev.iCalUID = ev.id + "@google.com";
      ev.summary = String.format(dice.pick(INTERNAL_MEETINGS), dice.pick(cast.customers).name());
      ev.organizer = organizer.person();
      ev.start = weekday(window.start(), days).atTime(9 + dice.nextInt(8), 0)
          .atZone(organizer.person().zone());
      ev.end = ev.start.plusMinutes(30L * (1 + dice.nextInt(2)));
      ev.attendees.add(Attendee.of(organizer.person(), "accepted").asOrganizer());
      int others = 1 + dice.nextInt(Math.min(3, cast.team.size() - 1));
      int startAt = dice.nextInt(cast.team.size());
      for (int i = 0; i < cast.team.size() && ev.attendees.size() <= others; i++) {
        TeamMember m = cast.team.get((startAt + i) % cast.team.size());
        if (m != organizer) {
          String response = dice.nextInt(6) == 0 ? "declined" : "accepted";
          ev.attendees.add(Attendee.of(m.person(), response));
        }
      }
      if (dice.nextInt(10) < 4) {
        bookRoom(ev);
      }
      history.stamp(ev, ev.start.toInstant());
      copies.write(ev);
    }
  }

  /** Out-of-office, focus time and working location: in their owner's calendar only. */
  private void personalEvents() throws IOException {
    long days = Duration.between(window.start(), window.horizon()).toDays() - 2;
    for (TeamMember m : cast.connected) {
      ZoneId zone = m.person().zone();
      for (int n = 0; n < (options.months() + 1) / 2; n++) {
        Event ev = personal(m, "outOfOffice", "Out of office");
        ev.start = weekday(window.start(), days).atStartOfDay(zone);
        ev.end = ev.start.plusDays(1 + dice.nextInt(3));
        writePersonal(m, ev);
      }
      for (int n = 0; n < (options.months() + 2) / 3; n++) {
        Event ev = personal(m, "focusTime", "Focus time");
        ev.start = weekday(window.start(), days).atTime(13, 0).atZone(zone);
        ev.end = ev.start.plusHours(2);
        writePersonal(m, ev);
      }
      Event ev = personal(m, "workingLocation", dice.nextBoolean() ? "Home" : "Office");
      ev.workingLocation = ev.summary.equals("Office") ? "Lisbon HQ" : null;
      ev.allDay = weekday(window.start(), days);
      writePersonal(m, ev);
    }
  }

  private Event personal(TeamMember m, String type, String summary) {
    Event ev = new Event();
    ev.id = eventId();
    ev.iCalUID = ev.id + "@google.com";
    ev.eventType = type;
    ev.summary = summary;
    ev.organizer = m.person();
    return ev;
  }

  private void writePersonal(TeamMember m, Event ev) throws IOException {
    Instant at = ev.allDay != null ? ev.allDay.atStartOfDay(ZoneOffset.UTC).toInstant()
        : ev.start.toInstant();
    history.stamp(ev, at);
    copies.writeOwn(m, ev);
  }

  // ---- small steps

  /** A meeting room as an attendee, and its name as the location. */
  private void bookRoom(Event ev) {
    String[] room = dice.pick(ROOMS);
    ev.attendees.add(Attendee.room(room));
    ev.location = room[0];
  }

  /** A Monday-to-Friday date within {@code days} (+2 for a weekend) days from {@code from}. */
  private LocalDate weekday(Instant from, long days) {
    LocalDate d = from.atZone(ZoneOffset.UTC).toLocalDate()
        .plusDays(dice.nextLong(Math.max(1, days)));
    DayOfWeek w = d.getDayOfWeek();
    return w == DayOfWeek.SATURDAY ? d.plusDays(2) : w == DayOfWeek.SUNDAY ? d.plusDays(1) : d;
  }

  /** Google's event ids: 26 base32hex characters. */
  private String eventId() {
    return dice.characters(BASE32HEX, 26);
  }

  /** The iCalUID Outlook gives meetings that people outside Google send. */
  private String outlookUid() {
    return "040000008200E00074C5B7101A82E00800000000"
        + dice.characters(HEX, 32).toUpperCase(Locale.ROOT);
  }
}
