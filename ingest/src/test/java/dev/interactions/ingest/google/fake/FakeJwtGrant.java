package dev.interactions.ingest.google.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interactions.ingest.google.fake.FakeHttp.Request;
import dev.interactions.ingest.google.fake.FakeHttp.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The token endpoint's JWT-bearer grant (RFC 7523) as Google serves it to a service account with
 * domain-wide delegation: the assertion must be signed RS256 by a registered account's key, with
 * {@code iss} its client email, {@code aud} the token endpoint, both read-only scopes and an
 * {@code exp} ahead; {@code sub} is the mailbox the access token will act for.
 */
final class FakeJwtGrant {
  static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
  /** google-auth-library always addresses the assertion to Google's endpoint, whatever URI it posts to. */
  static final String GOOGLE_TOKEN_URI = "https://oauth2.googleapis.com/token";
  static final Set<String> SCOPES = Set.of("https://www.googleapis.com/auth/gmail.readonly",
      "https://www.googleapis.com/auth/calendar.readonly");

  private final Map<String, FakeServiceAccount> accounts = new ConcurrentHashMap<>();
  private final Map<String, String> accessTokens;
  private final Predicate<String> knownMailbox;
  private final List<String> refusals = new ArrayList<>();

  /** Issues access tokens into {@code accessTokens} (token to mailbox), for mailboxes {@code knownMailbox} accepts. */
  FakeJwtGrant(Map<String, String> accessTokens, Predicate<String> knownMailbox) {
    this.accessTokens = accessTokens;
    this.knownMailbox = knownMailbox;
  }

  synchronized FakeServiceAccount register() {
    FakeServiceAccount account = new FakeServiceAccount("interactions-sync-" + (accounts.size() + 1));
    accounts.put(account.clientEmail(), account);
    return account;
  }

  /** Why grants were refused, one line each (no assertion in them), for tests' messages. */
  synchronized List<String> refusals() {
    return List.copyOf(refusals);
  }

  /** Whether the token request is this grant's (the other grants stay with FakeGoogle). */
  static boolean accepts(Request r) {
    return List.of(GRANT_TYPE).equals(FakeHttp.parseQuery(r.body()).get("grant_type"));
  }

  /** Answers a token request of this grant; {@code tokenUri} is the fake's own token endpoint. */
  Response token(Request r, String tokenUri) {
    List<String> assertion = FakeHttp.parseQuery(r.body()).get("assertion");
    String[] parts = assertion == null || assertion.isEmpty() ? new String[0] : assertion.get(0).split("\\.", -1);
    if (parts.length != 3) {
      return refuse("invalid_request", "Invalid assertion format.", 400, "no JWT");
    }
    JsonNode header;
    JsonNode claims;
    try {
      header = FakeHttp.JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
      claims = FakeHttp.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    } catch (IOException | IllegalArgumentException e) {
      return refuse("invalid_grant", "Invalid JWT: not JSON.", 400, "undecodable JWT");
    }
    FakeServiceAccount account = accounts.get(claims.path("iss").asText());
    if (account == null) {
      return refuse("invalid_grant", "Invalid grant: account not found", 400, "unknown iss " + claims.path("iss"));
    }
    if (!"RS256".equals(header.path("alg").asText()) || !verified(account, parts)
        || (header.has("kid") && !account.privateKeyId().equals(header.path("kid").asText()))) {
      return refuse("invalid_grant", "Invalid JWT Signature.", 400, "bad signature, alg or kid");
    }
    String aud = claims.path("aud").asText();
    if (!aud.equals(GOOGLE_TOKEN_URI) && !aud.equals(tokenUri)) {
      return refuse("invalid_grant", "Invalid JWT: audience.", 400, "aud " + aud);
    }
    long now = System.currentTimeMillis() / 1000;
    long exp = claims.path("exp").asLong(0);
    if (exp <= now || exp > now + 3600 + 300 || claims.path("iat").asLong(0) > now + 300) {
      return refuse("invalid_grant", "Invalid JWT: Token must be a short-lived token (60 minutes) and in a"
          + " reasonable timeframe.", 400, "exp " + exp + " at " + now);
    }
    List<String> scopes = List.of(claims.path("scope").asText("").split(" "));
    if (!scopes.containsAll(SCOPES)) {
      return refuse("invalid_scope", "Invalid OAuth scope or ID token audience provided.", 400, "scope " + scopes);
    }
    String mailbox = claims.path("sub").asText("");
    if (mailbox.isEmpty() || !knownMailbox.test(mailbox)) {
      return refuse("invalid_grant", "Invalid email or User ID", 400, "unknown sub " + mailbox);
    }
    if (!account.allows(mailbox)) {
      return refuse("unauthorized_client", "Client is unauthorized to retrieve access tokens using this method,"
          + " or client not authorized for any of the scopes requested.", 401, "disallowed sub " + mailbox);
    }
    String access = "ya29.fake-sa-" + UUID.randomUUID();
    accessTokens.put(access, mailbox);
    ObjectNode body = FakeHttp.JSON.createObjectNode();
    body.put("access_token", access);
    body.put("expires_in", 3599);
    body.put("token_type", "Bearer");
    return Response.ok(body);
  }

  private static boolean verified(FakeServiceAccount account, String[] parts) {
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initVerify(account.publicKey());
      rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      return rsa.verify(Base64.getUrlDecoder().decode(parts[2]));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private Response refuse(String error, String description, int status, String why) {
    synchronized (this) {
      refusals.add(error + ": " + why);
    }
    ObjectNode body = FakeHttp.JSON.createObjectNode();
    body.put("error", error);
    body.put("error_description", description);
    return Response.json(status, body);
  }
}
