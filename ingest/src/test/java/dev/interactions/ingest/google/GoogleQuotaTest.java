package dev.interactions.ingest.google;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket and the Gmail quota costs, on a fake clock whose sleeper moves it forward. */
class GoogleQuotaTest {
  static final long SECOND = 1_000_000_000L;

  /** A clock that only moves when someone sleeps on it. */
  static final class FakeClock {
    final AtomicLong nanos = new AtomicLong();
    final List<Long> sleeps = new ArrayList<>();

    TokenBucket bucket(double perSecond, double capacity) {
      return new TokenBucket(perSecond, capacity, nanos::get, n -> {
        sleeps.add(n);
        nanos.addAndGet(n);
      });
    }
  }

  @Test
  void aFullBucketLetsABurstThroughThenHoldsTheRate() throws Exception {
    FakeClock clock = new FakeClock();
    TokenBucket user = clock.bucket(250, 250);
    for (int i = 0; i < 50; i++) {
      user.take(5);
    }
    assertThat(clock.sleeps).isEmpty();
    // 250 more units (50 messages.get) at 250 units a second take one more second, not less.
    for (int i = 0; i < 50; i++) {
      user.take(5);
    }
    assertThat(clock.nanos.get()).isBetween(SECOND - 1000, SECOND + 1000);
  }

  @Test
  void theLongRunRateNeverExceedsTheBudget() throws Exception {
    FakeClock clock = new FakeClock();
    TokenBucket bucket = clock.bucket(100, 100);
    double taken = 0;
    for (int i = 0; i < 1000; i++) {
      bucket.take(i % 3 == 0 ? 5 : 2);
      taken += i % 3 == 0 ? 5 : 2;
    }
    double seconds = clock.nanos.get() / (double) SECOND;
    // Capacity (100) may go at once; the rest flows at 100 a second.
    assertThat(taken).isLessThanOrEqualTo(100 + 100 * seconds + 1e-6);
    assertThat(taken).isGreaterThan(100 * seconds);
  }

  @Test
  void idleTimeRefillsOnlyUpToTheCapacity() throws Exception {
    FakeClock clock = new FakeClock();
    TokenBucket bucket = clock.bucket(10, 10);
    bucket.take(10);
    clock.nanos.addAndGet(60 * SECOND);
    bucket.take(10);
    assertThat(clock.sleeps).isEmpty();
    assertThat(bucket.take(5)).isEqualTo(SECOND / 2);
  }

  @Test
  void aCallWaitsForBothItsMailboxAndTheProject() throws Exception {
    FakeClock clock = new FakeClock();
    TokenBucket project = clock.bucket(20, 20);
    QuotaLimiter limiter = new QuotaLimiter(project, m -> clock.bucket(1000, 1000));
    for (String mailbox : List.of("a@x.com", "b@x.com", "c@x.com", "d@x.com")) {
      limiter.take(mailbox, "/gmail/v1/users/me/messages/abc");
    }
    // 4 calls of 5 units fill the project's 20; the fifth waits for the project, not its mailbox.
    assertThat(clock.sleeps).isEmpty();
    limiter.take("e@x.com", "/gmail/v1/users/me/history");
    assertThat(clock.sleeps).containsExactly(SECOND / 10);
  }

  @Test
  void gmailCallsCostTheirPublishedUnits() {
    assertThat(QuotaLimiter.units("/gmail/v1/users/me/messages/18c1f0")).isEqualTo(5);
    assertThat(QuotaLimiter.units("/gmail/v1/users/me/messages")).isEqualTo(5);
    assertThat(QuotaLimiter.units("/gmail/v1/users/me/history")).isEqualTo(2);
    assertThat(QuotaLimiter.units("/gmail/v1/users/me/profile")).isEqualTo(1);
    assertThat(QuotaLimiter.units("/gmail/v1/users/me/labels")).isEqualTo(1);
    assertThat(QuotaLimiter.units("/gmail/v1/users/me/threads/t1")).isEqualTo(10);
    assertThat(QuotaLimiter.units("/proxy/gmail/v1/users/me/messages/1/attachments/2")).isEqualTo(5);
    assertThat(QuotaLimiter.units("/batch/gmail/v1")).isZero();
    assertThat(QuotaLimiter.units("/calendar/v3/calendars/primary/events")).isZero();
  }
}
