package dev.interactions.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Every random choice of one part of the sample (the cast, the mail, the calendar), drawn from
 * one seeded generator: the same seed replays the same choices in the same order.
 */
final class Dice {
  private final SplittableRandom rng;

  Dice(SplittableRandom rng) {
    this.rng = rng;
  }

  int nextInt(int bound) {
    return rng.nextInt(bound);
  }

  long nextLong(long bound) {
    return rng.nextLong(bound);
  }

  boolean nextBoolean() {
    return rng.nextBoolean();
  }

  <T> T pick(List<T> items) {
    return items.get(rng.nextInt(items.size()));
  }

  <T> T pick(T[] items) {
    return items[rng.nextInt(items.length)];
  }

  /** {@code n} characters drawn from {@code alphabet}: ids, tokens, hex digits. */
  String characters(String alphabet, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(rng.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  /** Up to {@code n} of the customer's contacts from a random start, none sharing an email. */
  List<User> distinctUsers(Customer c, int n) {
    List<User> out = new ArrayList<>();
    int start = rng.nextInt(c.users().size());
    for (int i = 0; i < c.users().size() && out.size() < n; i++) {
      User u = c.users().get((start + i) % c.users().size());
      if (out.stream().noneMatch(o -> o.email().equals(u.email()))) {
        out.add(u);
      }
    }
    return out;
  }
}
