package dev.interactions.sample;

import java.time.Duration;
import java.time.Instant;

/** When an event was created and later changed, always before the sample's end. */
final class EventHistory {
  private final Window window;
  private final Dice dice;

  EventHistory(Window window, Dice dice) {
    this.window = window;
    this.dice = dice;
  }

  /** Created before the event and before the sample's end; first saved soon after. */
  void stamp(Event ev, Instant at) {
    Instant created = at.minus(Duration.ofDays(1 + dice.nextInt(20)))
        .minusSeconds(dice.nextInt(86_400));
    Instant latest = window.end().minus(Duration.ofDays(3));
    ev.created = created.isAfter(latest) ? latest.minusSeconds(dice.nextInt(86_400)) : created;
    ev.updated = ev.created.plus(Duration.ofHours(2)).plusSeconds(dice.nextInt(86_400));
  }

  /** When a change was saved: before the occurrence and the sample's end, after the last save. */
  Instant changed(Instant previous, Instant occurrence) {
    Instant t = occurrence.minus(Duration.ofHours(1 + dice.nextInt(72)));
    Instant cap = window.end().minus(Duration.ofHours(1));
    if (t.isAfter(cap)) {
      t = cap.minusSeconds(dice.nextInt(3600));
    }
    Instant floor = previous.plus(Duration.ofHours(1));
    return t.isBefore(floor) ? floor.plusSeconds(dice.nextInt(3600)) : t;
  }

  /** The last contact declines; older copies still show the earlier answer. */
  void declineOneContact(Event ev) {
    for (int i = ev.attendees.size() - 1; i >= 0; i--) {
      Attendee a = ev.attendees.get(i);
      if (!a.resource() && !a.organizer() && !a.email().endsWith("@" + Cast.COMPANY_DOMAIN)) {
        ev.stale = ev.copy();
        ev.attendees.set(i, a.withResponse("declined"));
        ev.updated = changed(ev.updated, ev.originalStart != null
            ? ev.originalStart.toInstant() : ev.start.toInstant());
        return;
      }
    }
  }
}
