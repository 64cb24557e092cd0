package dev.interactions.sample;

import java.time.Instant;
import java.util.Objects;

/**
 * What to generate.
 *
 * @param teamMembers team members (the last one is not connected when there are 3 or more)
 * @param customers customers
 * @param usersPerCustomer customer contacts per customer
 * @param months how far back from {@code end} mail and meetings go
 * @param seed the only source of randomness
 * @param end the instant the sample is "taken": no email after it, meetings up to 2 weeks after
 */
public record SampleOptions(
    int teamMembers, int customers, int usersPerCustomer, int months, long seed, Instant end) {

  public SampleOptions {
    if (teamMembers < 1 || customers < 1 || usersPerCustomer < 1 || months < 1) {
      throw new IllegalArgumentException(
          "teamMembers, customers, usersPerCustomer and months must be at least 1");
    }
    Objects.requireNonNull(end, "end");
  }

  /** A sample a local pipeline run gets through in seconds: a few hundred messages. */
  public static SampleOptions small() {
    return new SampleOptions(4, 6, 3, 3, 42L, Instant.parse("2026-06-30T00:00:00Z"));
  }
}
