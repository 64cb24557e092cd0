package dev.interactions.sample;

/** One entry of an event's attendee list: a person or a room. */
record Attendee(
    String email, String displayName, String response, boolean organizer, boolean resource) {
  static Attendee of(Person p, String response) {
    String name = p.style() == NameStyle.PLAIN ? null : p.displayName();
    return new Attendee(p.email(), name, response, false, false);
  }

  static Attendee room(String[] room) {
    return new Attendee(room[1], room[0], "accepted", false, true);
  }

  Attendee withResponse(String r) {
    return new Attendee(email, displayName, r, organizer, resource);
  }

  Attendee asOrganizer() {
    return new Attendee(email, displayName, response, true, resource);
  }
}
