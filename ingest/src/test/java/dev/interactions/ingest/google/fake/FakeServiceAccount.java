package dev.interactions.ingest.google.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A service account the fake's token endpoint knows: a fresh RSA key pair, its client email and id,
 * and the mailboxes domain-wide delegation does not allow it to impersonate.
 */
public final class FakeServiceAccount {
  private final String clientEmail;
  private final String clientId;
  private final String privateKeyId;
  private final KeyPair keys;
  private final Set<String> disallowed = ConcurrentHashMap.newKeySet();

  FakeServiceAccount(String name) {
    this.clientEmail = name + "@fake-project.iam.gserviceaccount.com";
    this.clientId = "1" + String.format("%020d", ThreadLocalRandom.current().nextLong(Long.MAX_VALUE));
    this.privateKeyId = Long.toHexString(ThreadLocalRandom.current().nextLong()) + "fake";
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      this.keys = generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public String clientEmail() {
    return clientEmail;
  }

  public String clientId() {
    return clientId;
  }

  String privateKeyId() {
    return privateKeyId;
  }

  PublicKey publicKey() {
    return keys.getPublic();
  }

  /** The private key as a key file holds it: PEM, PKCS#8. */
  public String privateKeyPem() {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  /** Google Admin's domain-wide delegation does not cover this mailbox: its JWT grant answers unauthorized_client. */
  public void disallow(String mailbox) {
    disallowed.add(mailbox);
  }

  boolean allows(String mailbox) {
    return !disallowed.contains(mailbox);
  }

  /** The JSON key file Google Cloud's console hands out for this account, naming {@code tokenUri}. */
  public String keyJson(String tokenUri) {
    ObjectNode key = FakeHttp.JSON.createObjectNode();
    key.put("type", "service_account");
    key.put("project_id", "fake-project");
    key.put("private_key_id", privateKeyId);
    key.put("private_key", privateKeyPem());
    key.put("client_email", clientEmail);
    key.put("client_id", clientId);
    key.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
    key.put("token_uri", tokenUri);
    key.put("auth_provider_x509_cert_url", "https://www.googleapis.com/oauth2/v1/certs");
    key.put("client_x509_cert_url", "https://www.googleapis.com/robot/v1/metadata/x509/" + clientEmail);
    key.put("universe_domain", "googleapis.com");
    return key.toPrettyString();
  }

  /** Writes {@link #keyJson} to {@code file}, readable by its owner only (as a key should be kept). */
  public Path writeKey(Path file, String tokenUri) {
    try {
      Files.writeString(file, keyJson(tokenUri));
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "FakeServiceAccount[" + clientEmail + "]";
  }
}
