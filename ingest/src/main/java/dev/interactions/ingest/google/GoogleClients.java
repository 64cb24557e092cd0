package dev.interactions.ingest.google;

import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.gmail.Gmail;
import com.google.auth.Credentials;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.UserCredentials;
import java.net.URI;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place Gmail and Calendar clients are built: from a credential, the HTTP transport, and
 * optionally another root URL (proxies, private endpoints, tests) and OAuth token URI.
 */
public final class GoogleClients {
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

  private final HttpTransport transport;
  private final String rootUrl;
  private final URI tokenUri;
  private long firstRetryMillis = 500;

  /**
   * @param rootUrl replaces https://gmail.googleapis.com/ and https://www.googleapis.com/ (with or
   *     without trailing slash); null keeps Google's
   * @param tokenUri replaces Google's OAuth token endpoint; null keeps Google's
   */
  public GoogleClients(HttpTransport transport, String rootUrl, String tokenUri) {
    this.transport = transport;
    this.rootUrl = rootUrl == null ? null : rootUrl.endsWith("/") ? rootUrl : rootUrl + "/";
    this.tokenUri = tokenUri == null ? null : URI.create(tokenUri);
  }

  /** The first backoff interval after a 429 or 5xx answer (it doubles, with jitter, up to 32 s). */
  public GoogleClients withFirstRetryMillis(long millis) {
    this.firstRetryMillis = millis;
    return this;
  }

  /** A mailbox owner's refresh-token credential, refreshed against the configured token URI. */
  public Credentials userCredentials(UserTokens tokens, String mailbox) {
    String refresh = tokens.refreshToken(mailbox);
    if (refresh == null) {
      throw new IllegalArgumentException("no refresh token for " + mailbox);
    }
    UserCredentials.Builder b = UserCredentials.newBuilder()
        .setClientId(tokens.clientId())
        .setClientSecret(tokens.clientSecret())
        .setRefreshToken(refresh)
        .setHttpTransportFactory(() -> transport);
    if (tokenUri != null) {
      b.setTokenServerUri(tokenUri);
    }
    return b.build();
  }

  public Gmail gmail(Credentials credentials) {
    Gmail.Builder b = new Gmail.Builder(transport, JSON, initializer(credentials))
        .setApplicationName(APPLICATION)
        // Gmail's own batch endpoint (the generated default is the retired global one).
        .setBatchPath("batch/gmail/v1");
    if (rootUrl != null) {
      b.setRootUrl(rootUrl);
    }
    return b.build();
  }

  public Calendar calendar(Credentials credentials) {
    Calendar.Builder b = new Calendar.Builder(transport, JSON, initializer(credentials))
        .setApplicationName(APPLICATION);
    if (rootUrl != null) {
      b.setRootUrl(rootUrl);
    }
    return b.build();
  }

  private HttpRequestInitializer initializer(Credentials credentials) {
    HttpCredentialsAdapter auth = new HttpCredentialsAdapter(credentials);
    long firstRetry = firstRetryMillis;
    return request -> {
      auth.initialize(request);
      RetryOnOverload.install(request, firstRetry);
      request.setLoggingEnabled(false);
      request.setCurlLoggingEnabled(false);
      request.setConnectTimeout(20_000);
      request.setReadTimeout(60_000);
    };
  }
}
