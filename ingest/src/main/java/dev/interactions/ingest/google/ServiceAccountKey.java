package dev.interactions.ingest.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.auth.Credentials;
import com.google.auth.Retryable;
import com.google.auth.http.HttpTransportFactory;
import com.google.api.client.http.HttpResponseException;
import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.interactions.core.mail.Addresses;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The {@code --auth service-account} credentials: a Google service account's JSON key, used with
 * domain-wide delegation to impersonate each mailbox. The private key never leaves this object in
 * readable form: {@link #toString()} hides it and {@link #redact} removes it from any message.
 */
public final class ServiceAccountKey implements MailboxCredentials {
  static final String TYPE = "service_account";

  private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String END = "-----END PRIVATE KEY-----";

  private final String clientEmail;
  private final String clientId;
  private final String privateKeyId;
  private final String projectId;
  private final PrivateKey privateKey;
  private final String privateKeyPem;
  private final URI tokenUri;

  private ServiceAccountKey(String clientEmail, String clientId, String privateKeyId, String projectId,
      PrivateKey privateKey, String privateKeyPem, URI tokenUri) {
    this.clientEmail = clientEmail;
    this.clientId = clientId;
    this.privateKeyId = privateKeyId;
    this.projectId = projectId;
    this.privateKey = privateKey;
    this.privateKeyPem = privateKeyPem;
    this.tokenUri = tokenUri;
  }

  /**
   * Reads and checks the key file: one that others can read is refused, as are a missing field, a
   * private key that is not PEM PKCS#8 RSA, and a token_uri that is not an http(s) URL.
   */
  public static ServiceAccountKey read(Path file) {
    JsonNode root = CredentialFiles.readOwnerOnlyJson(file);
    String where = "credentials file " + file;
    if (!TYPE.equals(root.path("type").asText())) {
      throw new IllegalArgumentException(where + " is not a service account key (its \"type\" must be \""
          + TYPE + "\"): download a JSON key of the service account from the Google Cloud console");
    }
    List<String> missing = new ArrayList<>();
    for (String field : List.of("client_email", "client_id", "private_key")) {
      if (root.path(field).asText("").isBlank()) {
        missing.add(field);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(where + " lacks " + String.join(", ", missing)
          + ": a service account key has client_email, client_id, private_key_id and private_key");
    }
    String pem = root.path("private_key").asText();
    return new ServiceAccountKey(root.path("client_email").asText().strip(), root.path("client_id").asText().strip(),
        blankToNull(root.path("private_key_id").asText("")), blankToNull(root.path("project_id").asText("")),
        privateKey(pem, where), pem, tokenUri(root.path("token_uri").asText(""), where));
  }

  /** The PEM PKCS#8 RSA key; messages never quote it. */
  private static PrivateKey privateKey(String pem, String where) {
    String text = pem.strip();
    if (text.startsWith("-----BEGIN RSA PRIVATE KEY-----")) {
      throw new IllegalArgumentException(where + ": private_key is PKCS#1, not PKCS#8 (a key Google issued is"
          + " PKCS#8; convert with openssl pkcs8 -topk8 -nocrypt)");
    }
    if (!text.startsWith(BEGIN) || !text.endsWith(END)) {
      throw new IllegalArgumentException(where + ": private_key is not a PEM private key (between BEGIN PRIVATE KEY"
          + " and END PRIVATE KEY lines)");
    }
    try {
      byte[] der = Base64.getMimeDecoder().decode(text.substring(BEGIN.length(), text.length() - END.length()));
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      // The exception's message is not shown: it may describe the key's bytes.
      throw new IllegalArgumentException(where + ": private_key is not a valid PKCS#8 RSA private key");
    }
  }

  private static URI tokenUri(String value, String where) {
    if (value.isBlank()) {
      return null;
    }
    try {
      URI uri = URI.create(value.strip());
      if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
        return uri;
      }
    } catch (IllegalArgumentException e) {
      // Said below.
    }
    throw new IllegalArgumentException(where + ": token_uri is not an http(s) URL");
  }

  private static String blankToNull(String s) {
    return s.isBlank() ? null : s.strip();
  }

  public String clientEmail() {
    return clientEmail;
  }

  /** The service account's OAuth client id: what Google Admin's domain-wide delegation allows. */
  public String clientId() {
    return clientId;
  }

  /** Every address: with domain-wide delegation the service account can act for any user of the domain. */
  @Override
  public boolean has(String mailbox) {
    return Addresses.normalize(mailbox) != null;
  }

  /**
   * The service account impersonating {@code mailbox} with the pipeline's read-only scopes; {@code
   * tokenUri}, when given, wins over the key file's token_uri.
   */
  @Override
  public Credentials forMailbox(String mailbox, HttpTransportFactory transport, URI tokenUri) {
    return ServiceAccountCredentials.newBuilder()
        .setClientEmail(clientEmail)
        .setClientId(clientId)
        .setPrivateKey(privateKey)
        .setPrivateKeyId(privateKeyId)
        .setProjectId(projectId)
        .setHttpTransportFactory(transport)
        .setTokenServerUri(tokenUri != null ? tokenUri : this.tokenUri)
        .build()
        .createScoped(GoogleClients.SCOPES)
        .createDelegated(mailbox);
  }

  /**
   * Also a bare 401 from the token endpoint: Java's HttpURLConnection drops the body of a 401 answer
   * to a streamed POST, so Google's unauthorized_client reaches us as "401 Unauthorized" alone.
   */
  @Override
  public String refusal(Throwable e) {
    String named = GoogleCalls.refusedGrant(e);
    if (named != null) {
      return named;
    }
    // The token endpoint's failures are the library's (package-private) GoogleAuthException, a Retryable.
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof Retryable && t.getCause() instanceof HttpResponseException h
          && h.getStatusCode() == 401) {
        return "unauthorized_client";
      }
    }
    return null;
  }

  @Override
  public String whenRefused(String oauthError) {
    if (oauthError.equals("invalid_grant")) {
      return "impersonation refused (invalid_grant): the mailbox may not exist or be suspended, or the service"
          + " account's key was deleted or disabled";
    }
    return "impersonation not allowed (" + oauthError + "): in Google Admin (Security > Access and data"
        + " control > API controls > Domain-wide delegation) an admin must allow client id " + clientId + " with the scopes "
        + String.join(",", GoogleClients.SCOPES);
  }

  @Override
  public String redact(String message) {
    if (message == null) {
      return null;
    }
    String out = message.replace(privateKeyPem, "[private key]")
        .replace(privateKeyPem.replace("\n", "\\n"), "[private key]");
    // A message could also quote a line of it (as in the file, a JSON string escapes the line breaks).
    for (String line : privateKeyPem.split("\\\\n|\\n")) {
      if (line.strip().length() >= 16 && !line.startsWith("-----")) {
        out = out.replace(line.strip(), "[private key]");
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "ServiceAccountKey[client_email=" + clientEmail + ", client_id=" + clientId + "]";
  }
}
