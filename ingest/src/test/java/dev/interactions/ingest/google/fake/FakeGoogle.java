package dev.interactions.ingest.google.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.interactions.ingest.google.fake.FakeHttp.Request;
import dev.interactions.ingest.google.fake.FakeHttp.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A stateful fake of the Google endpoints the Google source uses, on 127.0.0.1 with an ephemeral
 * port: OAuth's token endpoint (refresh_token grant, and the JWT-bearer grant of service accounts in
 * {@link FakeJwtGrant}; each access token belongs to one mailbox),
 * the consent screen and authorization_code grant ({@link FakeConsent}),
 * Gmail ({@link FakeGmail}), Calendar ({@link FakeCalendar}) and Gmail's batch endpoint
 * ({@link FakeBatch}). Every call is logged; each answer waits a small random latency.
 */
public final class FakeGoogle implements AutoCloseable {
  public static final String CLIENT_ID = "fake-client-id.apps.googleusercontent.com";
  public static final String CLIENT_SECRET = "fake-client-secret";

  /** One logged call: the mailbox it acted for (null before auth), method, path and query. */
  public record Call(String mailbox, String method, String path, Map<String, List<String>> query) {
    public String param(String name) {
      List<String> v = query.get(name);
      return v == null || v.isEmpty() ? null : v.get(0);
    }

    @Override
    public String toString() {
      return mailbox + " " + method + " " + path + " " + query;
    }
  }

  private final HttpServer server;
  private final FakeGmail gmail = new FakeGmail();
  private final FakeCalendar calendar = new FakeCalendar();
  private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
  private final Map<String, String> accessTokens = new ConcurrentHashMap<>();
  private final FakeConsent consent = new FakeConsent(this::connect, this::issueAccessToken);
  private final FakeJwtGrant jwtGrant = new FakeJwtGrant(accessTokens, gmail::hasMailbox);
  private final List<Call> calls = new ArrayList<>();
  private final java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
  private volatile int failureStatus;
  private volatile double randomFailureRate;
  private final java.util.Set<String> broken = ConcurrentHashMap.newKeySet();
  private java.util.Random randomFailures = new java.util.Random(0);
  private volatile FakeQuota userQuota;
  private volatile int minLatencyMillis;
  /** Per mailbox, when its first and its latest API request arrived (nanos). */
  private final Map<String, long[]> spans = new LinkedHashMap<>();
  private volatile int maxLatencyMillis;
  private volatile Observer observer;

  /** Told of every Gmail answer (plain or batched part), as it is sent: for measurements. */
  @FunctionalInterface
  public interface Observer {
    void answered(String mailbox, String path, int status);
  }

  private FakeGoogle(int minLatencyMillis, int maxLatencyMillis) throws IOException {
    this.minLatencyMillis = minLatencyMillis;
    this.maxLatencyMillis = maxLatencyMillis;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::serve);
    server.setExecutor(Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "fake-google");
      t.setDaemon(true);
      return t;
    }));
    server.start();
  }

  /** Starts a fake whose answers each take between 20 and 100 ms. */
  public static FakeGoogle start() throws IOException {
    return start(20, 100);
  }

  public static FakeGoogle start(int minLatencyMillis, int maxLatencyMillis) throws IOException {
    return new FakeGoogle(minLatencyMillis, maxLatencyMillis);
  }

  /** The root URL to give the clients: {@code http://127.0.0.1:<port>/}. */
  public String rootUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  public String tokenUri() {
    return rootUrl() + "token";
  }

  /** The consent screen a browser opens ({@link FakeConsent}). */
  public String authUri() {
    return rootUrl() + FakeConsent.PATH.substring(1);
  }

  /** What the "user" does on the consent screen, and the authorization codes it handed out. */
  public FakeConsent consent() {
    return consent;
  }

  /** Adds a connected mailbox with the refresh token its owner granted; returns that token. */
  public String connect(String mailbox) {
    String token = "1//fake-refresh-" + UUID.randomUUID();
    refreshTokens.put(token, mailbox);
    gmail.addMailbox(mailbox);
    calendar.addMailbox(mailbox);
    return token;
  }

  /**
   * A new service account with domain-wide delegation over every mailbox of the fake (until {@link
   * FakeServiceAccount#disallow}); its key file comes from {@link FakeServiceAccount#writeKey}.
   */
  public FakeServiceAccount serviceAccount() {
    return jwtGrant.register();
  }

  /** Why the JWT-bearer grant refused assertions so far, one line each. */
  public List<String> jwtRefusals() {
    return jwtGrant.refusals();
  }

  /** The owner withdrew consent: refreshing this token answers invalid_grant from now on. */
  public void revoke(String refreshToken) {
    String mailbox = refreshTokens.remove(refreshToken);
    if (mailbox != null) {
      accessTokens.values().removeIf(mailbox::equals);
    }
  }

  /**
   * The next {@code count} API calls (plain or batched, not token refreshes) answer {@code status}:
   * 429 with {@code Retry-After: 1}, 403 with reason rateLimitExceeded and Retry-After as an HTTP
   * date, others as a backendError.
   */
  public void failNext(int count, int status) {
    failureStatus = status;
    failures.set(count);
  }

  /**
   * From now on each API call, and each batch envelope, fails with this probability (0 stops it),
   * with 500, 502, 503 or 504, drawn from a seeded random.
   */
  public synchronized void failAtRandom(double rate, long seed) {
    randomFailures = new java.util.Random(seed);
    randomFailureRate = rate;
  }

  /**
   * From now on each mailbox may spend this many Gmail quota units a second (one second's burst);
   * a Gmail call beyond it answers 429 rateLimitExceeded, as Google's per-user limit does (0 stops it).
   */
  public void enforceUserQuota(double unitsPerSecond) {
    userQuota = unitsPerSecond > 0 ? new FakeQuota(unitsPerSecond) : null;
  }

  /** From now on {@code observer} hears of every Gmail answer (null stops it). */
  public void observe(Observer observer) {
    this.observer = observer;
  }

  /** Gmail's quota units for a call to this path, as the enforced quota counts them. */
  public static int gmailUnits(String path) {
    return FakeQuota.units(path);
  }

  /** How many calls the enforced quota refused. */
  public int quotaRefusals() {
    FakeQuota quota = userQuota;
    return quota == null ? 0 : quota.refused();
  }

  /** Every API call for this mailbox answers 503 from now on, as a backend that stays down. */
  public void breakMailbox(String mailbox) {
    broken.add(mailbox);
  }

  /** The access tokens the token endpoint has handed out, for tests that look for leaks. */
  public java.util.Set<String> issuedAccessTokens() {
    return java.util.Set.copyOf(accessTokens.keySet());
  }

  public FakeGmail gmail() {
    return gmail;
  }

  public FakeCalendar calendar() {
    return calendar;
  }

  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  public synchronized void clearCalls() {
    calls.clear();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  // ------------------------------------------------------------------ HTTP

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> headers = new LinkedHashMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Request request = Request.of(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body);
      pause();
      Response response = request.path().startsWith("/batch/")
          ? FakeBatch.answer(request, this::dispatch, this::log, this::randomFailure)
          : dispatch(request);
      byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", response.contentType());
      response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      exchange.sendResponseHeaders(response.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (RuntimeException e) {
      // A bug in the fake should fail the test loudly, not hang the client.
      e.printStackTrace();
      throw e;
    }
  }

  /** Answers one (plain or batched) request. */
  Response dispatch(Request r) {
    Response response = route(r);
    Observer o = observer;
    if (o != null && r.path().startsWith("/gmail/v1/")) {
      o.answered(r.bearer() == null ? null : accessTokens.get(r.bearer()), r.path(), response.status());
    }
    return response;
  }

  private Response route(Request r) {
    if (r.path().equals(FakeConsent.PATH)) {
      log(new Call(null, r.method(), r.path(), Map.of()));
      return consent.authorize(r);
    }
    if (r.path().equals("/token") && FakeConsent.isCodeGrant(r)) {
      log(new Call(null, r.method(), r.path(), Map.of()));
      return consent.token(r);
    }
    if (r.path().equals("/token")) {
      log(new Call(null, r.method(), r.path(), Map.of()));
      return FakeJwtGrant.accepts(r) ? jwtGrant.token(r, tokenUri()) : token(r);
    }
    String mailbox = r.bearer() == null ? null : accessTokens.get(r.bearer());
    log(new Call(mailbox, r.method(), r.path(), r.query()));
    seen(mailbox);
    if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return switch (failureStatus) {
        case 429 -> Response.error(429, "rateLimitExceeded", "Too many concurrent requests for user.",
            "RESOURCE_EXHAUSTED").withHeader("Retry-After", "1");
        case 403 -> Response.error(403, "rateLimitExceeded", "Quota exceeded for quota metric 'Queries'.",
            "PERMISSION_DENIED").withHeader("Retry-After", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(1)));
        default -> Response.error(failureStatus, "backendError", "Backend Error", "UNAVAILABLE");
      };
    }
    if (mailbox != null && broken.contains(mailbox)) {
      return Response.error(503, "backendError", "Backend Error", "UNAVAILABLE");
    }
    Response random = randomFailure();
    if (random != null) {
      return random;
    }
    if (mailbox == null) {
      return Response.error(401, "authError", "Request had invalid authentication credentials.", "UNAUTHENTICATED");
    }
    FakeQuota quota = userQuota;
    if (r.path().startsWith("/gmail/v1/") && quota != null && !quota.admit(mailbox, r.path())) {
      return Response.error(429, "rateLimitExceeded", "User-rate limit exceeded.", "RESOURCE_EXHAUSTED");
    }
    if (r.path().startsWith("/gmail/v1/")) {
      return gmail.handle(mailbox, r);
    }
    if (r.path().startsWith("/calendar/v3/")) {
      return calendar.handle(mailbox, r);
    }
    return Response.notFound("Not Found");
  }

  /** A 5xx answer drawn at the configured rate, or null. */
  private synchronized Response randomFailure() {
    if (randomFailureRate <= 0 || randomFailures.nextDouble() >= randomFailureRate) {
      return null;
    }
    int status = List.of(500, 502, 503, 504).get(randomFailures.nextInt(4));
    return Response.error(status, "backendError", "Backend Error", "UNAVAILABLE");
  }

  /** OAuth 2.0 token endpoint, refresh_token grant only. */
  private Response token(Request r) {
    Map<String, List<String>> form = FakeHttp.parseQuery(r.body());
    String grant = first(form, "grant_type");
    String refresh = first(form, "refresh_token");
    if (!"refresh_token".equals(grant) || !CLIENT_ID.equals(first(form, "client_id"))
        || !CLIENT_SECRET.equals(first(form, "client_secret"))) {
      return oauthError("invalid_client", "The OAuth client was not found.", 401);
    }
    String mailbox = refresh == null ? null : refreshTokens.get(refresh);
    if (mailbox == null) {
      return oauthError("invalid_grant", "Token has been expired or revoked.", 400);
    }
    String access = "ya29.fake-" + UUID.randomUUID();
    accessTokens.put(access, mailbox);
    ObjectNode body = FakeHttp.JSON.createObjectNode();
    body.put("access_token", access);
    body.put("expires_in", 3599);
    body.put("scope", "https://www.googleapis.com/auth/gmail.readonly https://www.googleapis.com/auth/calendar.readonly");
    body.put("token_type", "Bearer");
    return Response.ok(body);
  }

  /** A new access token of this mailbox, as the authorization_code grant hands out with the refresh token. */
  private String issueAccessToken(String mailbox) {
    String access = "ya29.fake-" + UUID.randomUUID();
    accessTokens.put(access, mailbox);
    return access;
  }

  private static Response oauthError(String error, String description, int status) {
    ObjectNode body = FakeHttp.JSON.createObjectNode();
    body.put("error", error);
    body.put("error_description", description);
    return Response.json(status, body);
  }

  private static String first(Map<String, List<String>> form, String name) {
    List<String> v = form.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private synchronized void seen(String mailbox) {
    if (mailbox != null) {
      long now = System.nanoTime();
      spans.computeIfAbsent(mailbox, m -> new long[] {now, now})[1] = now;
    }
  }

  /**
   * How long every one of {@code mailboxes} was being served at once: from the last of their
   * first requests to the first of their last ones (negative when one ended before another began).
   */
  public synchronized java.time.Duration allAtOnce(java.util.Collection<String> mailboxes) {
    long lastStart = Long.MIN_VALUE;
    long firstEnd = Long.MAX_VALUE;
    for (String m : mailboxes) {
      long[] span = spans.get(m);
      if (span == null) {
        return java.time.Duration.ofNanos(-1);
      }
      lastStart = Math.max(lastStart, span[0]);
      firstEnd = Math.min(firstEnd, span[1]);
    }
    return java.time.Duration.ofNanos(firstEnd - lastStart);
  }

  private synchronized void log(Call call) {
    calls.add(call);
  }

  private void pause() {
    int min = minLatencyMillis;
    int max = Math.max(min, maxLatencyMillis);
    if (max <= 0) {
      return;
    }
    try {
      Thread.sleep(ThreadLocalRandom.current().nextInt(min, max + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
