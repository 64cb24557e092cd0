package dev.interactions.sample;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** Emails fall in [start, end); meetings in [start, horizon), horizon being 2 weeks after end. */
record Window(Instant start, Instant end, Instant horizon) {
  static Window of(SampleOptions o) {
    Instant start = o.end().atZone(ZoneOffset.UTC).minusMonths(o.months()).toInstant();
    return new Window(start, o.end(), o.end().plus(Duration.ofDays(14)));
  }

  long days() {
    return Math.max(1, Duration.between(start, end).toDays());
  }
}
