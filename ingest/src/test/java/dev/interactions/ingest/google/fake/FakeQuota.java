package dev.interactions.ingest.google.fake;

import java.util.HashMap;
import java.util.Map;

/**
 * Google's per-user Gmail quota as the server enforces it: each mailbox may spend so many quota
 * units a second, with one second's worth of burst; a call beyond it is refused (and counted), so
 * a test can tell a client that stays under the quota from one that bounces off it.
 */
final class FakeQuota {
  private final double unitsPerSecond;
  private final Map<String, double[]> buckets = new HashMap<>();
  private int refused;

  FakeQuota(double unitsPerSecond) {
    this.unitsPerSecond = unitsPerSecond;
  }

  /** Whether the call may go through; its units are spent when it does. */
  synchronized boolean admit(String mailbox, String path) {
    long now = System.nanoTime();
    // bucket[0]: units available; bucket[1]: when last filled, in nanoseconds.
    double[] bucket = buckets.computeIfAbsent(mailbox, m -> new double[] {unitsPerSecond, now});
    bucket[0] = Math.min(unitsPerSecond, bucket[0] + (now - bucket[1]) / 1e9 * unitsPerSecond);
    bucket[1] = now;
    int units = units(path);
    if (bucket[0] < units) {
      refused++;
      return false;
    }
    bucket[0] -= units;
    return true;
  }

  synchronized int refused() {
    return refused;
  }

  /** Gmail's published units per method, for the calls the fake serves. */
  static int units(String path) {
    if (path.endsWith("/profile")) {
      return 1;
    }
    if (path.contains("/history")) {
      return 2;
    }
    return 5;
  }
}
