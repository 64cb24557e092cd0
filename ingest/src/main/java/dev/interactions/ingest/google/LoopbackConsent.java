package dev.interactions.ingest.google;

import com.google.api.client.auth.oauth2.TokenErrorResponse;
import com.google.api.client.auth.oauth2.TokenResponseException;
import com.google.api.client.googleapis.auth.oauth2.GoogleAuthorizationCodeTokenRequest;
import com.google.api.client.googleapis.auth.oauth2.GoogleTokenResponse;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.UserCredentials;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.interactions.core.mail.Addresses;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * One mailbox owner's OAuth consent, Google's installed-app flow: a receiver on a free loopback
 * port, a consent URL the owner opens (state and PKCE S256), the code exchanged for a refresh
 * token, and a check with Gmail that the token belongs to the mailbox asked for. The secrets it
 * handles (client secret, code, verifier, tokens) are never printed.
 */
public final class LoopbackConsent {
  private static final SecureRandom RANDOM = new SecureRandom();
  // The JDK's HTTP server can log request lines, the code in the query: never. Held so the level stays.
  private static final java.util.logging.Logger SERVER_LOG =
      java.util.logging.Logger.getLogger("com.sun.net.httpserver");

  static {
    SERVER_LOG.setLevel(java.util.logging.Level.OFF);
  }

  private final GoogleClients clients;
  private final DesktopClient client;
  private final Duration timeout;
  private final PrintStream err;
  private final boolean openBrowser;

  /** The refresh token a mailbox's owner granted; {@link #toString()} hides it. */
  public record Grant(String mailbox, String refreshToken) {
    @Override
    public String toString() {
      return "Grant[" + mailbox + "]";
    }
  }

  /** Thrown when no token came out of the consent: denied, timed out, a forged redirect and such. */
  public static final class ConsentFailed extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    ConsentFailed(String message) {
      super(message);
    }
  }

  /**
   * @param clients the transport and Gmail root URL the token check uses
   * @param err where the consent URL and the waiting notice go (the terminal's stderr)
   * @param openBrowser whether to try opening the URL in the desktop's browser too
   */
  public LoopbackConsent(GoogleClients clients, DesktopClient client, Duration timeout, PrintStream err,
      boolean openBrowser) {
    this.clients = clients;
    this.client = client;
    this.timeout = timeout;
    this.err = err;
    this.openBrowser = openBrowser;
  }

  /** Runs the consent for one mailbox (normalized) and returns its refresh token. */
  public Grant run(String mailbox) throws IOException, InterruptedException {
    String verifier = randomToken(32);
    String state = randomToken(16);
    CompletableFuture<String> code = new CompletableFuture<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    receiver.createContext("/", exchange -> receive(exchange, mailbox, state, code));
    receiver.start();
    try {
      String redirectUri = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/";
      String url = consentUrl(mailbox, redirectUri, state, challenge(verifier));
      err.println("interactions: to connect " + mailbox + ", open this URL in a browser and sign in as " + mailbox
          + ":");
      err.println(url);
      err.println("interactions: waiting up to " + describe(timeout) + " for the consent...");
      err.flush();
      if (openBrowser) {
        tryToOpen(url);
      }
      String authorizationCode = await(code, mailbox);
      String[] tokens = exchange(mailbox, authorizationCode, verifier, redirectUri);
      confirm(mailbox, tokens[0], tokens[1]);
      return new Grant(mailbox, tokens[1]);
    } finally {
      receiver.stop(0);
    }
  }

  /** The consent URL: offline access (a refresh token), the consent screen shown even to a returning owner. */
  String consentUrl(String mailbox, String redirectUri, String state, String codeChallenge) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("response_type", "code");
    p.put("client_id", client.clientId());
    p.put("redirect_uri", redirectUri);
    p.put("scope", String.join(" ", GoogleClients.SCOPES));
    p.put("access_type", "offline");
    p.put("prompt", "consent");
    p.put("login_hint", mailbox);
    p.put("state", state);
    p.put("code_challenge", codeChallenge);
    p.put("code_challenge_method", "S256");
    String query = p.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
    return client.authUri() + (client.authUri().contains("?") ? "&" : "?") + query;
  }

  /** Answers the browser's redirect, then hands its code (or what went wrong) to the waiting flow. */
  private static void receive(HttpExchange exchange, String mailbox, String state, CompletableFuture<String> code)
      throws IOException {
    Map<String, String> q;
    try {
      q = query(exchange.getRequestURI().getRawQuery());
    } catch (IllegalArgumentException malformed) {
      respond(exchange, 400, "Bad request.");
      return;
    }
    if (!"/".equals(exchange.getRequestURI().getPath()) || !(q.containsKey("code") || q.containsKey("error"))) {
      // A favicon or a stray request: not the redirect, keep waiting.
      respond(exchange, 404, "Not found.");
      return;
    }
    String problem = null;
    if (!state.equals(q.get("state"))) {
      problem = "the browser's redirect did not carry this consent's state (a stale tab or a forged redirect):"
          + " nothing was stored; run auth again";
    } else if ("access_denied".equals(q.get("error"))) {
      problem = "consent for " + mailbox + " was denied in the browser: nothing was stored";
    } else if (q.containsKey("error")) {
      String error = q.get("error").matches("[A-Za-z0-9_.-]{1,64}") ? q.get("error") : "unknown";
      problem = "the consent for " + mailbox + " failed with error " + error + ": nothing was stored";
    } else if (q.get("code").isBlank()) {
      problem = "the browser's redirect carried an empty code: nothing was stored";
    }
    respond(exchange, problem == null ? 200 : 400, problem == null
        ? "Consent received for " + mailbox + ". You can close this tab and go back to the terminal."
        : "Not connected: " + problem + ".");
    // Completed after the answer went out, so the browser gets its page before the receiver stops.
    if (problem == null) {
      code.complete(q.get("code"));
    } else {
      code.completeExceptionally(new ConsentFailed(problem));
    }
  }

  private static void respond(HttpExchange exchange, int status, String text) throws IOException {
    String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    byte[] page = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>interactions</title></head>"
        + "<body><p>" + escaped + "</p></body></html>").getBytes(StandardCharsets.UTF_8);
    try (exchange) {
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(status, page.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(page);
      }
    }
  }

  private String await(CompletableFuture<String> code, String mailbox) throws InterruptedException {
    try {
      return code.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new ConsentFailed("no consent for " + mailbox + " arrived within " + describe(timeout)
          + ": nothing was stored; run auth again (or give a longer --timeout) and open the URL it prints");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new ConsentFailed(e.getCause().getMessage());
    }
  }

  /** Trades the code for tokens: {access token, refresh token}. */
  private String[] exchange(String mailbox, String code, String verifier, String redirectUri) throws IOException {
    GoogleAuthorizationCodeTokenRequest request = new GoogleAuthorizationCodeTokenRequest(clients.transport(),
        GoogleClients.JSON, client.tokenUri(), client.clientId(), client.clientSecret(), code, redirectUri);
    request.set("code_verifier", verifier);
    GoogleTokenResponse response;
    try {
      response = request.execute();
    } catch (TokenResponseException e) {
      // Only the error fields: the whole answer is not ours to print.
      TokenErrorResponse d = e.getDetails();
      String why = d == null || d.getError() == null ? "HTTP " + e.getStatusCode()
          : d.getError() + (d.getErrorDescription() == null ? "" : " (" + d.getErrorDescription() + ")");
      throw new ConsentFailed("the token endpoint refused the consent's code: "
          + why.replace(client.clientSecret(), "[client secret]").replace(code, "[code]") + "; nothing was stored");
    }
    String refresh = response.getRefreshToken();
    if (refresh == null || refresh.isBlank()) {
      throw new ConsentFailed("Google gave no refresh token for " + mailbox + ": remove this app's access at"
          + " https://myaccount.google.com/permissions and run auth again; nothing was stored");
    }
    if (response.getAccessToken() == null) {
      throw new ConsentFailed("Google gave no access token for " + mailbox + ": nothing was stored");
    }
    return new String[] {response.getAccessToken(), refresh};
  }

  /** Refuses a token for another account than the one asked for (the owner chose another in the browser). */
  private void confirm(String mailbox, String accessToken, String refreshToken) throws IOException {
    UserCredentials.Builder b = UserCredentials.newBuilder()
        .setClientId(client.clientId())
        .setClientSecret(client.clientSecret())
        .setRefreshToken(refreshToken)
        .setHttpTransportFactory(clients::transport);
    b.setTokenServerUri(URI.create(client.tokenUri()));
    b.setAccessToken(new AccessToken(accessToken, null));
    String actual;
    try {
      actual = clients.gmail(b.build(), mailbox).users().getProfile("me").execute().getEmailAddress();
    } catch (GoogleJsonResponseException e) {
      throw new ConsentFailed("cannot tell which account consented: Gmail answered HTTP " + e.getStatusCode()
          + (e.getStatusCode() == 403 ? " (is the Gmail API enabled in the Google Cloud project?)" : "")
          + "; nothing was stored");
    }
    String normalized = Addresses.normalize(actual);
    if (!mailbox.equals(normalized)) {
      throw new ConsentFailed("the browser consented as " + (normalized == null ? "an unknown account" : normalized)
          + ", not " + mailbox + ": nothing was stored; run auth again and sign in as " + mailbox);
    }
  }

  private static void tryToOpen(String url) {
    try {
      if (!java.awt.GraphicsEnvironment.isHeadless() && java.awt.Desktop.isDesktopSupported()
          && java.awt.Desktop.getDesktop().isSupported(java.awt.Desktop.Action.BROWSE)) {
        java.awt.Desktop.getDesktop().browse(URI.create(url));
      }
    } catch (IOException | RuntimeException | LinkageError e) {
      // The printed URL is enough: a browser that would not open is no failure.
    }
  }

  static String challenge(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256 in this JVM", e);
    }
  }

  private static String randomToken(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      out.putIfAbsent(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  static String describe(Duration d) {
    long s = d.toSeconds();
    if (d.toMillis() % 1000 != 0) {
      return d.toMillis() + "ms";
    }
    return s % 3600 == 0 && s > 0 ? s / 3600 + "h" : s % 60 == 0 && s > 0 ? s / 60 + "m" : s + "s";
  }
}
