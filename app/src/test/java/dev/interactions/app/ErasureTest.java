package dev.interactions.app;

import static dev.interactions.app.CommandLineTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.interactions.app.CommandLineTest.Result;
import dev.interactions.core.catalog.Tables;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.testkit.MailFolder;
import dev.interactions.testkit.SharedSpark;
import dev.interactions.testkit.SparkTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * SPEC.md "Privacy", erasure of a person: forget removes every row that holds the address, --purge
 * leaves no file under the warehouse holding it (data files, Delta log, checkpoints, exports), and
 * the suppression list keeps a re-ingest of the same input from landing the person again.
 */
@SparkTest
class ErasureTest {
  static final String MAYA = "maya@helio.app";
  static final String WES = "wes@umbrella.com";
  static final String LENA = "lena.kovacs@stark.io";

  /** Every file under the root whose bytes hold the address, in any case, as paths relative to it. */
  static List<String> filesHolding(Path root, String address) throws IOException {
    List<String> hits = new ArrayList<>();
    String needle = address.toLowerCase(Locale.ROOT);
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        // Latin-1 maps every byte to one char: binary files are searched as they are.
        String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        if (text.contains(needle)) {
          hits.add(root.relativize(f).toString());
        }
      }
    }
    return hits;
  }

  /** The tables (read back, so compression hides nothing) whose current rows hold the address. */
  static List<String> tablesHolding(SparkSession spark, Warehouse wh, String address) {
    List<String> hits = new ArrayList<>();
    for (var table : Tables.all()) {
      if (wh.exists(table)) {
        if (wh.read(table).toJSON().collectAsList().stream()
            .anyMatch(json -> json.toLowerCase(Locale.ROOT).contains(address))) {
          hits.add(table.qualifiedName());
        }
      }
    }
    return hits;
  }

  @Test
  void forgetPurgeLeavesNoFileHoldingThePersonAndAReingestDoesNotBringThemBack(SparkSession spark)
      throws IOException {
    MailFolder f = new MailFolder().reference(
        "team_member_id,email,aliases\nt1," + MAYA + ",\n",
        "user_id,email,customer_id\np1," + WES + ",k1\np2," + LENA + ",k2\n",
        "customer_id,name,domains\nk1,Umbrella,umbrella.com\nk2,Stark,stark.io\n");
    f.mail().id("lena-1@stark.io").from("Lena Kovacs <" + LENA + ">").to(MAYA).subject("Pricing")
        .at("2026-06-02T09:00:00Z").in(MAYA);
    // She is only on Cc, spelled in upper case: the message holds her all the same.
    f.mail().id("cc@helio.app").from(MAYA).to(WES).cc("Lena <LENA.Kovacs@Stark.io>").subject("Rollout")
        .at("2026-06-03T09:00:00Z").in(MAYA);
    f.mail().id("wes-1@umbrella.com").from(WES).to(MAYA).subject("Invoice").at("2026-06-04T09:00:00Z").in(MAYA);
    f.meeting(MAYA, "2026-06-05T10:00:00Z", MAYA, LENA);
    f.meeting(MAYA, "2026-06-06T10:00:00Z", MAYA, WES);
    // A record that cannot land (no id) but holds her lands in bronze.quarantine.
    f.write("input/gmail/" + MAYA + "/broken.json",
        "{\"threadId\": \"x\", \"payload\": {\"headers\": [{\"name\": \"From\", \"value\": \"" + LENA + "\"}]}}");

    String wh = SharedSpark.newWarehouse();
    String input = f.input().toString();
    String reference = f.referenceDir().toString();
    assertThat(cli("ingest", "--source", "files", "--input", input, "--warehouse", wh).exit()).isZero();
    assertThat(cli("transform", "--warehouse", wh, "--reference", reference).exit()).isZero();
    assertThat(cli("metrics", "--warehouse", wh, "--as-of", "2026-06-10T00:00:00Z", "--export-parquet").exit())
        .isZero();
    Warehouse warehouse = new Warehouse(spark, wh);
    Path root = Path.of(warehouse.root());
    assertThat(filesHolding(root, LENA)).as("the scan finds her before forget")
        .anyMatch(p -> p.contains("_delta_log")).anyMatch(p -> p.startsWith("exports"));
    assertThat(tablesHolding(spark, warehouse, LENA)).contains("bronze.gmail_messages", "bronze.calendar_events",
        "bronze.quarantine", "silver.email_messages", "silver.users", "gold.user_metrics");

    Result forget = cli("forget", "--warehouse", wh, "--email", "Lena.Kovacs@Stark.io");
    assertThat(forget.exit()).as(forget.err()).isZero();
    assertThat(forget.out()).contains("bronze.gmail_messages: 2 rows removed", "use --purge");
    assertThat(tablesHolding(spark, warehouse, LENA)).as("current table versions").isEmpty();
    assertThat(filesHolding(root, LENA)).as("older versions keep her until purged").isNotEmpty();

    Result purge = cli("forget", "--warehouse", wh, "--email", LENA, "--purge");
    assertThat(purge.exit()).as(purge.err()).isZero();
    assertThat(filesHolding(root, LENA)).as("files after --purge").isEmpty();
    assertThat(lines(wh, "SELECT count(*) FROM bronze.suppressions")).containsExactly("1");
    assertThat(lines(wh, "SELECT subject FROM gold.interactions ORDER BY subject"))
        .as("the others' interactions stay").contains("Invoice");

    // The next night: the same input again, then transform with the same CRM export.
    Result again = cli("ingest", "--source", "files", "--input", input, "--warehouse", wh);
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(cli("transform", "--warehouse", wh, "--reference", reference).exit()).isZero();
    assertThat(filesHolding(root, LENA)).as("files after re-ingest and transform").isEmpty();
    assertThat(tablesHolding(spark, warehouse, LENA)).isEmpty();
    assertThat(lines(wh, "SELECT user_id, email FROM silver.users ORDER BY user_id"))
        .containsExactly("p1," + WES, "p2,");
    assertThat(lines(wh, "SELECT count(*) FROM bronze.gmail_messages WHERE raw_json LIKE '%Invoice%'"))
        .as("the others' mail lands as before").containsExactly("1");
  }

  private static List<String> lines(String wh, String query) {
    Result r = cli("sql", "--warehouse", wh, query);
    assertThat(r.exit()).as(r.err()).isZero();
    return r.out().lines().skip(1).toList();
  }
}
