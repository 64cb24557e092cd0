package dev.interactions.ingest.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponseException;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The retry policy and the retrying call runner, in plain Java: a recorded sleeper, no waiting. */
class GoogleRetryPolicyTest {
  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  static RetryPolicy policy(int attempts) {
    return new RetryPolicy(attempts, 500, 32_000, Duration.ofMinutes(5), new Random(7), () -> NOW);
  }

  @Test
  void retriesRateLimitsAndTransientServerErrorsOnly() {
    for (int status : List.of(429, 500, 502, 503, 504)) {
      assertThat(RetryPolicy.retryable(status, null)).as("%s", status).isTrue();
    }
    assertThat(RetryPolicy.retryable(403, "rateLimitExceeded")).isTrue();
    assertThat(RetryPolicy.retryable(403, "userRateLimitExceeded")).isTrue();
    assertThat(RetryPolicy.retryable(403, "forbidden")).isFalse();
    assertThat(RetryPolicy.retryable(403, null)).isFalse();
    for (int status : List.of(400, 401, 404, 410, 501)) {
      assertThat(RetryPolicy.retryable(status, null)).as("%s", status).isFalse();
    }
  }

  @Test
  void backOffDoublesWithJitterUpToTheMaximum() {
    RetryPolicy p = policy(20);
    for (int attempt = 1; attempt <= 12; attempt++) {
      double base = Math.min(32_000, 500 * Math.pow(2, attempt - 1));
      assertThat(p.delayMillis(attempt, null)).as("attempt %s", attempt)
          .isBetween(Math.round(base * 0.5), Math.round(base * 1.5));
    }
    // Jitter: not every wait of the same attempt is the same.
    List<Long> firstWaits = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      firstWaits.add(p.delayMillis(1, null));
    }
    assertThat(firstWaits.stream().distinct().count()).isGreaterThan(1);
  }

  @Test
  void retryAfterInSecondsOrAsAnHttpDateIsHonouredAndCapped() {
    RetryPolicy p = policy(8);
    assertThat(p.delayMillis(1, "30")).isEqualTo(30_000);
    assertThat(p.delayMillis(1, "Tue, 01 Dec 2026 10:00:45 GMT")).isEqualTo(45_000);
    assertThat(p.delayMillis(1, "86400")).isEqualTo(Duration.ofMinutes(5).toMillis());
    // A date in the past or a header that cannot be read leaves the backoff alone.
    assertThat(p.delayMillis(1, "Tue, 01 Dec 2026 09:00:00 GMT")).isBetween(250L, 750L);
    assertThat(p.delayMillis(1, "soon")).isBetween(250L, 750L);
    assertThat(RetryPolicy.parseRetryAfter("120", NOW)).isEqualTo(Duration.ofMinutes(2));
    assertThat(RetryPolicy.parseRetryAfter(null, NOW)).isNull();
  }

  @Test
  void aCallIsRetriedUntilItSucceedsWaitingWhatThePolicySays() throws Exception {
    List<Long> slept = new ArrayList<>();
    GoogleCalls calls = new GoogleCalls(policy(8), slept::add);
    AtomicInteger tries = new AtomicInteger();
    String answer = calls.call(() -> {
      int n = tries.incrementAndGet();
      if (n == 1) {
        throw error(429, "rateLimitExceeded", "7");
      }
      if (n == 2) {
        throw error(403, "userRateLimitExceeded", null);
      }
      if (n == 3) {
        throw new ConnectException("Connection refused");
      }
      return "ok";
    });
    assertThat(answer).isEqualTo("ok");
    assertThat(tries).hasValue(4);
    assertThat(slept).hasSize(3);
    assertThat(slept.get(0)).isEqualTo(7_000);
  }

  @Test
  void permanentErrorsAreNotRetriedAndRetriesAreBounded() {
    List<Long> slept = new ArrayList<>();
    GoogleCalls calls = new GoogleCalls(policy(4), slept::add);
    AtomicInteger tries = new AtomicInteger();
    assertThatThrownBy(() -> calls.call(() -> {
      tries.incrementAndGet();
      throw error(403, "forbidden", null);
    })).isInstanceOf(GoogleJsonResponseException.class);
    assertThat(tries).hasValue(1);

    tries.set(0);
    assertThatThrownBy(() -> calls.call(() -> {
      tries.incrementAndGet();
      throw error(503, "backendError", null);
    })).isInstanceOf(GoogleJsonResponseException.class);
    assertThat(tries).hasValue(4);
    assertThat(slept).hasSize(3);

    tries.set(0);
    assertThatThrownBy(() -> calls.call(() -> {
      tries.incrementAndGet();
      throw new IOException("Error getting access token: invalid_grant");
    })).hasMessageContaining("invalid_grant");
    assertThat(tries).hasValue(1);
  }

  @Test
  void batchedCallErrorsAreJudgedByTheirReason() {
    assertThat(GoogleCalls.retryable(jsonError(403, "rateLimitExceeded"))).isTrue();
    assertThat(GoogleCalls.retryable(jsonError(500, "backendError"))).isTrue();
    assertThat(GoogleCalls.retryable(jsonError(404, "notFound"))).isFalse();
  }

  static GoogleJsonError jsonError(int code, String reason) {
    GoogleJsonError e = new GoogleJsonError();
    e.setCode(code);
    e.setMessage("m");
    GoogleJsonError.ErrorInfo info = new GoogleJsonError.ErrorInfo();
    info.setReason(reason);
    e.setErrors(List.of(info));
    return e;
  }

  static GoogleJsonResponseException error(int code, String reason, String retryAfter) {
    HttpHeaders headers = new HttpHeaders();
    if (retryAfter != null) {
      headers.setRetryAfter(retryAfter);
    }
    return new GoogleJsonResponseException(new HttpResponseException.Builder(code, "x", headers),
        jsonError(code, reason));
  }
}
