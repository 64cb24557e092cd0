package dev.interactions.ingest.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.Credentials;
import dev.interactions.ingest.google.fake.FakeBrowser;
import dev.interactions.ingest.google.fake.FakeGoogle;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installed-app consent against the fake Google on loopback, with a test browser that consents. */
class AuthConsentTest {
  @TempDir Path tmp;

  FakeGoogle google;
  Path clientSecrets;
  Path tokensFile;
  final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  @BeforeEach
  void start() throws Exception {
    google = FakeGoogle.start(0, 2);
    clientSecrets = writeClientSecrets(tmp.resolve("client.json"), google);
    tokensFile = tmp.resolve("tokens.json");
  }

  @AfterEach
  void stop() {
    google.close();
  }

  /** The file Cloud Console downloads for a Desktop-app client, pointing at the fake. */
  public static Path writeClientSecrets(Path file, FakeGoogle google) throws Exception {
    Files.writeString(file, "{\"installed\": {\"client_id\": \"" + FakeGoogle.CLIENT_ID + "\", \"project_id\": \"p\","
        + " \"auth_uri\": \"" + google.authUri() + "\", \"token_uri\": \"" + google.tokenUri() + "\","
        + " \"client_secret\": \"" + FakeGoogle.CLIENT_SECRET + "\", \"redirect_uris\": [\"http://localhost\"]}}");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  /** What the auth command does: check both files, consent, store. */
  void connect(String mailbox, Duration timeout) throws Exception {
    DesktopClient client = DesktopClient.read(clientSecrets);
    TokensFile.check(tokensFile, client);
    GoogleClients clients = new GoogleClients(new NetHttpTransport(), google.rootUrl(), client.tokenUri());
    PrintStream err = new PrintStream(printed, true, StandardCharsets.UTF_8);
    LoopbackConsent.Grant grant = new LoopbackConsent(clients, client, timeout, err, false).run(mailbox);
    TokensFile.add(tokensFile, client, grant.mailbox(), grant.refreshToken());
  }

  FakeBrowser.Visit connectWithBrowser(String mailbox, UnaryOperator<String> tamper) throws Exception {
    // Only what this run prints: the earlier runs' URLs are stale.
    int from = printed.size();
    try (FakeBrowser browser = FakeBrowser.watching(() -> printed.toString(StandardCharsets.UTF_8).substring(from),
        tamper)) {
      connect(mailbox, Duration.ofSeconds(20));
      return browser.visit();
    }
  }

  static Map<String, String> query(String url) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : URI.create(url).getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void consentStoresARefreshTokenTheIngestCanUse() throws Exception {
    FakeBrowser.Visit visit = connectWithBrowser("maya@helio.app", url -> url);

    assertThat(visit.status()).isEqualTo(200);
    assertThat(visit.page()).contains("Consent received for maya@helio.app");
    Map<String, String> q = query(visit.consentUrl());
    assertThat(q).containsEntry("response_type", "code").containsEntry("client_id", FakeGoogle.CLIENT_ID)
        .containsEntry("access_type", "offline").containsEntry("prompt", "consent")
        .containsEntry("login_hint", "maya@helio.app").containsEntry("code_challenge_method", "S256")
        .containsEntry("scope", String.join(" ", GoogleClients.SCOPES));
    assertThat(q.get("redirect_uri")).matches("http://127\\.0\\.0\\.1:[0-9]+/");
    assertThat(q.get("state")).hasSizeGreaterThanOrEqualTo(20);
    assertThat(q.get("code_challenge")).hasSize(43);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokensFile))).isEqualTo("rw-------");
    UserTokens tokens = UserTokens.read(tokensFile);
    assertThat(tokens.mailboxes()).containsExactly("maya@helio.app");
    assertThat(tokens.clientId()).isEqualTo(FakeGoogle.CLIENT_ID);
    // The ingest's own path: the stored token refreshes at the fake and reads the mailbox.
    GoogleClients clients = new GoogleClients(new NetHttpTransport(), google.rootUrl(), google.tokenUri());
    Credentials credentials = clients.userCredentials(tokens, "maya@helio.app");
    credentials.refresh();
    assertThat(clients.gmail(credentials, "maya@helio.app").users().getProfile("me").execute().getEmailAddress())
        .isEqualTo("maya@helio.app");

    // A second mailbox goes beside the first, which keeps its token.
    String mayaToken = tokens.refreshToken("maya@helio.app");
    connectWithBrowser("raj@helio.app", url -> url);
    UserTokens both = UserTokens.read(tokensFile);
    assertThat(both.mailboxes()).containsExactly("maya@helio.app", "raj@helio.app");
    assertThat(both.refreshToken("maya@helio.app")).isEqualTo(mayaToken);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokensFile))).isEqualTo("rw-------");
    try (var files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("client.json", "tokens.json");
    }

    // Connecting a mailbox again replaces its token.
    connectWithBrowser("maya@helio.app", url -> url);
    assertThat(UserTokens.read(tokensFile).refreshToken("maya@helio.app")).isNotEqualTo(mayaToken);

    Set<String> secrets = new HashSet<>(google.issuedAccessTokens());
    secrets.addAll(google.consent().issuedCodes());
    secrets.add(FakeGoogle.CLIENT_SECRET);
    secrets.add(mayaToken);
    secrets.add(both.refreshToken("raj@helio.app"));
    String output = printed.toString(StandardCharsets.UTF_8);
    assertThat(secrets).allSatisfy(s -> assertThat(output).doesNotContain(s));
  }

  @Test
  void denialAndAForgedStateFailClearlyAndLeaveTheFileAsItWas() throws Exception {
    connectWithBrowser("maya@helio.app", url -> url);
    byte[] before = Files.readAllBytes(tokensFile);

    google.consent().deny("raj@helio.app");
    assertThatThrownBy(() -> connectWithBrowser("raj@helio.app", url -> url))
        .isInstanceOf(LoopbackConsent.ConsentFailed.class)
        .hasMessage("consent for raj@helio.app was denied in the browser: nothing was stored");
    assertThat(Files.readAllBytes(tokensFile)).isEqualTo(before);

    assertThatThrownBy(() -> connectWithBrowser("ana@helio.app", url -> url.replaceAll("state=[^&]+", "state=forged")))
        .isInstanceOf(LoopbackConsent.ConsentFailed.class)
        .hasMessageContaining("did not carry this consent's state");
    assertThat(Files.readAllBytes(tokensFile)).isEqualTo(before);
  }

  @Test
  void aTokenForAnotherAccountOrNoRefreshTokenIsNotStored() throws Exception {
    google.consent().signInAs("eve@elsewhere.example");
    assertThatThrownBy(() -> connectWithBrowser("maya@helio.app", url -> url))
        .hasMessageStartingWith("the browser consented as eve@elsewhere.example, not maya@helio.app");
    assertThat(tokensFile).doesNotExist();

    google.consent().signInAs(null);
    google.consent().withholdRefreshToken();
    assertThatThrownBy(() -> connectWithBrowser("maya@helio.app", url -> url))
        .hasMessageStartingWith("Google gave no refresh token for maya@helio.app");
    assertThat(tokensFile).doesNotExist();
  }

  @Test
  void noConsentWithinTheTimeoutFailsClearly() {
    assertThatThrownBy(() -> connect("maya@helio.app", Duration.ofMillis(300)))
        .isInstanceOf(LoopbackConsent.ConsentFailed.class)
        .hasMessageStartingWith("no consent for maya@helio.app arrived within 300ms");
    assertThat(tokensFile).doesNotExist();
  }

  @Test
  void filesOthersCanReadOrOfAnotherClientAreRefused() throws Exception {
    Files.setPosixFilePermissions(clientSecrets, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> DesktopClient.read(clientSecrets))
        .hasMessage("client secrets file " + clientSecrets + " can be read by others: allow only its owner (chmod 600)");
    Files.setPosixFilePermissions(clientSecrets, PosixFilePermissions.fromString("rw-------"));
    DesktopClient client = DesktopClient.read(clientSecrets);
    assertThat(client.toString()).doesNotContain(FakeGoogle.CLIENT_SECRET);

    Files.writeString(tokensFile, "{\"client_id\": \"" + FakeGoogle.CLIENT_ID + "\", \"client_secret\": \"s\","
        + " \"tokens\": {}}");
    Files.setPosixFilePermissions(tokensFile, PosixFilePermissions.fromString("rw-r-----"));
    assertThatThrownBy(() -> TokensFile.check(tokensFile, client)).hasMessageContaining("can be read by others");

    Files.writeString(tokensFile, "{\"client_id\": \"other.apps.googleusercontent.com\", \"client_secret\": \"s\","
        + " \"tokens\": {}}");
    Files.setPosixFilePermissions(tokensFile, PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> TokensFile.check(tokensFile, client))
        .hasMessageContaining("is for client_id other.apps.googleusercontent.com");

    Path web = tmp.resolve("web.json");
    Files.writeString(web, "{\"web\": {\"client_id\": \"x\", \"client_secret\": \"y\"}}");
    Files.setPosixFilePermissions(web, PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> DesktopClient.read(web)).hasMessageContaining("has no \"installed\" client");
  }
}
