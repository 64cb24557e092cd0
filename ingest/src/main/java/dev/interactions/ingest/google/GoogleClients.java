package dev.interactions.ingest.google;

import com.google.api.client.http.HttpExecuteInterceptor;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.gmail.Gmail;
import com.google.api.client.util.Sleeper;
import com.google.auth.Credentials;
import com.google.auth.http.HttpCredentialsAdapter;
import java.io.InterruptedIOException;
import java.net.URI;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place Gmail and Calendar clients are built: from a credential, the HTTP transport, and
 * optionally another root URL (proxies, private endpoints, tests) and OAuth token URI.
 */
public record GoogleClients(TransportFactory transports, HttpTransport transport, String rootUrl, URI tokenUri,
    RetryPolicy retryPolicy, QuotaLimiter quota) {
  /** Read-only access is all the pipeline needs. */
  public static final List<String> SCOPES = List.of(
      "https://www.googleapis.com/auth/gmail.readonly",
      "https://www.googleapis.com/auth/calendar.readonly");

  public static final JsonFactory JSON = GsonFactory.getDefaultInstance();

  private static final String APPLICATION = "interactions";

  static {
    // Google's HTTP client logs requests and responses, Authorization headers included at some
    // levels: keep its wire logging off whatever the logging set-up says.
    Logger.getLogger(HttpTransport.class.getName()).setLevel(Level.OFF);
  }

  /**
   * @param rootUrl replaces https://gmail.googleapis.com/ and https://www.googleapis.com/ (with or
   *     without trailing slash); null keeps Google's
   * @param tokenUri replaces Google's OAuth token endpoint; null keeps Google's
   */
  public GoogleClients(HttpTransport transport, String rootUrl, String tokenUri) {
    this(transport instanceof NetHttpTransport ? TransportFactory.NET_HTTP : null, transport,
        rootUrl == null ? null : rootUrl.endsWith("/") ? rootUrl : rootUrl + "/",
        tokenUri == null ? null : URI.create(tokenUri), RetryPolicy.defaults(), QuotaLimiter.defaults());
  }

  /** Clients whose sync tasks each make their transport with {@code transports}. */
  public GoogleClients(TransportFactory transports, String rootUrl, String tokenUri) {
    this(transports, transports.create(), rootUrl == null ? null : rootUrl.endsWith("/") ? rootUrl : rootUrl + "/",
        tokenUri == null ? null : URI.create(tokenUri), RetryPolicy.defaults(), QuotaLimiter.defaults());
  }

  /** What a sync task needs to build these clients again where it runs. */
  GoogleSettings settings() {
    if (transports == null) {
      throw new IllegalStateException("sync tasks build their own transport: construct GoogleClients with a"
          + " TransportFactory for a transport other than NetHttpTransport");
    }
    if (Double.isNaN(quota.userUnitsPerSecond())) {
      throw new IllegalStateException("sync tasks rebuild the quota from its rates: use QuotaLimiter.of");
    }
    return new GoogleSettings(transports, rootUrl, tokenUri, retryPolicy.maxAttempts(), retryPolicy.firstMillis(),
        retryPolicy.maxIntervalMillis(), retryPolicy.maxRetryAfter(), quota.userUnitsPerSecond(),
        quota.projectUnitsPerMinute());
  }

  /** The first backoff interval after a transient answer (it doubles, with jitter); Retry-After is capped at 20 times it. */
  public GoogleClients withFirstRetryMillis(long millis) {
    return withRetryPolicy(RetryPolicy.defaults().withFirstMillis(millis, java.time.Duration.ofMillis(millis * 20)));
  }

  /** These clients with another retry policy. */
  public GoogleClients withRetryPolicy(RetryPolicy policy) {
    return new GoogleClients(transports, transport, rootUrl, tokenUri, policy, quota);
  }

  /** These clients with the client-side quota budgets every Gmail call waits for. */
  public GoogleClients withQuota(QuotaLimiter limiter) {
    return new GoogleClients(transports, transport, rootUrl, tokenUri, retryPolicy, limiter);
  }

  /** Runs calls with this client's retry policy. */
  GoogleCalls calls() {
    return new GoogleCalls(retryPolicy, Sleeper.DEFAULT);
  }

  /** A mailbox's credential from {@code source}, getting tokens through this transport and token URI. */
  public Credentials credentials(MailboxCredentials source, String mailbox) {
    return source.forMailbox(mailbox, () -> transport, tokenUri);
  }

  /** A mailbox owner's refresh-token credential, refreshed against the configured token URI. */
  public Credentials userCredentials(UserTokens tokens, String mailbox) {
    return credentials(tokens, mailbox);
  }

  public Gmail gmail(Credentials credentials) {
    return gmail(credentials, null);
  }

  /** A Gmail client whose calls wait for {@code mailbox}'s and the project's quota. */
  public Gmail gmail(Credentials credentials, String mailbox) {
    Gmail.Builder b = new Gmail.Builder(transport, JSON, initializer(credentials, mailbox))
        .setApplicationName(APPLICATION)
        // Gmail's own batch endpoint (the generated default is the retired global one).
        .setBatchPath("batch/gmail/v1");
    if (rootUrl != null) {
      b.setRootUrl(rootUrl);
    }
    return b.build();
  }

  public Calendar calendar(Credentials credentials) {
    Calendar.Builder b = new Calendar.Builder(transport, JSON, initializer(credentials, null))
        .setApplicationName(APPLICATION);
    if (rootUrl != null) {
      b.setRootUrl(rootUrl);
    }
    return b.build();
  }

  private HttpRequestInitializer initializer(Credentials credentials, String mailbox) {
    HttpCredentialsAdapter auth = new HttpCredentialsAdapter(credentials);
    QuotaLimiter limiter = quota;
    return request -> {
      auth.initialize(request);
      HttpExecuteInterceptor authorize = request.getInterceptor();
      // Runs before every attempt, batched parts included (the batch calls each part's interceptor).
      request.setInterceptor(r -> {
        try {
          limiter.take(mailbox, r.getUrl().getRawPath());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while waiting for quota");
        }
        if (authorize != null) {
          authorize.intercept(r);
        }
      });
      // Transient answers are retried by GoogleCalls; these retries are only the credential's
      // own (a 401 refreshes the access token and tries once more).
      request.setNumberOfRetries(2);
      request.setLoggingEnabled(false);
      request.setCurlLoggingEnabled(false);
      request.setConnectTimeout(20_000);
      request.setReadTimeout(60_000);
    };
  }
}
