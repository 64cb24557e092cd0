package dev.interactions.sample;

import java.time.ZoneId;

/** Anyone who sends, receives or attends: their address, name, mail client style and zone. */
record Person(String email, String first, String last, NameStyle style, ZoneId zone) {
  String displayName() {
    return last.isEmpty() ? first : first + " " + last;
  }
}
