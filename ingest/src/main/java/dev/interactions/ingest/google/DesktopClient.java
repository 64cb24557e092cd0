package dev.interactions.ingest.google;

import com.google.api.client.googleapis.auth.oauth2.GoogleClientSecrets;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The OAuth client of a "Desktop app", from the client-secrets file Google Cloud Console downloads:
 * {@code {"installed": {"client_id", "client_secret", "auth_uri", "token_uri", ...}}}.
 * {@link #toString()} hides the secret.
 */
public record DesktopClient(String clientId, String clientSecret, String authUri, String tokenUri) {
  public static final String GOOGLE_AUTH_URI = "https://accounts.google.com/o/oauth2/auth";
  public static final String GOOGLE_TOKEN_URI = "https://oauth2.googleapis.com/token";

  /** Reads and checks the file; one that others can read is refused, as is a non-desktop client. */
  public static DesktopClient read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("client secrets file not found: " + file);
    }
    TokensFile.requireOwnerOnly(file, "client secrets file");
    GoogleClientSecrets secrets;
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      secrets = GoogleClientSecrets.load(GoogleClients.JSON, in);
    } catch (IOException | RuntimeException e) {
      // The parser's message may quote the file's content, the secret included.
      throw new IllegalArgumentException("client secrets file " + file + " is not valid JSON");
    }
    GoogleClientSecrets.Details d = secrets.getInstalled();
    if (d == null) {
      throw new IllegalArgumentException("client secrets file " + file + " has no \"installed\" client: download"
          + " the client secrets of an OAuth client of type Desktop app");
    }
    if (blank(d.getClientId()) || blank(d.getClientSecret())) {
      throw new IllegalArgumentException("client secrets file " + file
          + " needs installed.client_id and installed.client_secret");
    }
    return new DesktopClient(d.getClientId(), d.getClientSecret(),
        blank(d.getAuthUri()) ? GOOGLE_AUTH_URI : d.getAuthUri(),
        blank(d.getTokenUri()) ? GOOGLE_TOKEN_URI : d.getTokenUri());
  }

  /** This client with other endpoints (proxies, tests); a null keeps the file's. */
  public DesktopClient withEndpoints(String authUri, String tokenUri) {
    return new DesktopClient(clientId, clientSecret, authUri == null ? this.authUri : authUri,
        tokenUri == null ? this.tokenUri : tokenUri);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  @Override
  public String toString() {
    return "DesktopClient[client_id=" + clientId + ", auth_uri=" + authUri + ", token_uri=" + tokenUri + "]";
  }
}
