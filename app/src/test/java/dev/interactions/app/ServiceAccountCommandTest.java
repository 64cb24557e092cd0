package dev.interactions.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interactions.app.CommandLineTest.Result;
import dev.interactions.ingest.google.fake.FakeGoogle;
import dev.interactions.ingest.google.fake.FakeResources;
import dev.interactions.ingest.google.fake.FakeServiceAccount;
import dev.interactions.testkit.SparkTest;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** {@code ingest --source google --auth service-account} through the command line. */
@SparkTest
// By name: the test that must not start Spark runs first, so that its check means something.
@TestMethodOrder(MethodOrderer.MethodName.class)
class ServiceAccountCommandTest {
  static final String MAYA = "maya@helio.app";
  static final String OMAR = "omar@helio.app";
  static final String ZOE = "zoe@helio.app";
  static final String PEM_BODY = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7fakefakefakefake";

  @TempDir Path tmp;

  /** Main.execute without starting Spark first, as a user's shell would run it. */
  static Result run(String... args) {
    return CommandLineTest.execute(new ByteArrayOutputStream(), args);
  }

  Path write(String name, String content, String perms) throws Exception {
    Path file = tmp.resolve(name);
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
    return file;
  }

  String[] ingest(Path key, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("ingest", "--source", "google", "--warehouse",
        tmp.resolve("wh").toString(), "--auth", "service-account", "--credentials", key.toString()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void aBadKeyFileIsAOneLineErrorBeforeSparkStarts() throws Exception {
    boolean sparkBefore = SparkSession.getDefaultSession().isDefined();
    String key = "{\"type\": \"service_account\", \"client_email\": \"sa@p.iam.gserviceaccount.com\", \"client_id\":"
        + " \"123\", \"private_key\": \"-----BEGIN PRIVATE KEY-----\\n" + PEM_BODY + "\\n-----END PRIVATE KEY-----\\n\"}";
    Path readable = write("readable.json", key, "rw-r--r--");
    Path damaged = write("damaged.json", key, "rw-------");
    Path tokens = write("tokens.json", "{\"client_id\": \"c\", \"client_secret\": \"s3cret\", \"tokens\": {}}",
        "rw-------");

    for (String[] args : List.of(ingest(tmp.resolve("nope.json"), "--mailboxes", MAYA),
        ingest(readable, "--mailboxes", MAYA), ingest(damaged, "--mailboxes", MAYA), ingest(tokens, "--mailboxes", MAYA),
        ingest(damaged, "--mailboxes", MAYA, "--token-uri", "localhost:9/token"))) {
      Result r = run(args);
      assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(1);
      assertThat(r.err().strip().lines().toList()).as(r.err()).hasSize(1)
          .allMatch(l -> l.startsWith("interactions: error: "));
      assertThat(r.err()).doesNotContain(PEM_BODY.substring(0, 20)).doesNotContain("s3cret");
    }
    assertThat(run(ingest(readable, "--mailboxes", MAYA)).err()).contains("can be read by others");
    assertThat(run(ingest(damaged, "--mailboxes", MAYA)).err().strip()).isEqualTo("interactions: error: credentials"
        + " file " + damaged + ": private_key is not a valid PKCS#8 RSA private key");
    assertThat(run(ingest(tokens, "--mailboxes", MAYA)).err()).contains("is not a service account key");
    assertThat(run(ingest(damaged, "--mailboxes", MAYA, "--token-uri", "localhost:9/token")).err())
        .contains("--token-uri must be an http(s) URL");
    if (!sparkBefore) {
      assertThat(SparkSession.getDefaultSession().isDefined()).as("Spark started").isFalse();
    }
  }

  @Test
  void everyTeamMemberIsImpersonatedAndOneTheDomainDoesNotDelegateFailsAlone() throws Exception {
    try (FakeGoogle google = FakeGoogle.start(0, 5)) {
      for (String m : List.of(MAYA, OMAR, ZOE)) {
        google.connect(m);
        google.gmail().add(m, FakeResources.message(m.charAt(0) + "1", "t1", Instant.now().minus(Duration.ofDays(2)),
            List.of("INBOX"), "wes@umbrella.com", m, null, "Hi", m.charAt(0) + "1@umbrella.com", null));
      }
      FakeServiceAccount account = google.serviceAccount();
      account.disallow(ZOE);
      Path key = account.writeKey(tmp.resolve("key.json"), "https://oauth2.googleapis.com/token");
      Path reference = tmp.resolve("reference");
      Files.createDirectories(reference);
      Files.writeString(reference.resolve("team_members.csv"), "team_member_id,email,aliases\nt1," + MAYA + ",\nt2,"
          + OMAR + ",\nt3," + ZOE + ",\n");
      Files.writeString(reference.resolve("users.csv"), "user_id,email,customer_id\np1,wes@umbrella.com,k1\n");
      Files.writeString(reference.resolve("customers.csv"), "customer_id,name,domains\nk1,Umbrella,umbrella.com\n");

      Result r = CommandLineTest.cli(ingest(key, "--reference", reference.toString(), "--google-root-url",
          google.rootUrl(), "--token-uri", google.tokenUri()));

      assertThat(r.exit()).as(r.err()).isEqualTo(3);
      assertThat(r.out().lines().sorted().toList()).containsExactly("calendar " + MAYA + ": ok, 0 fetched",
          "calendar " + OMAR + ": ok, 0 fetched", "calendar " + ZOE + ": failed, 0 fetched",
          "gmail " + MAYA + ": ok, 1 fetched", "gmail " + OMAR + ": ok, 1 fetched", "gmail " + ZOE + ": failed, 0 fetched");
      assertThat(r.err()).contains("interactions: gmail " + ZOE + " failed: impersonation not allowed"
          + " (unauthorized_client)").contains("client id " + account.clientId())
          .contains("partly done: 1 of 3 mailboxes failed");
      String pem = account.privateKeyPem();
      assertThat(r.out() + r.err()).doesNotContain(pem.lines().toList().get(1));
      Result status = CommandLineTest.cli("status", "--warehouse", tmp.resolve("wh").toString());
      assertThat(status.out().lines().filter(l -> l.startsWith(ZOE + ",")).toList()).hasSize(2)
          .allMatch(l -> l.contains(",google,auth_revoked,failed,"));
    }
  }
}
