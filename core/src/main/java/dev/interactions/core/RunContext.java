package dev.interactions.core;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;

/** Identifies one run of a command: its id (recorded in every row it writes) and start instant. */
public record RunContext(String runId, Instant startedAt) {
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  public static RunContext start() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    return new RunContext(ID_TIME.format(now) + "-" + suffix, now);
  }

  public java.sql.Timestamp startedAtTimestamp() {
    return java.sql.Timestamp.from(startedAt);
  }
}
