package dev.interactions.ingest.google;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.http.javanet.NetHttpTransport;
import dev.interactions.core.RunContext;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.ingest.google.fake.FakeGoogle;
import dev.interactions.ingest.google.fake.FakeResources;
import dev.interactions.testkit.SharedSpark;
import dev.interactions.testkit.SparkTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refresh tokens, access tokens and the client secret appear in no log line (at debug level, as
 * with --verbose), no error and no file of the warehouse, also when calls fail and a token is revoked.
 */
@SparkTest
class GoogleSecretsTest {
  @TempDir Path scratch;

  /** Every file under {@code root} that holds one of the secrets, as "file: secret". */
  static List<String> filesHolding(Path root, Set<String> secrets) throws IOException {
    List<String> hits = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        // Latin-1 maps every byte to one char, so binary files are searched as they are.
        hits.addAll(holding(f.toString(), new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1), secrets));
      }
    }
    return hits;
  }

  static List<String> holding(String where, String text, Set<String> secrets) {
    return secrets.stream().filter(text::contains).map(s -> where + ": " + s).toList();
  }

  @Test
  void noSecretReachesLogsErrorsOrTheWarehouse(SparkSession spark) throws Exception {
    FakeGoogle google = FakeGoogle.start(0, 2);
    String ok = "ana@helio.app";
    String gone = "ben@helio.app";
    Map<String, String> tokens = Map.of(ok, google.connect(ok), gone, google.connect(gone));
    google.revoke(tokens.get(gone));
    for (int i = 0; i < 60; i++) {
      google.gmail().add(ok, FakeResources.message("a" + i, "t" + i, Instant.now().minus(Duration.ofHours(i + 1)),
          List.of("INBOX"), "wes@umbrella.com", ok, null, "Hi " + i, "a" + i + "@umbrella.com", null));
    }
    Set<String> secrets = new HashSet<>(tokens.values());
    secrets.add(FakeGoogle.CLIENT_SECRET);

    // The scanner finds a secret planted on purpose.
    Files.writeString(scratch.resolve("planted.txt"), "before " + tokens.get(ok) + " after");
    assertThat(filesHolding(scratch, secrets)).hasSize(1);

    Warehouse wh = new Warehouse(spark, SharedSpark.newWarehouse());
    StringWriter logged = new StringWriter();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    PrintStream originalErr = System.err;
    LoggerContext log4j = (LoggerContext) LogManager.getContext(false);
    WriterAppender appender = WriterAppender.newBuilder().setName("secrets-scan").setTarget(logged)
        .setLayout(PatternLayout.newBuilder().withPattern("%p %c %m%n%throwable").build()).build();
    appender.start();
    log4j.getConfiguration().getRootLogger().addAppender(appender, Level.ALL, null);
    Level ours = LogManager.getLogger("dev.interactions").getLevel();
    Level googles = LogManager.getLogger("com.google").getLevel();
    Configurator.setLevel("dev.interactions", Level.DEBUG);
    Configurator.setLevel("com.google", Level.DEBUG);
    // Google's client logs through java.util.logging: catch that too, at its finest level.
    java.util.logging.Logger jul = java.util.logging.Logger.getLogger("com.google");
    java.util.logging.Level julLevel = jul.getLevel();
    Handler julCapture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        synchronized (logged) {
          logged.write(r.getLevel() + " " + r.getLoggerName() + " " + r.getMessage() + " "
              + java.util.Arrays.toString(r.getParameters()) + " " + r.getThrown() + "\n");
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    jul.setLevel(java.util.logging.Level.ALL);
    jul.addHandler(julCapture);
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    GoogleIngest.Report report;
    try {
      google.failNext(3, 429);
      GoogleClients clients = new GoogleClients(new NetHttpTransport(), google.rootUrl(), google.tokenUri())
          .withRetryPolicy(new RetryPolicy(6, 2, 20, Duration.ofMillis(10), new Random(1), Instant::now));
      GoogleOptions options = new GoogleOptions(List.of(ok, gone), List.of(), GoogleOptions.DEFAULT_BACKFILL,
          GoogleOptions.StoreBodies.SNIPPET, google.rootUrl(), google.tokenUri());
      report = new GoogleIngest(wh, RunContext.start(),
          clients, new UserTokens(FakeGoogle.CLIENT_ID, FakeGoogle.CLIENT_SECRET, tokens)).ingest(options);
    } finally {
      System.setErr(originalErr);
      jul.removeHandler(julCapture);
      jul.setLevel(julLevel);
      log4j.getConfiguration().getRootLogger().removeAppender("secrets-scan");
      Configurator.setLevel("dev.interactions", ours);
      Configurator.setLevel("com.google", googles);
      appender.stop();
      google.close();
    }
    assertThat(report.exitStatus()).isEqualTo(3);
    secrets.addAll(google.issuedAccessTokens());
    assertThat(google.issuedAccessTokens()).isNotEmpty();

    String logs = logged + "\n" + stderr.toString(StandardCharsets.UTF_8);
    assertThat(logs).as("captured logs").contains(ok).contains("sync failed");
    assertThat(holding("logs", logs, secrets)).isEmpty();
    for (var s : report.states()) {
      assertThat(holding("error of " + s.mailbox(), String.valueOf(s.error()), secrets)).isEmpty();
    }
    assertThat(filesHolding(Path.of(wh.root()), secrets)).isEmpty();
    // Files may be compressed: the tables' values, read back, hold none either.
    wh.register();
    for (Row t : wh.spark().sql("SHOW TABLES IN bronze").collectAsList()) {
      String table = "bronze." + t.getString(1);
      for (Row r : wh.spark().sql("SELECT * FROM " + table).collectAsList()) {
        assertThat(holding(table, r.mkString("|"), secrets)).isEmpty();
      }
    }
  }
}
