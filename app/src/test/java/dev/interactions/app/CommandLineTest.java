package dev.interactions.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interactions.testkit.Examples;
import dev.interactions.testkit.SharedSpark;
import dev.interactions.testkit.SparkTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line contract: exit codes, one-line errors, results on stdout. */
@SparkTest
class CommandLineTest {
  @TempDir Path tmp;

  record Result(int exit, String out, String err) {}

  static synchronized Result cli(String... args) {
    SharedSpark.spark();
    return execute(new ByteArrayOutputStream(), args);
  }

  /**
   * Main.execute with stdout and stderr captured, without starting Spark first (as a user's shell
   * runs it); {@code err} can be read while it runs.
   */
  static synchronized Result execute(ByteArrayOutputStream err, String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int exit = Main.execute(args);
      return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void ingestTwiceKeepsCountsAndQuarantinesABrokenFile() throws IOException {
    Path sample = tmp.resolve("sample");
    assertThat(cli("generate", "--out", sample.toString(), "--team-members", "3", "--customers", "2",
        "--users-per-customer", "2", "--months", "1").exit()).isZero();
    Path input = sample.resolve("input");
    Path broken = input.resolve("gmail/maya@helio.app/broken.json");
    Files.createDirectories(broken.getParent());
    Files.writeString(broken, "{\"id\": \"x\", ");
    String wh = tmp.resolve("wh").toString();

    Result first = cli("ingest", "--source", "files", "--input", input.toString(), "--warehouse", wh);
    assertThat(first.exit()).as(first.err()).isZero();
    String counts = "SELECT (SELECT count(*) FROM bronze.gmail_messages) AS messages,"
        + " (SELECT count(*) FROM bronze.calendar_events) AS events,"
        + " (SELECT count(*) FROM bronze.quarantine) AS quarantined";
    String before = cli("sql", "--warehouse", wh, counts).out();
    Result second = cli("ingest", "--source", "files", "--input", input.toString(), "--warehouse", wh);
    String after = cli("sql", "--warehouse", wh, counts).out();

    assertThat(second.exit()).isZero();
    assertThat(second.out()).contains("gmail: ").contains(" 0 new, 0 updated, 1 quarantined");
    assertThat(after).isEqualTo(before);
    assertThat(before.lines().toList()).hasSize(2);
    assertThat(before.lines().toList().get(0)).isEqualTo("messages,events,quarantined");
    assertThat(before.lines().toList().get(1)).matches("[1-9][0-9]*,[1-9][0-9]*,1");
    assertThat(cli("sql", "--warehouse", wh, "SELECT ref, reason FROM bronze.quarantine").out())
        .startsWith("ref,reason\ngmail/maya@helio.app/broken.json:1,invalid JSON");
  }

  @Test
  void sqlPrintsCsvWithIsoTimestampsAndJoinedArrays() {
    Path example = Examples.unpack("basic");
    String wh = tmp.resolve("wh").toString();
    assertThat(cli("ingest", "--source", "files", "--input", example.resolve("input").toString(),
        "--warehouse", wh).exit()).isZero();

    Result r = cli("sql", "--warehouse", wh,
        "SELECT count(*) AS n, min(internal_date) AS first, array('b', 'a') AS arr, CAST(NULL AS string) AS nothing"
            + " FROM bronze.gmail_messages");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo("n,first,arr,nothing\n11,2026-05-01T09:00:00Z,b;a,\n");
  }

  @Test
  void transformThenExplainSaysWhyAnEmailWasNotSynced() {
    Path example = Examples.unpack("basic");
    String wh = tmp.resolve("wh").toString();
    cli("ingest", "--source", "files", "--input", example.resolve("input").toString(), "--warehouse", wh);
    Result t = cli("transform", "--warehouse", wh, "--reference", example.resolve("reference").toString());
    assertThat(t.exit()).as(t.err()).isZero();

    Result e = cli("explain", "--warehouse", wh, "--message-id", "<x9@agency.example>");

    assertThat(e.exit()).isZero();
    assertThat(e.out()).contains("NOT SYNCED: rule 5 (third_party_sender)");
    assertThat(cli("explain", "--warehouse", wh, "--message-id", "x1@helio.app").out())
        .contains("SYNCED: no exclusion rule matched")
        .contains("wes@umbrella.com  [recipient] known contact, users p1, customers k1");
  }

  @Test
  void notebookRunPrintsCsvWritesHtmlAndNamesWhatFailed() throws IOException {
    Path example = Examples.unpack("basic");
    String wh = tmp.resolve("wh").toString();
    Result run = cli("run", "--input", example.resolve("input").toString(), "--reference",
        example.resolve("reference").toString(), "--warehouse", wh);
    assertThat(run.exit()).as(run.err()).isZero();

    Result csv = cli("notebook", "run", "team_dashboard", "--warehouse", wh, "--param", "trend_days=3");
    assertThat(csv.exit()).as(csv.err()).isZero();
    assertThat(csv.out()).startsWith("# Team dashboard\n")
        .contains("## Emails and meetings per team member (last 30 days)\nteam_member_id,email,emails_30d");

    Path html = tmp.resolve("out/report.html");
    Result report = cli("notebook", "run", "customers_at_risk", "--warehouse", wh, "--html", html.toString());
    assertThat(report.exit()).as(report.err()).isZero();
    assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("<h1>Customers at risk</h1>");
    assertThat(report.out()).isEmpty();

    Result unknown = cli("notebook", "run", "team_dashboard", "--warehouse", wh, "--param", "days=3");
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err().strip().lines().reduce((a, b) -> b).orElse("")).isEqualTo("interactions: error: "
        + "unknown --param 'days' for notebook team_dashboard; its widgets: trend_days");

    Result empty = cli("notebook", "run", "customer_history", "--warehouse", wh, "--param", "customer_id=nobody");
    assertThat(empty.exit()).isEqualTo(1);
    assertThat(empty.err().strip()).endsWith("interactions: error: notebook customer_history, cell 'The customer' "
        + "is required but returned no rows");

    assertThat(cli("notebook", "run", "no_such_notebook", "--warehouse", wh).err())
        .contains("no notebook named 'no_such_notebook'; bundled: customer_history, team_dashboard");
  }

  @Test
  void userErrorsAreOneLineWithExitCodes() throws IOException {
    Result usage = cli("ingest", "--source", "files", "--bogus");
    assertThat(usage.exit()).isEqualTo(2);

    Result missing = cli("ingest", "--source", "files", "--input", tmp.resolve("nope").toString(),
        "--warehouse", tmp.resolve("wh").toString());
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err().strip()).isEqualTo("interactions: error: input folder not found: " + tmp.resolve("nope"));

    // A bad value is a usage error found while parsing: exit 2, the allowed values, nothing after it.
    Result badMode = cli("transform", "--warehouse", tmp.resolve("nope").toString(), "--reference", tmp.toString(),
        "--sync-to", "teams");
    assertThat(badMode.exit()).isEqualTo(2);
    assertThat(badMode.err().strip()).isEqualTo("interactions: error: Invalid value for option '--sync-to': "
        + "expected one of users, customers but was 'teams' (see --help)");

    Result badWindow = cli("metrics", "--warehouse", tmp.resolve("nope").toString(), "--windows", "7,x");
    assertThat(badWindow.exit()).isEqualTo(2);
    assertThat(badWindow.err().strip().lines().toList()).hasSize(1);
    assertThat(badWindow.err()).contains("expected whole days from 1 to 3650 (like 7,30,90) but was 'x'");

    Result badAsOf = cli("metrics", "--warehouse", tmp.resolve("nope").toString(), "--as-of", "yesterday");
    assertThat(badAsOf.exit()).isEqualTo(2);
    assertThat(badAsOf.err()).contains("expected an instant like 2026-06-30T00:00:00Z or a date like 2026-06-30");

    Result badSignals = cli("metrics", "--warehouse", tmp.resolve("nope").toString(), "--signals", "off");
    assertThat(badSignals.exit()).isEqualTo(2);
    assertThat(badSignals.err()).contains("expected one of true, false but was 'off'");

    Path config = tmp.resolve("bad.properties");
    Files.writeString(config, "sync-to=everyone\n");
    Result badConfig = cli("transform", "--warehouse", tmp.resolve("nope").toString(), "--reference", tmp.toString(),
        "--config", config.toString());
    assertThat(badConfig.exit()).isEqualTo(2);
    assertThat(badConfig.err().strip()).endsWith("invalid value for sync-to: expected one of users, customers but was "
        + "'everyone'");
  }

  @Test
  void googleSourceOptionsAreCheckedWhileParsing() throws IOException {
    Result bodies = cli("ingest", "--source", "google", "--warehouse", tmp.toString(), "--store-bodies", "all");
    assertThat(bodies.exit()).isEqualTo(2);
    assertThat(bodies.err()).contains("--store-bodies").contains("expected one of none, snippet, full but was 'all'");

    Result backfill = cli("ingest", "--source", "google", "--warehouse", tmp.toString(), "--backfill", "6y");
    assertThat(backfill.exit()).isEqualTo(2);
    assertThat(backfill.err()).contains("d, w or m");

    Result budget = cli("ingest", "--source", "google", "--warehouse", tmp.toString(), "--mailbox-time-budget", "1d");
    assertThat(budget.exit()).isEqualTo(2);
    assertThat(budget.err()).contains("s, m or h");

    Result quota = cli("ingest", "--source", "google", "--warehouse", tmp.toString(),
        "--quota-user-units-per-second", "0");
    assertThat(quota.exit()).isEqualTo(2);
    assertThat(quota.err()).contains("positive number");

    Result landEvery = cli("ingest", "--source", "google", "--warehouse", tmp.toString(), "--land-every", "0");
    assertThat(landEvery.exit()).isEqualTo(2);
    assertThat(landEvery.err()).contains("whole number from 1 to 1000000, not '0'");

    Result progress = cli("ingest", "--source", "google", "--warehouse", tmp.toString(), "--progress-every", "0s");
    assertThat(progress.exit()).isEqualTo(2);
    assertThat(progress.err()).contains("--progress-every").contains("s or m");

    Result auth = cli("ingest", "--source", "google", "--warehouse", tmp.toString(), "--auth", "password");
    assertThat(auth.exit()).isEqualTo(2);
    assertThat(auth.err()).contains("expected one of user-tokens, service-account but was 'password'");

    Result serviceAccount = cli("ingest", "--source", "google", "--warehouse", tmp.toString(), "--auth",
        "service-account", "--credentials", tmp.resolve("key.json").toString(), "--reference", tmp.toString());
    assertThat(serviceAccount.exit()).isEqualTo(1);
    assertThat(serviceAccount.err().strip()).isEqualTo("interactions: error: credentials file not found: "
        + tmp.resolve("key.json"));

    Path tokens = tmp.resolve("tokens.json");
    Files.writeString(tokens, "{\"client_id\": \"c\", \"client_secret\": \"s3cret\", \"tokens\": {}}");
    java.nio.file.Files.setPosixFilePermissions(tokens, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    Result readable = cli("ingest", "--source", "google", "--warehouse", tmp.toString(), "--auth", "user-tokens",
        "--credentials", tokens.toString(), "--mailboxes", "maya@helio.app");
    assertThat(readable.exit()).isEqualTo(1);
    assertThat(readable.err()).contains("can be read by others").doesNotContain("s3cret");
  }
}
