package dev.interactions.sample;

import java.time.ZoneId;
import java.time.ZoneOffset;

/** An address as it appears in a header; {@code person} is null for role addresses. */
record Addr(String email, Person person) {
  static Addr of(TeamMember m) {
    return new Addr(m.email(), m.person());
  }

  static Addr of(User u) {
    return new Addr(u.email(), u.person());
  }

  ZoneId zone() {
    return person == null ? ZoneOffset.UTC : person.zone();
  }

  String firstName() {
    return person == null ? "team" : person.first();
  }
}
