package dev.interactions.ingest.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.auth.Credentials;
import com.google.auth.http.HttpTransportFactory;
import com.google.auth.oauth2.UserCredentials;
import dev.interactions.core.mail.Addresses;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --auth user-tokens} credentials file: {@code {"client_id", "client_secret",
 * "tokens": {"<mailbox>": "<refresh token>"}}}. Its secrets never leave this object in readable
 * form: {@link #toString()} hides them and {@link #redact} removes them from any message.
 */
public final class UserTokens implements MailboxCredentials {
  private final String clientId;
  private final String clientSecret;
  private final Map<String, String> refreshTokens;

  public UserTokens(String clientId, String clientSecret, Map<String, String> refreshTokens) {
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.refreshTokens = Collections.unmodifiableMap(new LinkedHashMap<>(refreshTokens));
  }

  /** Reads and checks the file; one that others can read is refused, as are missing fields. */
  public static UserTokens read(Path file) {
    JsonNode root = CredentialFiles.readOwnerOnlyJson(file);
    if (ServiceAccountKey.TYPE.equals(root.path("type").asText())) {
      throw new IllegalArgumentException("credentials file " + file
          + " is a service account key, not a user-tokens file (use --auth service-account)");
    }
    String clientId = root.path("client_id").asText("");
    String clientSecret = root.path("client_secret").asText("");
    if (clientId.isBlank() || clientSecret.isBlank() || !root.path("tokens").isObject()) {
      throw new IllegalArgumentException("credentials file " + file
          + " needs client_id, client_secret and a tokens object (mailbox to refresh token)");
    }
    Map<String, String> tokens = new LinkedHashMap<>();
    root.path("tokens").fields().forEachRemaining(e -> {
      String mailbox = Addresses.normalize(e.getKey());
      if (mailbox != null && e.getValue().isTextual() && !e.getValue().asText().isBlank()) {
        tokens.put(mailbox, e.getValue().asText());
      }
    });
    return new UserTokens(clientId, clientSecret, tokens);
  }

  public String clientId() {
    return clientId;
  }

  String clientSecret() {
    return clientSecret;
  }

  /** The refresh token of a mailbox, or null when its owner has not connected it. */
  String refreshToken(String mailbox) {
    return refreshTokens.get(mailbox);
  }

  @Override
  public boolean has(String mailbox) {
    return refreshTokens.containsKey(mailbox);
  }

  /** The owner's refresh-token credential; a mailbox without a token is refused. */
  @Override
  public Credentials forMailbox(String mailbox, HttpTransportFactory transport, URI tokenUri) {
    String refresh = refreshToken(mailbox);
    if (refresh == null) {
      throw new IllegalArgumentException("no refresh token for " + mailbox);
    }
    UserCredentials.Builder b = UserCredentials.newBuilder()
        .setClientId(clientId)
        .setClientSecret(clientSecret)
        .setRefreshToken(refresh)
        .setHttpTransportFactory(transport);
    if (tokenUri != null) {
      b.setTokenServerUri(tokenUri);
    }
    return b.build();
  }

  @Override
  public String whenRefused(String oauthError) {
    return "access revoked or expired (" + oauthError + "): the mailbox's owner must connect it again";
  }

  public List<String> mailboxes() {
    return new ArrayList<>(refreshTokens.keySet());
  }

  @Override
  public String redact(String message) {
    if (message == null) {
      return null;
    }
    String out = message.replace(clientSecret, "[client secret]");
    for (String token : refreshTokens.values()) {
      out = out.replace(token, "[refresh token]");
    }
    return out;
  }

  @Override
  public String toString() {
    return "UserTokens[client_id=" + clientId + ", mailboxes=" + refreshTokens.keySet() + "]";
  }
}
