package dev.interactions.sample;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/** One occurrence; {@code stale} is an older state that copies other than the latest show. */
final class Event implements Cloneable {
  String id;
  String iCalUID;
  String status = "confirmed";
  String summary;
  String location;
  String eventType = "default";
  String workingLocation; // officeLocation label, or null for home office
  Person organizer;
  ZonedDateTime start;
  ZonedDateTime end;
  LocalDate allDay; // set for one-day all-day events instead of start/end
  String recurringEventId;
  ZonedDateTime originalStart;
  List<Attendee> attendees = new ArrayList<>();
  Instant created;
  Instant updated;
  int sequence;
  Event stale;

  /** The same event with its own attendee list and no older state of its own. */
  Event copy() {
    try {
      Event e = (Event) super.clone(); // every field, so a new one cannot be forgotten
      e.attendees = new ArrayList<>(attendees);
      e.stale = null;
      return e;
    } catch (CloneNotSupportedException impossible) {
      throw new AssertionError(impossible);
    }
  }
}
