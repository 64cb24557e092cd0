package dev.interactions.ingest.google;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code ratePerSecond} units flow in, up to {@code capacity}; taking more than
 * is there reserves the shortfall and sleeps until it has flowed in, so concurrent callers queue in
 * the order they asked and the long-run rate never exceeds the budget. The clock and the sleeper
 * are injected so that the arithmetic is tested without waiting.
 */
public final class TokenBucket {
  /** Sleeps for a number of nanoseconds. */
  @FunctionalInterface
  public interface Sleeper {
    void sleepNanos(long nanos) throws InterruptedException;

    Sleeper REAL = nanos -> {
      if (nanos > 0) {
        Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
      }
    };
  }

  private final double ratePerNano;
  private final double capacity;
  private final LongSupplier nanoClock;
  private final Sleeper sleeper;
  private double available;
  private long updatedAt;

  public TokenBucket(double ratePerSecond, double capacity, LongSupplier nanoClock, Sleeper sleeper) {
    if (!(ratePerSecond > 0) || !(capacity > 0)) {
      throw new IllegalArgumentException("a token bucket needs a positive rate and capacity");
    }
    this.ratePerNano = ratePerSecond / 1e9;
    this.capacity = capacity;
    this.nanoClock = nanoClock;
    this.sleeper = sleeper;
    this.available = capacity;
    this.updatedAt = nanoClock.getAsLong();
  }

  /** A bucket on the real clock that holds one second's worth of units (the burst Google tolerates). */
  public static TokenBucket perSecond(double ratePerSecond) {
    return new TokenBucket(ratePerSecond, ratePerSecond, System::nanoTime, Sleeper.REAL);
  }

  /** Takes {@code units}, sleeping as long as needed; returns the nanoseconds it slept for. */
  public long take(double units) throws InterruptedException {
    long wait = reserve(units);
    if (wait > 0) {
      sleeper.sleepNanos(wait);
    }
    return wait;
  }

  /** Takes the units now (the balance may go negative) and says how long the caller must wait for them. */
  synchronized long reserve(double units) {
    long now = nanoClock.getAsLong();
    available = Math.min(capacity, available + (now - updatedAt) * ratePerNano);
    updatedAt = now;
    available -= units;
    return available >= 0 ? 0 : (long) Math.ceil(-available / ratePerNano);
  }
}
