package dev.interactions.ingest.google.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interactions.ingest.google.fake.FakeHttp.Request;
import dev.interactions.ingest.google.fake.FakeHttp.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The fake's consent screen ({@code GET /o/oauth2/auth}) and the token endpoint's
 * authorization_code grant, as Google's installed-app flow with PKCE has them. The "user" consents
 * at once for the {@code login_hint} account unless a test says otherwise.
 */
public final class FakeConsent {
  public static final String PATH = "/o/oauth2/auth";
  static final Set<String> SCOPES = Set.of("https://www.googleapis.com/auth/gmail.readonly",
      "https://www.googleapis.com/auth/calendar.readonly");

  private record Pending(String mailbox, String redirectUri, String challenge) {}

  private final Map<String, Pending> codes = new ConcurrentHashMap<>();
  private final Set<String> denying = ConcurrentHashMap.newKeySet();
  private final Set<String> issuedCodes = ConcurrentHashMap.newKeySet();
  private final Function<String, String> connect;
  private final Function<String, String> issueAccessToken;
  private volatile String signedInAs;
  private volatile boolean withholdRefreshToken;

  /**
   * @param connect registers a new refresh token for a mailbox and returns it
   * @param issueAccessToken registers a new access token for a mailbox and returns it
   */
  FakeConsent(Function<String, String> connect, Function<String, String> issueAccessToken) {
    this.connect = connect;
    this.issueAccessToken = issueAccessToken;
  }

  /** This mailbox's owner clicks "Cancel": the redirect carries error=access_denied. */
  public void deny(String mailbox) {
    denying.add(mailbox);
  }

  /** The user picks this account in the browser, whatever the login_hint says (null: the hinted one). */
  public void signInAs(String mailbox) {
    signedInAs = mailbox;
  }

  /** Answer the code grant without a refresh token, as Google does for a consent given before without prompt=consent. */
  public void withholdRefreshToken() {
    withholdRefreshToken = true;
  }

  /** The authorization codes handed out, for tests that look for leaks. */
  public Set<String> issuedCodes() {
    return Set.copyOf(issuedCodes);
  }

  static boolean isCodeGrant(Request r) {
    return "authorization_code".equals(first(FakeHttp.parseQuery(r.body()), "grant_type"));
  }

  /** The consent screen: checks the request as Google would, then redirects to the loopback receiver. */
  Response authorize(Request r) {
    String redirect = r.param("redirect_uri");
    if (!"GET".equals(r.method())) {
      return page(405, "Method not allowed.");
    }
    if (!FakeGoogle.CLIENT_ID.equals(r.param("client_id"))) {
      return page(401, "Error 401: invalid_client. The OAuth client was not found.");
    }
    if (redirect == null || !redirect.matches("http://127\\.0\\.0\\.1:[0-9]{1,5}/")) {
      return page(400, "Error 400: redirect_uri_mismatch.");
    }
    String problem = !"code".equals(r.param("response_type")) ? "response_type must be code"
        : r.param("scope") == null || !Set.of(r.param("scope").split(" ")).equals(SCOPES) ? "scope must be " + SCOPES
        : !"offline".equals(r.param("access_type")) ? "access_type must be offline"
        : !"consent".equals(r.param("prompt")) ? "prompt must be consent"
        : r.param("login_hint") == null ? "login_hint missing"
        : r.param("state") == null || r.param("state").isBlank() ? "state missing"
        : !"S256".equals(r.param("code_challenge_method")) ? "code_challenge_method must be S256"
        : r.param("code_challenge") == null || !r.param("code_challenge").matches("[A-Za-z0-9_-]{43}")
            ? "code_challenge must be 43 base64url characters"
        : null;
    if (problem != null) {
      return page(400, "Error 400: invalid_request. " + problem);
    }
    String hinted = r.param("login_hint");
    String state = encode(r.param("state"));
    if (denying.contains(hinted)) {
      return redirect(redirect + "?error=access_denied&state=" + state);
    }
    String account = signedInAs != null ? signedInAs : hinted;
    String code = "4/fake-code-" + UUID.randomUUID();
    codes.put(code, new Pending(account, redirect, r.param("code_challenge")));
    issuedCodes.add(code);
    return redirect(redirect + "?state=" + state + "&code=" + encode(code) + "&scope="
        + encode(String.join(" ", SCOPES)));
  }

  /** The token endpoint's authorization_code grant: one use per code, same redirect_uri, PKCE S256. */
  Response token(Request r) {
    Map<String, List<String>> form = FakeHttp.parseQuery(r.body());
    if (!FakeGoogle.CLIENT_ID.equals(first(form, "client_id"))
        || !FakeGoogle.CLIENT_SECRET.equals(first(form, "client_secret"))) {
      return error("invalid_client", "Unauthorized", 401);
    }
    String code = first(form, "code");
    Pending pending = code == null ? null : codes.remove(code);
    if (pending == null) {
      return error("invalid_grant", "Malformed auth code.", 400);
    }
    if (!pending.redirectUri().equals(first(form, "redirect_uri"))) {
      return error("redirect_uri_mismatch", "Bad Request", 400);
    }
    String verifier = first(form, "code_verifier");
    if (verifier == null || !pending.challenge().equals(s256(verifier))) {
      return error("invalid_grant", "Invalid code verifier.", 400);
    }
    ObjectNode body = FakeHttp.JSON.createObjectNode();
    body.put("access_token", issueAccessToken.apply(pending.mailbox()));
    body.put("expires_in", 3599);
    String refresh = connect.apply(pending.mailbox());
    if (!withholdRefreshToken) {
      body.put("refresh_token", refresh);
    }
    body.put("scope", String.join(" ", SCOPES));
    body.put("token_type", "Bearer");
    return Response.ok(body);
  }

  private static String s256(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Response redirect(String location) {
    return page(302, "Redirecting.").withHeader("Location", location);
  }

  private static Response page(int status, String text) {
    return new Response(status, "text/html; charset=UTF-8", "<html><body><p>" + text + "</p></body></html>");
  }

  private static Response error(String error, String description, int status) {
    ObjectNode body = FakeHttp.JSON.createObjectNode();
    body.put("error", error);
    body.put("error_description", description);
    return Response.json(status, body);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String first(Map<String, List<String>> form, String name) {
    List<String> v = form.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }
}
