package dev.interactions.sample;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Writes each event to the calendars that hold it, each copy with its own {@code updated}. */
record CalendarCopies(Cast cast, Dice dice, ResourceSinks sinks) {

  /**
   * One copy per connected team member on the invitation (organizer, attendees, decliners
   * too). One copy, at random, carries the latest {@code updated} and the current state; the
   * others are a little older and, when the event changed, show its previous state.
   */
  void write(Event ev) throws IOException {
    List<TeamMember> holders = new ArrayList<>();
    addHolder(holders, ev.organizer.email());
    for (Attendee a : ev.attendees) {
      if (!a.resource()) {
        addHolder(holders, a.email());
      }
    }
    if (holders.isEmpty()) {
      return;
    }
    int latest = dice.nextInt(holders.size());
    for (int i = 0; i < holders.size(); i++) {
      TeamMember owner = holders.get(i);
      Event version = i == latest || ev.stale == null ? ev : ev.stale;
      Instant updated = i == latest ? ev.updated
          : max(ev.created, version.updated.minusSeconds(60 + dice.nextInt(3540)));
      sinks.write(owner.email(), g -> EventJson.write(g, version, updated, owner));
    }
  }

  /** An event only its owner's calendar holds (out of office, focus time, working location). */
  void writeOwn(TeamMember owner, Event ev) throws IOException {
    sinks.write(owner.email(), g -> EventJson.write(g, ev, ev.updated, owner));
  }

  private void addHolder(List<TeamMember> holders, String email) {
    for (TeamMember m : cast.mailboxesReachedBy(email)) {
      if (m.connected() && !holders.contains(m)) {
        holders.add(m);
      }
    }
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
