package dev.interactions.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interactions.ingest.google.UserTokens;
import dev.interactions.ingest.google.fake.FakeBrowser;
import dev.interactions.ingest.google.fake.FakeGoogle;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code auth} through the CLI entry point, in process, against the fake Google; no Spark. */
class AuthCommandTest {
  @TempDir Path tmp;

  record Result(int exit, String out, String err) {
    String lastErrLine() {
      List<String> lines = err.lines().toList();
      return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
  }

  @BeforeAll
  static void noRealBrowser() {
    // The command tries the desktop's browser when there is one: never in tests.
    System.setProperty("java.awt.headless", "true");
  }

  /** Runs the CLI with its stderr also readable while it runs (the test browser reads the URL there). */
  static Result cli(ByteArrayOutputStream err, String... args) {
    CommandLineTest.Result r = CommandLineTest.execute(err, args);
    return new Result(r.exit(), r.out(), r.err());
  }

  static Result cli(String... args) {
    return cli(new ByteArrayOutputStream(), args);
  }

  Path clientSecrets(FakeGoogle google, String perms) throws Exception {
    Path file = tmp.resolve("client_secret_desktop.json");
    Files.writeString(file, "{\"installed\": {\"client_id\": \"" + FakeGoogle.CLIENT_ID + "\", \"project_id\": \"p\","
        + " \"auth_uri\": \"https://accounts.google.com/o/oauth2/auth\","
        + " \"token_uri\": \"https://oauth2.googleapis.com/token\","
        + " \"client_secret\": \"" + FakeGoogle.CLIENT_SECRET + "\", \"redirect_uris\": [\"http://localhost\"]}}");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
    return file;
  }

  String[] auth(FakeGoogle google, Path secrets, Path tokens, String mailbox) {
    return new String[] {"auth", "--credentials", tokens.toString(), "--client-secrets", secrets.toString(),
        "--mailbox", mailbox, "--auth-uri", google.authUri(), "--token-uri", google.tokenUri(),
        "--google-root-url", google.rootUrl(), "--timeout", "20s"};
  }

  @Test
  void connectsAMailboxEndToEnd() throws Exception {
    boolean sparkBefore = SparkSession.getDefaultSession().isDefined();
    try (FakeGoogle google = FakeGoogle.start(0, 2)) {
      Path secrets = clientSecrets(google, "rw-------");
      Path tokens = tmp.resolve("tokens.json");
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Result r;
      try (FakeBrowser browser = FakeBrowser.watching(() -> err.toString(StandardCharsets.UTF_8))) {
        // At --verbose, as the secrets check below is most useful with everything logged.
        String[] args = auth(google, secrets, tokens, "Maya@Helio.app");
        args = java.util.Arrays.copyOf(args, args.length + 1);
        args[args.length - 1] = "--verbose";
        r = cli(err, args);
        assertThat(browser.visit().page()).contains("Consent received for maya@helio.app");
      }

      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(r.out()).isEqualTo("connected maya@helio.app\n");
      assertThat(r.err()).contains("open this URL in a browser and sign in as maya@helio.app");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokens))).isEqualTo("rw-------");
      UserTokens stored = UserTokens.read(tokens);
      assertThat(stored.mailboxes()).containsExactly("maya@helio.app");
      assertThat(stored.clientId()).isEqualTo(FakeGoogle.CLIENT_ID);

      Set<String> secretValues = new HashSet<>(google.issuedAccessTokens());
      secretValues.addAll(google.consent().issuedCodes());
      secretValues.add(FakeGoogle.CLIENT_SECRET);
      String printed = r.out() + r.err();
      assertThat(secretValues).allSatisfy(s -> assertThat(printed).doesNotContain(s));
      // redact() replaces the file's refresh tokens and client secret: nothing to replace in the output.
      assertThat(stored.redact(printed)).isEqualTo(printed);
      assertThat(stored.redact(Files.readString(tokens))).doesNotContain("1//fake-refresh-");

      // Denied: a clear last line, exit 1, the file as it was.
      byte[] before = Files.readAllBytes(tokens);
      google.consent().deny("raj@helio.app");
      ByteArrayOutputStream err2 = new ByteArrayOutputStream();
      Result denied;
      try (FakeBrowser browser = FakeBrowser.watching(() -> err2.toString(StandardCharsets.UTF_8))) {
        denied = cli(err2, auth(google, secrets, tokens, "raj@helio.app"));
      }
      assertThat(denied.exit()).isEqualTo(1);
      assertThat(denied.lastErrLine())
          .isEqualTo("interactions: error: consent for raj@helio.app was denied in the browser: nothing was stored");
      assertThat(Files.readAllBytes(tokens)).isEqualTo(before);
    }
    if (!sparkBefore) {
      assertThat(SparkSession.getDefaultSession().isDefined()).as("auth started Spark").isFalse();
    }
  }

  @Test
  void badOptionValuesAreUsageErrors() throws Exception {
    try (FakeGoogle google = FakeGoogle.start(0, 2)) {
      Path secrets = clientSecrets(google, "rw-------");
      Path tokens = tmp.resolve("tokens.json");
      String[] args = auth(google, secrets, tokens, "maya@helio.app");

      args[args.length - 1] = "soon";
      Result timeout = cli(args);
      assertThat(timeout.exit()).isEqualTo(Main.EXIT_USAGE);
      assertThat(timeout.lastErrLine()).contains("expected a number with a unit s, m or h (like 30s, 5m or 1h)"
          + " but was 'soon'");

      Result mailbox = cli(auth(google, secrets, tokens, "maya"));
      assertThat(mailbox.exit()).isEqualTo(Main.EXIT_USAGE);
      assertThat(mailbox.lastErrLine()).contains("expected an email address like maya@helio.app but was 'maya'");

      String[] url = auth(google, secrets, tokens, "maya@helio.app");
      url[8] = "ftp://example.com/";
      Result badUrl = cli(url);
      assertThat(badUrl.exit()).isEqualTo(Main.EXIT_USAGE);
      assertThat(badUrl.lastErrLine()).contains("expected an http or https URL");

      Result missing = cli("auth", "--credentials", tokens.toString());
      assertThat(missing.exit()).isEqualTo(Main.EXIT_USAGE);
      assertThat(tokens).doesNotExist();
    }
  }

  @Test
  void filesOthersCanReadAreRefusedBeforeTheBrowser() throws Exception {
    try (FakeGoogle google = FakeGoogle.start(0, 2)) {
      Path tokens = tmp.resolve("tokens.json");
      Result readableSecrets = cli(auth(google, clientSecrets(google, "rw-r--r--"), tokens, "maya@helio.app"));
      assertThat(readableSecrets.exit()).isEqualTo(1);
      assertThat(readableSecrets.lastErrLine()).startsWith("interactions: error: client secrets file ")
          .endsWith(" can be read by others: allow only its owner (chmod 600)");
      assertThat(readableSecrets.err()).doesNotContain("open this URL");

      Files.writeString(tokens, "{\"client_id\": \"" + FakeGoogle.CLIENT_ID + "\", \"client_secret\": \"s\","
          + " \"tokens\": {}}");
      Files.setPosixFilePermissions(tokens, PosixFilePermissions.fromString("rw-rw-r--"));
      Result readableTokens = cli(auth(google, clientSecrets(google, "rw-------"), tokens, "maya@helio.app"));
      assertThat(readableTokens.exit()).isEqualTo(1);
      assertThat(readableTokens.lastErrLine()).startsWith("interactions: error: credentials file ")
          .endsWith(" can be read by others: allow only its owner (chmod 600)");
      assertThat(readableTokens.err()).doesNotContain("open this URL");
    }
  }
}
