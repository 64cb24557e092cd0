package dev.interactions.ingest.google;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.http.javanet.NetHttpTransport;
import dev.interactions.core.RunContext;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.ingest.google.fake.FakeGoogle;
import dev.interactions.ingest.google.fake.FakeResources;
import dev.interactions.ingest.google.fake.FakeServiceAccount;
import dev.interactions.testkit.SharedSpark;
import dev.interactions.testkit.SparkTest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --auth service-account} against the fake: impersonated mailboxes land what their owners'
 * refresh tokens land, a mailbox the domain does not delegate ends auth_revoked alone, and neither
 * the private key nor an access token reaches a log line, an error or the warehouse.
 */
@SparkTest
class ServiceAccountIngestTest {
  static final String MAYA = "maya@helio.app";
  static final String OMAR = "omar@helio.app";
  static final String RAY = "ray@helio.app";
  static final Instant NOW = Instant.now();

  @TempDir Path tmp;

  static List<String> rows(Warehouse wh, String query) {
    wh.register();
    return wh.spark().sql(query).collectAsList().stream().map(r -> r.mkString("|")).toList();
  }

  static GoogleIngest.Report ingest(FakeGoogle google, Warehouse wh, List<String> mailboxes,
      MailboxCredentials credentials) throws InterruptedException {
    GoogleClients clients = new GoogleClients(new NetHttpTransport(), google.rootUrl(), google.tokenUri());
    GoogleOptions options = new GoogleOptions(mailboxes, List.of(), GoogleOptions.DEFAULT_BACKFILL,
        GoogleOptions.StoreBodies.SNIPPET, google.rootUrl(), google.tokenUri());
    return new GoogleIngest(wh, RunContext.start(), clients, credentials).ingest(options);
  }

  @Test
  void impersonatedMailboxesLandWhatUserTokensLandAndADisallowedOneIsRevokedAlone(SparkSession spark)
      throws Exception {
    try (FakeGoogle google = FakeGoogle.start(0, 5)) {
      Map<String, String> refreshTokens = new LinkedHashMap<>();
      for (String m : List.of(MAYA, OMAR, RAY)) {
        refreshTokens.put(m, google.connect(m));
        for (int i = 0; i < 3; i++) {
          google.gmail().add(m, FakeResources.message(m.charAt(0) + "m" + i, "t" + i,
              NOW.minus(Duration.ofDays(i + 1)), List.of("INBOX"), "wes@umbrella.com", m, null, "Hi " + i,
              m.charAt(0) + "m" + i + "@umbrella.com", null));
        }
        Instant start = NOW.plus(Duration.ofDays(2));
        google.calendar().put(m, FakeResources.event(m.charAt(0) + "e1", m.charAt(0) + "e1@google.com", start,
            start.plusSeconds(1800), NOW.minus(Duration.ofDays(3)), "Sync", m, List.of(m, "wes@umbrella.com"), null));
      }
      FakeServiceAccount account = google.serviceAccount();
      account.disallow(RAY);
      // The key names Google's token endpoint, as a downloaded key does: the clients' token URI must win.
      ServiceAccountKey key = ServiceAccountKey.read(account.writeKey(tmp.resolve("key.json"),
          "https://oauth2.googleapis.com/token"));

      Warehouse byTokens = new Warehouse(spark, SharedSpark.newWarehouse());
      assertThat(ingest(google, byTokens, List.of(MAYA, OMAR),
          new UserTokens(FakeGoogle.CLIENT_ID, FakeGoogle.CLIENT_SECRET, refreshTokens)).exitStatus()).isZero();
      Set<String> userTokenAccess = google.issuedAccessTokens();

      Warehouse byAccount = new Warehouse(spark, SharedSpark.newWarehouse());
      GoogleIngest.Report report;
      String logs;
      try (LogCapture capture = new LogCapture()) {
        report = ingest(google, byAccount, List.of(MAYA, OMAR, RAY), key);
        logs = capture.text();
      }

      assertThat(report.exitStatus()).isEqualTo(3);
      assertThat(google.jwtRefusals()).as("only the disallowed mailbox refused, once per source, not retried")
          .containsExactly("unauthorized_client: disallowed sub " + RAY, "unauthorized_client: disallowed sub " + RAY);
      for (String query : List.of(
          "SELECT * EXCEPT (run_id, ingested_at) FROM bronze.gmail_messages ORDER BY mailbox, id",
          "SELECT * EXCEPT (run_id, ingested_at) FROM bronze.calendar_events ORDER BY mailbox, id",
          "SELECT * EXCEPT (run_id, last_attempt_at, last_success_at) FROM bronze.sync_state"
              + " WHERE mailbox <> '" + RAY + "' ORDER BY mailbox, source")) {
        assertThat(rows(byAccount, query)).as(query).isEqualTo(rows(byTokens, query)).isNotEmpty();
      }
      assertThat(rows(byAccount, "SELECT count(*) FROM bronze.gmail_messages")).containsExactly("6");
      List<String> ray = rows(byAccount, "SELECT source, auth_state, status, error FROM bronze.sync_state"
          + " WHERE mailbox = '" + RAY + "' ORDER BY source");
      String advice = "impersonation not allowed (unauthorized_client): in Google Admin (Security > Access and data"
          + " control > API controls > Domain-wide delegation) an admin must allow client id " + account.clientId() + " with the scopes"
          + " https://www.googleapis.com/auth/gmail.readonly,https://www.googleapis.com/auth/calendar.readonly";
      assertThat(ray).containsExactly("calendar|auth_revoked|failed|" + advice, "gmail|auth_revoked|failed|" + advice);

      Set<String> secrets = new HashSet<>(google.issuedAccessTokens());
      secrets.removeAll(userTokenAccess);
      assertThat(secrets).as("access tokens the service account got").hasSize(2);
      secrets.add(account.privateKeyPem());
      secrets.add(account.privateKeyPem().replace("\n", "\\n"));
      account.privateKeyPem().lines().filter(l -> !l.startsWith("-----")).forEach(secrets::add);
      assertThat(logs).as("captured logs").contains(MAYA).contains("sync failed");
      assertThat(GoogleSecretsTest.holding("logs", logs, secrets)).isEmpty();
      report.states().forEach(s -> assertThat(GoogleSecretsTest.holding("error", String.valueOf(s.error()), secrets))
          .isEmpty());
      assertThat(GoogleSecretsTest.filesHolding(Path.of(byAccount.root()), secrets)).isEmpty();
      byAccount.register();
      for (Row t : spark.sql("SHOW TABLES IN bronze").collectAsList()) {
        for (Row r : spark.sql("SELECT * FROM bronze." + t.getString(1)).collectAsList()) {
          assertThat(GoogleSecretsTest.holding("bronze." + t.getString(1), r.mkString("|"), secrets)).isEmpty();
        }
      }
    }
  }
}
