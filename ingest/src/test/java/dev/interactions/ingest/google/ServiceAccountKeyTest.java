package dev.interactions.ingest.google;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.interactions.ingest.google.fake.FakeGoogle;
import dev.interactions.ingest.google.fake.FakeServiceAccount;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a service account's JSON key: what is refused, and that no message quotes the key. */
class ServiceAccountKeyTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String TOKEN_URI = "https://oauth2.googleapis.com/token";

  static FakeGoogle google;
  static FakeServiceAccount account;

  @TempDir Path tmp;

  @BeforeAll
  static void start() throws Exception {
    google = FakeGoogle.start(0, 0);
    account = google.serviceAccount();
  }

  @AfterAll
  static void stop() {
    google.close();
  }

  Path write(String name, String content) throws Exception {
    Path file = tmp.resolve(name);
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  ObjectNode key() throws Exception {
    return (ObjectNode) JSON.readTree(account.keyJson(TOKEN_URI));
  }

  /** The message of reading {@code file}, checked to quote no part of the private key. */
  String refusal(Path file) {
    Throwable e = org.assertj.core.api.Assertions.catchThrowable(() -> ServiceAccountKey.read(file));
    assertThat(e).isInstanceOf(IllegalArgumentException.class);
    assertThat(e.getMessage()).doesNotContain("PRIVATE KEY-----").doesNotContain("\n");
    account.privateKeyPem().lines().filter(l -> !l.startsWith("-----") && l.length() >= 12)
        .forEach(line -> assertThat(e.getMessage()).doesNotContain(line.substring(0, 12)));
    return e.getMessage();
  }

  @Test
  void aGoodKeyImpersonatesWithTheReadOnlyScopesAndTheGivenTokenUriWins() throws Exception {
    ServiceAccountKey key = ServiceAccountKey.read(account.writeKey(tmp.resolve("key.json"), TOKEN_URI));

    assertThat(key.clientEmail()).isEqualTo(account.clientEmail());
    assertThat(key.clientId()).isEqualTo(account.clientId());
    assertThat(key.has("maya@helio.app")).isTrue();
    assertThat(key.toString()).doesNotContain("PRIVATE");
    NetHttpTransport transport = new NetHttpTransport();
    ServiceAccountCredentials fromFile = (ServiceAccountCredentials) key.forMailbox("maya@helio.app", () -> transport,
        null);
    assertThat(fromFile.getServiceAccountUser()).isEqualTo("maya@helio.app");
    assertThat(fromFile.getScopes()).containsExactlyInAnyOrderElementsOf(GoogleClients.SCOPES);
    assertThat(fromFile.getTokenServerUri()).isEqualTo(URI.create(TOKEN_URI));
    ServiceAccountCredentials overridden = (ServiceAccountCredentials) key.forMailbox("maya@helio.app",
        () -> transport, URI.create(google.tokenUri()));
    assertThat(overridden.getTokenServerUri()).isEqualTo(URI.create(google.tokenUri()));

    String pem = account.privateKeyPem();
    String line = pem.lines().toList().get(2);
    assertThat(key.redact("a " + pem + " b " + pem.replace("\n", "\\n") + " c " + line))
        .isEqualTo("a [private key] b [private key] c [private key]");
    assertThat(key.whenRefused("unauthorized_client")).contains(account.clientId())
        .contains("Domain-wide delegation").contains(GoogleClients.SCOPES.get(0)).contains(GoogleClients.SCOPES.get(1));
  }

  @Test
  void aKeyOthersCanReadIsRefused() throws Exception {
    Path file = account.writeKey(tmp.resolve("key.json"), TOKEN_URI);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

    assertThat(refusal(file)).isEqualTo("credentials file " + file
        + " can be read by others: allow only its owner (chmod 600)");
  }

  @Test
  void missingFieldsAreNamed() throws Exception {
    ObjectNode key = key();
    key.remove(List.of("client_email", "private_key"));

    assertThat(refusal(write("key.json", key.toString()))).endsWith(" lacks client_email, private_key: a service"
        + " account key has client_email, client_id, private_key_id and private_key");
  }

  @Test
  void notJsonOrNotAServiceAccountKeyIsRefused() throws Exception {
    String truncated = account.keyJson(TOKEN_URI);
    Path broken = write("broken.json", truncated.substring(0, truncated.indexOf("MII") + 40));
    assertThat(refusal(broken)).isEqualTo("credentials file " + broken + " is not valid JSON");

    Path tokens = write("tokens.json", "{\"client_id\": \"c\", \"client_secret\": \"s3cret\", \"tokens\": {}}");
    assertThat(refusal(tokens)).contains("is not a service account key").doesNotContain("s3cret");

    assertThat(refusal(tmp.resolve("nope.json"))).isEqualTo("credentials file not found: " + tmp.resolve("nope.json"));
  }

  @Test
  void aPrivateKeyThatIsNotPemPkcs8RsaIsRefused() throws Exception {
    ObjectNode key = key();
    String pem = account.privateKeyPem();
    List<String> lines = pem.lines().toList();
    key.put("private_key", lines.get(0) + "\n" + lines.get(1) + "\n" + lines.get(lines.size() - 1) + "\n");
    assertThat(refusal(write("damaged.json", key.toString()))).endsWith(": private_key is not a valid PKCS#8 RSA"
        + " private key");

    key.put("private_key", pem.replace("BEGIN PRIVATE", "BEGIN RSA PRIVATE").replace("END PRIVATE", "END RSA PRIVATE"));
    assertThat(refusal(write("pkcs1.json", key.toString()))).contains("private_key is PKCS#1, not PKCS#8");

    key.put("private_key", pem.lines().filter(l -> !l.startsWith("-----")).reduce("", String::concat));
    assertThat(refusal(write("bare.json", key.toString()))).contains("private_key is not a PEM private key");

    key.put("private_key", pem);
    key.put("token_uri", "oauth2.googleapis.com/token");
    assertThat(refusal(write("uri.json", key.toString()))).endsWith(": token_uri is not an http(s) URL");
  }

  @Test
  void theTokenEndpointsRefusalsAreNotRetried() {
    for (String error : List.of("unauthorized_client", "access_denied", "invalid_grant")) {
      java.io.IOException e = new java.io.IOException("Error getting access token for service account: 401"
          + " Unauthorized\n{\"error\":\"" + error + "\"}, iss: " + account.clientEmail());
      assertThat(GoogleCalls.retryable(e)).as(error).isFalse();
      assertThat(GoogleCalls.refusedGrant(e)).isEqualTo(error);
    }
    assertThat(GoogleCalls.retryable(new java.io.IOException("Connection reset"))).isTrue();
  }
}
