package dev.interactions.ingest.google;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Which Google answers are worth retrying and how long to wait first: exponential backoff
 * (doubling from the first interval, at most {@code maxIntervalMillis}) with 50 % jitter, never
 * shorter than the server's {@code Retry-After} (seconds or an HTTP date), which is capped so that
 * a bad header cannot park a mailbox for hours. Bounded by a number of attempts per call.
 */
public record RetryPolicy(int maxAttempts, long firstMillis, long maxIntervalMillis, Duration maxRetryAfter,
    Random random, Supplier<Instant> clock) {
  /** 429 and the 5xx answers Google documents as transient. */
  static final Set<Integer> RETRIED_STATUSES = Set.of(429, 500, 502, 503, 504);
  /** A 403 is a quota answer (worth waiting for) only with one of these reasons. */
  static final Set<String> RATE_LIMIT_REASONS = Set.of("rateLimitExceeded", "userRateLimitExceeded");

  public static final int DEFAULT_ATTEMPTS = 8;
  public static final long DEFAULT_FIRST_MILLIS = 500;
  public static final long DEFAULT_MAX_INTERVAL_MILLIS = 32_000;
  public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofMinutes(5);

  public RetryPolicy {
    if (maxAttempts < 1 || firstMillis < 0 || maxIntervalMillis < firstMillis) {
      throw new IllegalArgumentException("retry policy needs at least one attempt and 0 <= first <= max interval");
    }
  }

  public static RetryPolicy defaults() {
    return new RetryPolicy(DEFAULT_ATTEMPTS, DEFAULT_FIRST_MILLIS, DEFAULT_MAX_INTERVAL_MILLIS,
        DEFAULT_MAX_RETRY_AFTER, new Random(), Instant::now);
  }

  /** The same policy with another first interval (and Retry-After cap), for tests and impatient callers. */
  public RetryPolicy withFirstMillis(long millis, Duration retryAfterCap) {
    return new RetryPolicy(maxAttempts, millis, Math.max(millis, Math.min(maxIntervalMillis, millis * 64)),
        retryAfterCap, random, clock);
  }

  /** Whether an HTTP answer is transient; {@code reason} is Google's first error reason, or null. */
  public static boolean retryable(int status, String reason) {
    return RETRIED_STATUSES.contains(status) || status == 403 && reason != null && RATE_LIMIT_REASONS.contains(reason);
  }

  /** Whether a call that has failed {@code attempts} times may be tried again. */
  public boolean mayRetry(int attempts) {
    return attempts < maxAttempts;
  }

  /** How long to wait after the {@code attempt}-th failure (1-based), given the answer's Retry-After (or null). */
  public long delayMillis(int attempt, String retryAfter) {
    double backOff = Math.min(maxIntervalMillis, firstMillis * Math.pow(2, Math.max(0, attempt - 1)));
    long jittered = Math.round(backOff * (0.5 + random.nextDouble()));
    Duration asked = parseRetryAfter(retryAfter, clock.get());
    if (asked == null) {
      return jittered;
    }
    long askedMillis = Math.min(asked.toMillis(), maxRetryAfter.toMillis());
    return Math.max(jittered, askedMillis);
  }

  /** A Retry-After value as a wait from {@code now}: delta seconds or an HTTP date; null when absent or unreadable. */
  static Duration parseRetryAfter(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    if (v.matches("[0-9]{1,9}")) {
      return Duration.ofSeconds(Long.parseLong(v));
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
