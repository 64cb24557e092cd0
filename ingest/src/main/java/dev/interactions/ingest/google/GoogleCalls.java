package dev.interactions.ingest.google;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpResponseException;
import com.google.api.client.util.Sleeper;
import com.google.auth.Retryable;
import java.io.IOException;
import java.util.List;

/**
 * Runs Google calls under a {@link RetryPolicy}: transient answers (429, 403 rate limits, 5xx) and
 * network failures are tried again after the policy's wait; anything else, and the last failure
 * once the attempts are used up, is thrown to the caller (which marks the mailbox failed).
 */
final class GoogleCalls {
  /** One Google call. */
  @FunctionalInterface
  interface Call<T> {
    T execute() throws IOException;
  }

  private final RetryPolicy policy;
  private final Sleeper sleeper;

  GoogleCalls(RetryPolicy policy, Sleeper sleeper) {
    this.policy = policy;
    this.sleeper = sleeper;
  }

  RetryPolicy policy() {
    return policy;
  }

  <T> T call(Call<T> call) throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.execute();
      } catch (IOException e) {
        afterFailure(e, attempt);
      }
    }
  }

  /** Waits before the next attempt after the {@code attempt}-th failure, or rethrows when it should not be retried. */
  void afterFailure(IOException e, int attempt) throws IOException, InterruptedException {
    if (!retryable(e) || !policy.mayRetry(attempt)) {
      throw e;
    }
    String retryAfter = e instanceof HttpResponseException h ? h.getHeaders().getRetryAfter() : null;
    sleeper.sleep(policy.delayMillis(attempt, retryAfter));
  }

  /** Waits before retrying the failed parts of a batch, or says (false) that the attempts are used up. */
  boolean pauseBeforeRetry(int attempt, String retryAfter) throws InterruptedException {
    if (!policy.mayRetry(attempt)) {
      return false;
    }
    sleeper.sleep(policy.delayMillis(attempt, retryAfter));
    return true;
  }

  /** Whether a batched call's error is transient. */
  static boolean retryable(GoogleJsonError error) {
    return RetryPolicy.retryable(error.getCode(), firstReason(error));
  }

  static boolean retryable(IOException e) {
    if (e instanceof GoogleJsonResponseException g) {
      return RetryPolicy.retryable(g.getStatusCode(), g.getDetails() == null ? null : firstReason(g.getDetails()));
    }
    if (e instanceof HttpResponseException h) {
      return RetryPolicy.retryable(h.getStatusCode(), null);
    }
    // The token endpoint says whether its failure is transient; a refused grant never is.
    if (e instanceof Retryable r) {
      return r.isRetryable() && refusedGrant(e) == null;
    }
    return refusedGrant(e) == null;
  }

  /** OAuth errors by which the token endpoint refuses a mailbox's grant: waiting does not help. */
  static final List<String> REFUSED_GRANT = List.of("invalid_grant", "unauthorized_client", "access_denied");

  /**
   * The OAuth error when {@code e} is the token endpoint refusing the grant: a revoked refresh
   * token (invalid_grant) or an impersonation the domain does not allow (unauthorized_client,
   * access_denied); else null.
   */
  static String refusedGrant(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      for (String error : REFUSED_GRANT) {
        if (t.getMessage() != null && t.getMessage().contains(error)) {
          return error;
        }
      }
    }
    return null;
  }

  private static String firstReason(GoogleJsonError error) {
    return error.getErrors() == null || error.getErrors().isEmpty() ? null : error.getErrors().get(0).getReason();
  }
}
