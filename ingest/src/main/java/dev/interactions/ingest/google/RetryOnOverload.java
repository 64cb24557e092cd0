package dev.interactions.ingest.google;

import com.google.api.client.http.HttpBackOffIOExceptionHandler;
import com.google.api.client.http.HttpBackOffUnsuccessfulResponseHandler;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.HttpUnsuccessfulResponseHandler;
import com.google.api.client.util.ExponentialBackOff;
import java.io.IOException;

/**
 * Retries a request that Google answered 429 (rate limit) or 5xx, and one that failed on the
 * network, with exponential backoff and jitter; every other answer goes first to the credential's
 * own handler (which refreshes the access token on a 401). Also used inside batches: the client
 * re-sends a batched call whose part this handler asked to retry.
 */
final class RetryOnOverload implements HttpUnsuccessfulResponseHandler {
  private final HttpUnsuccessfulResponseHandler credentials;
  private final HttpBackOffUnsuccessfulResponseHandler backOff;

  private RetryOnOverload(HttpUnsuccessfulResponseHandler credentials, long initialMillis) {
    this.credentials = credentials;
    this.backOff = new HttpBackOffUnsuccessfulResponseHandler(backOff(initialMillis))
        .setBackOffRequired(r -> r.getStatusCode() == 429 || r.getStatusCode() / 100 == 5);
  }

  /** Installs the handlers on a request already initialized by the credential adapter. */
  static void install(HttpRequest request, long initialMillis) {
    request.setUnsuccessfulResponseHandler(new RetryOnOverload(request.getUnsuccessfulResponseHandler(), initialMillis));
    request.setIOExceptionHandler(new HttpBackOffIOExceptionHandler(backOff(initialMillis)));
    request.setNumberOfRetries(6);
  }

  private static ExponentialBackOff backOff(long initialMillis) {
    return new ExponentialBackOff.Builder()
        .setInitialIntervalMillis((int) initialMillis)
        .setRandomizationFactor(0.5)
        .setMultiplier(2)
        .setMaxIntervalMillis(32_000)
        .setMaxElapsedTimeMillis(120_000)
        .build();
  }

  @Override
  public boolean handleResponse(HttpRequest request, HttpResponse response, boolean supportsRetry)
      throws IOException {
    if (credentials != null && credentials.handleResponse(request, response, supportsRetry)) {
      return true;
    }
    return backOff.handleResponse(request, response, supportsRetry);
  }
}
