package dev.interactions.ingest.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interactions.core.mail.Addresses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --auth user-tokens} credentials file: {@code {"client_id", "client_secret",
 * "tokens": {"<mailbox>": "<refresh token>"}}}. Its secrets never leave this object in readable
 * form: {@link #toString()} hides them and {@link #redact} removes them from any message.
 */
public final class UserTokens {
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
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("credentials file not found: " + file);
    }
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
        throw new IllegalArgumentException("credentials file " + file
            + " can be read by others: allow only its owner (chmod 600)");
      }
    } catch (UnsupportedOperationException notPosix) {
      // Not a POSIX file system: nothing to check.
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read credentials file " + file + ": " + e.getMessage());
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      // The parser's message may quote the file's content: say only where it broke.
      throw new IllegalArgumentException("credentials file " + file + " is not valid JSON");
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

  public boolean has(String mailbox) {
    return refreshTokens.containsKey(mailbox);
  }

  public List<String> mailboxes() {
    return new ArrayList<>(refreshTokens.keySet());
  }

  /** The message with every secret of this file replaced, for logs, errors and tables. */
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
