package dev.interactions.ingest.google;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * What a sync task needs to build its own Google clients where it runs: HTTP transports and
 * Google's clients are not serializable, these settings are. They hold no secret.
 */
record GoogleSettings(TransportFactory transports, String rootUrl, URI tokenUri, int maxAttempts, long firstMillis,
    long maxIntervalMillis, Duration maxRetryAfter, double userUnitsPerSecond, double projectUnitsPerMinute)
    implements Serializable {

  /**
   * Clients for one of {@code tasks} tasks: each mailbox keeps its own per-user quota, the project's
   * quota is shared out evenly between the tasks.
   */
  GoogleClients clients(int tasks) {
    RetryPolicy policy = new RetryPolicy(maxAttempts, firstMillis, maxIntervalMillis, maxRetryAfter, new Random(),
        Instant::now);
    QuotaLimiter quota = QuotaLimiter.of(userUnitsPerSecond, projectUnitsPerMinute / Math.max(1, tasks));
    return new GoogleClients(transports, transports.create(), rootUrl, tokenUri, policy, quota);
  }
}
