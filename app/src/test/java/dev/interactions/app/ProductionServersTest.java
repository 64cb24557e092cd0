package dev.interactions.app;

import static dev.interactions.app.CommandLineTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.interactions.app.CommandLineTest.Result;
import dev.interactions.core.catalog.Table;
import dev.interactions.core.catalog.Tables;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.spark.CsvFormat;
import dev.interactions.sample.SampleGenerator;
import dev.interactions.sample.SampleOptions;
import dev.interactions.testkit.SharedSpark;
import dev.interactions.testkit.SparkTestBase;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where production data lives, against real servers on loopback, each started once for the class:
 * reference data from a PostgreSQL server holding an application-like schema (staff, contacts,
 * companies and their custom fields: no name as in the CSVs), read through the command line's
 * {@code --config}, into a warehouse on an S3-compatible server ({@code s3a://}). The whole
 * pipeline gives the tables of the same data as CSVs into a local folder, and the password
 * reaches no log line, table or error message.
 */
class ProductionServersTest extends SparkTestBase {
  static final String PASSWORD = "pw-" + UUID.randomUUID();
  static final Instant T = SampleOptions.small().end();
  /** Columns that differ between any two runs of the same data. */
  static final List<String> RUN_COLUMNS = List.of("run_id", "ingested_at", "transformed_at", "quarantined_at",
      "reference");

  static PostgresServer server;
  static S3Server s3;
  @TempDir static Path tmp;
  static Path sample;
  private static Warehouse csvWarehouse;

  @BeforeAll
  static void startServerWithTheApplicationsSchema() throws Exception {
    s3 = new S3Server(java.nio.file.Files.createDirectories(tmp.resolve("s3")));
    s3.configure(spark());
    server = PostgresServer.start("super-" + UUID.randomUUID());
    sample = tmp.resolve("sample");
    SampleGenerator.generate(sample, new SampleOptions(3, 3, 2, 1, 7L, T));
    try (Connection c = server.superuser("postgres"); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE app");
      s.execute("CREATE ROLE analytics_reader LOGIN PASSWORD '" + PASSWORD + "'");
    }
    try (Connection c = server.superuser("app"); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE staff (id text PRIMARY KEY, work_email text, other_emails text[])");
      s.execute("CREATE TABLE companies (id text PRIMARY KEY, company_name text)");
      s.execute("CREATE TABLE custom_fields (company_id text, key text, value text)");
      s.execute("CREATE TABLE contacts (id text PRIMARY KEY, email_address text, company_id text)");
      s.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO analytics_reader");
      Path ref = sample.resolve("reference");
      try (PreparedStatement staff = c.prepareStatement("INSERT INTO staff VALUES (?, ?, ?)")) {
        for (Row r : csv(ref.resolve("team_members.csv"))) {
          staff.setString(1, r.getAs("team_member_id"));
          staff.setString(2, r.getAs("email"));
          String aliases = r.getAs("aliases");
          staff.setArray(3, c.createArrayOf("text", aliases == null ? new Object[0]
              : Arrays.stream(aliases.split(";")).filter(a -> !a.isBlank()).toArray()));
          staff.executeUpdate();
        }
      }
      try (PreparedStatement company = c.prepareStatement("INSERT INTO companies VALUES (?, ?)");
           PreparedStatement field = c.prepareStatement("INSERT INTO custom_fields VALUES (?, 'domain', ?)")) {
        for (Row r : csv(ref.resolve("customers.csv"))) {
          company.setString(1, r.getAs("customer_id"));
          company.setString(2, r.getAs("name"));
          company.executeUpdate();
          field.setString(1, r.getAs("customer_id"));
          field.setString(2, r.getAs("domains"));
          field.executeUpdate();
        }
      }
      try (PreparedStatement contact = c.prepareStatement("INSERT INTO contacts VALUES (?, ?, ?)")) {
        for (Row r : csv(ref.resolve("users.csv"))) {
          contact.setString(1, r.getAs("user_id"));
          contact.setString(2, r.getAs("email"));
          contact.setString(3, r.getAs("customer_id"));
          contact.executeUpdate();
        }
      }
    }
  }

  /** A reference CSV as written, every column text (quoted fields included). */
  static List<Row> csv(Path file) {
    return spark().read().option("header", "true").option("multiLine", "true").csv(file.toString())
        .collectAsList();
  }

  @AfterAll
  static void stopServer() throws Exception {
    try (AutoCloseable b = server) {
      if (s3 != null) {
        s3.close(spark());
      }
    }
  }

  /** A config whose users query maps the columns of "contacts", a table that needs aliases. */
  static Path aliasedConfig(String name) throws Exception {
    return config(name, "SELECT id AS user_id, email_address AS email, company_id AS customer_id FROM contacts");
  }

  /** A config file with the spec's shape: the URL, the user, a password file and three queries. */
  static Path config(String name, String usersQuery) throws Exception {
    Path password = tmp.resolve(name + ".password");
    Files.writeString(password, PASSWORD + "\n");
    Path file = tmp.resolve(name + ".properties");
    Files.writeString(file, String.join("\n",
        "reference=" + server.url("app"),
        "reference.user=analytics_reader",
        "reference.password-file=" + password,
        "reference.team-members=SELECT id AS team_member_id, work_email AS email, other_emails AS aliases FROM staff",
        "reference.users=" + usersQuery,
        "reference.customers=SELECT c.id AS customer_id, c.company_name AS name, f.value AS domains"
            + " FROM companies c LEFT JOIN custom_fields f ON f.company_id = c.id AND f.key = 'domain'",
        ""));
    return file;
  }

  @Test
  void thePipelineFromTheDatabaseIntoS3GivesTheTablesOfCsvsIntoAFolderAndThePasswordStaysOut() throws Exception {
    Path config = aliasedConfig("good");
    String input = sample.resolve("input").toString();
    String jdbcWarehouse = s3.uri("warehouse");
    StringWriter logs = new StringWriter();
    List<Result> results = new ArrayList<>();
    try (AutoCloseable capture = captureLogs(logs)) {
      results.add(cli("ingest", "--source", "files", "--input", input, "--warehouse", jdbcWarehouse));
      results.add(cli("transform", "--warehouse", jdbcWarehouse, "--config", config.toString()));
      results.add(cli("metrics", "--warehouse", jdbcWarehouse, "--as-of", T.toString()));
    }
    for (Result r : results) {
      assertThat(r.exit()).as(r.err()).isZero();
    }
    Warehouse csv = csvWarehouse();
    Warehouse jdbc = new Warehouse(spark(), jdbcWarehouse);
    assertThat(jdbc.read(Tables.TEAM_MEMBERS).count()).isEqualTo(3);
    assertThat(jdbc.read(Tables.INTERACTIONS).count()).isPositive();
    List<String> compared = new ArrayList<>();
    for (Table table : Tables.all()) {
      if (!table.layer().equals("bronze") && csv.exists(table)) {
        assertThat(jdbc.exists(table)).as(table.qualifiedName()).isTrue();
        assertThat(comparable(jdbc, table)).as(table.qualifiedName())
            .containsExactlyInAnyOrderElementsOf(comparable(csv, table));
        compared.add(table.qualifiedName());
      }
    }
    assertThat(compared).contains("silver.team_members", "silver.users", "silver.customers", "gold.interactions",
        "gold.user_metrics", "gold.customer_metrics", "gold.team_activity");
    assertThat(lines(jdbc, "SELECT reference FROM silver.settings")).containsExactly(server.url("app"));
    assertThat(java.nio.file.Files.exists(tmp.resolve("s3").resolve(s3.bucket).resolve("warehouse")))
        .as("the warehouse is on the S3 server").isTrue();
    Result query = cli("sql", "--warehouse", jdbcWarehouse, "SELECT count(*) AS n FROM gold.interactions");
    assertThat(query.exit()).as(query.err()).isZero();
    assertThat(query.out().lines().toList()).containsExactly("n", String.valueOf(jdbc.read(Tables.INTERACTIONS).count()));

    assertThat(logs.toString()).as("INFO logs of the runs").contains("reference data from " + server.url("app"))
        .doesNotContain(PASSWORD);
    for (Result r : results) {
      assertThat(r.out() + r.err()).doesNotContain(PASSWORD);
    }
    for (Table table : Tables.all()) {
      if (jdbc.exists(table)) {
        assertThat(String.join("\n", rows(jdbc.read(table)))).as(table.qualifiedName()).doesNotContain(PASSWORD);
      }
    }
  }

  @Test
  void runAndTransformAsTheirOwnProcessesWithS3ASettingsAsJavaOptionsReadTheDatabaseIntoS3() throws Exception {
    Path config = aliasedConfig("process");
    String input = sample.resolve("input").toString();
    // What bin/interactions execs, with the S3A settings where a user puts them: INTERACTIONS_JAVA_OPTS.
    String runWarehouse = s3.uri("run-warehouse");
    String runOutput = runProcess("run", List.of("run", "--config", config.toString(), "--input", input,
        "--warehouse", runWarehouse));
    String transformWarehouse = s3.uri("transform-warehouse");
    Result ingest = cli("ingest", "--source", "files", "--input", input, "--warehouse", transformWarehouse);
    assertThat(ingest.exit()).as(ingest.err()).isZero();
    String transformOutput = runProcess("transform", List.of("transform", "--config", config.toString(),
        "--warehouse", transformWarehouse));

    // run's T is the time it ran, so the tables that do not depend on T are compared with CSVs.
    Warehouse csv = csvWarehouse();
    for (String wh : List.of(runWarehouse, transformWarehouse)) {
      Warehouse process = new Warehouse(spark(), wh);
      for (Table table : List.of(Tables.TEAM_MEMBERS, Tables.USERS, Tables.CUSTOMERS, Tables.EMAIL_MESSAGES,
          Tables.INTERACTIONS)) {
        assertThat(comparable(process, table)).as(wh + " " + table.qualifiedName()).isNotEmpty()
            .containsExactlyInAnyOrderElementsOf(comparable(csv, table));
      }
      assertThat(lines(process, "SELECT reference FROM silver.settings")).as(wh).containsExactly(server.url("app"));
    }
    assertThat(new Warehouse(spark(), runWarehouse).read(Tables.TEAM_ACTIVITY).count())
        .isEqualTo(csv.read(Tables.TEAM_MEMBERS).count());
    assertThat(transformOutput).contains("reference data from " + server.url("app"));
    for (String output : List.of(runOutput, transformOutput)) {
      assertThat(output).doesNotContain(PASSWORD).doesNotContain(s3.secretKey);
    }
  }

  /** Runs the CLI as its own JVM with the S3 server's settings as Java options; its output. */
  private static String runProcess(String name, List<String> args) throws Exception {
    Path log = tmp.resolve(name + "-process.log");
    Process process = KillHarness.launch(s3.javaOptions(), args, log);
    try {
      assertThat(process.waitFor(20, java.util.concurrent.TimeUnit.MINUTES)).as(name + " ended").isTrue();
    } finally {
      process.destroyForcibly();
    }
    String output = Files.readString(log);
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  /** The same data with its reference as CSVs into a local folder, built once for the class. */
  private static synchronized Warehouse csvWarehouse() {
    if (csvWarehouse == null) {
      String wh = SharedSpark.newWarehouse();
      for (Result r : List.of(
          cli("ingest", "--source", "files", "--input", sample.resolve("input").toString(), "--warehouse", wh),
          cli("transform", "--warehouse", wh, "--reference", sample.resolve("reference").toString()),
          cli("metrics", "--warehouse", wh, "--as-of", T.toString()))) {
        assertThat(r.exit()).as(r.err()).isZero();
      }
      csvWarehouse = new Warehouse(spark(), wh);
    }
    return csvWarehouse;
  }

  @Test
  void aBadQueryOrPasswordIsAOneLineErrorNamingTheQueryWithoutThePassword() throws Exception {
    String wh = SharedSpark.newWarehouse();
    Result badQuery = cli("transform", "--warehouse", wh, "--config",
        config("bad-query", "SELECT id AS user_id, mail AS email, company_id AS customer_id FROM contacts").toString());
    String last = lastLine(badQuery);
    assertThat(badQuery.exit()).as(badQuery.err()).isEqualTo(1);
    assertThat(last).contains("reference.users query 'SELECT id AS user_id, mail AS email").contains("mail")
        .doesNotContain(PASSWORD);

    Result missingAlias = cli("transform", "--warehouse", wh, "--config", config("no-alias", "contacts").toString());
    assertThat(missingAlias.exit()).isEqualTo(1);
    assertThat(lastLine(missingAlias)).contains("reference.users table 'contacts': missing column user_id");

    Path wrongPassword = config("wrong-password", "contacts");
    Files.writeString(tmp.resolve("wrong-password.password"), "not-" + PASSWORD);
    Result denied = cli("transform", "--warehouse", wh, "--config", wrongPassword.toString());
    assertThat(denied.exit()).isEqualTo(1);
    assertThat(lastLine(denied)).contains("reference.team-members").contains("analytics_reader")
        .doesNotContain(PASSWORD);
    assertThat(badQuery.err() + missingAlias.err() + denied.err()).doesNotContain(PASSWORD);
  }

  private static String lastLine(Result r) {
    List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }

  private static List<String> comparable(Warehouse wh, Table table) {
    Dataset<Row> rows = wh.read(table);
    for (String c : RUN_COLUMNS) {
      rows = rows.drop(c);
    }
    return rows(rows);
  }

  private static List<String> rows(Dataset<Row> rows) {
    return rows.collectAsList().stream().map(CsvFormat::line).toList();
  }

  /** Everything logged at INFO and above while open, as a verbose run would print it. */
  private static AutoCloseable captureLogs(StringWriter out) {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration configuration = context.getConfiguration();
    WriterAppender appender = WriterAppender.newBuilder().setName("capture-" + UUID.randomUUID())
        .setTarget(out).setLayout(PatternLayout.newBuilder().withPattern("%p %c: %m%n").build()).build();
    appender.start();
    LoggerConfig root = configuration.getRootLogger();
    Level before = root.getLevel();
    // The console keeps its level; only the capture sees INFO.
    Map<String, org.apache.logging.log4j.core.Appender> consoles = Map.copyOf(root.getAppenders());
    consoles.keySet().forEach(root::removeAppender);
    consoles.values().forEach(a -> root.addAppender(a, before, null));
    root.addAppender(appender, Level.INFO, null);
    root.setLevel(Level.INFO);
    context.updateLoggers();
    return () -> {
      root.removeAppender(appender.getName());
      consoles.keySet().forEach(root::removeAppender);
      consoles.values().forEach(a -> root.addAppender(a, null, null));
      root.setLevel(before);
      context.updateLoggers();
      appender.stop();
    };
  }
}
