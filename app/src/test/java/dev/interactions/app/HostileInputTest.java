package dev.interactions.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interactions.core.catalog.Table;
import dev.interactions.core.catalog.Tables;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.spark.CsvFormat;
import dev.interactions.core.spark.RowBuilder;
import dev.interactions.testkit.SharedSpark;
import dev.interactions.testkit.SparkTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input and untidy reference data never stop the night (SPEC.md "Reference data" and the
 * files-source layout): every record lands or is quarantined with a reason, every stage exits 0,
 * and the good records' results are the same with or without the hostile files beside them.
 */
@SparkTest
class HostileInputTest {
  static final String AS_OF = "2026-06-30T00:00:00Z";

  @TempDir Path tmp;

  /** Ingest, transform and metrics through the command line; each exits 0 without a stack trace. */
  static CommandLineTest.Result pipeline(Path input, Path reference, String wh) {
    CommandLineTest.Result ingest = CommandLineTest.cli("ingest", "--source", "files", "--input", input.toString(),
        "--warehouse", wh);
    assertExitsCleanly(ingest);
    transformAndMetrics(reference, wh);
    return ingest;
  }

  static void transformAndMetrics(Path reference, String wh) {
    assertExitsCleanly(CommandLineTest.cli("transform", "--warehouse", wh, "--reference", reference.toString()));
    assertExitsCleanly(CommandLineTest.cli("metrics", "--warehouse", wh, "--as-of", AS_OF));
  }

  static void assertExitsCleanly(CommandLineTest.Result r) {
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  static List<String> query(String wh, String sql) {
    new Warehouse(SharedSpark.spark(), wh).register();
    return SharedSpark.spark().sql(sql).collectAsList().stream().map(CsvFormat::line).toList();
  }

  /** A whole table without its run id, in a stable order. */
  static List<String> table(String wh, Table table) {
    new Warehouse(SharedSpark.spark(), wh).register();
    Dataset<Row> rows = SharedSpark.spark().table(table.qualifiedName());
    if (List.of(rows.columns()).contains("run_id")) {
      rows = rows.drop("run_id");
    }
    Column[] everyColumn = Arrays.stream(rows.columns()).map(functions::col).toArray(Column[]::new);
    return rows.orderBy(everyColumn).collectAsList().stream().map(CsvFormat::line).toList();
  }

  static long count(String wh, String sql) {
    new Warehouse(SharedSpark.spark(), wh).register();
    return SharedSpark.spark().sql(sql).first().getLong(0);
  }

  @Test
  void everyHostileRecordLandsOrIsQuarantinedAndTheGoodResultsStayTheSame() {
    Path reference = tmp.resolve("reference");
    HostileCorpus.reference(reference);
    Path goodInput = tmp.resolve("good");
    HostileCorpus.good(goodInput);
    Path allInput = tmp.resolve("all");
    HostileCorpus.good(allInput);
    HostileCorpus corpus = new HostileCorpus();
    corpus.hostile(allInput);
    String goodWh = tmp.resolve("good-wh").toString();
    String allWh = tmp.resolve("all-wh").toString();

    pipeline(goodInput, reference, goodWh);
    CommandLineTest.Result ingest = pipeline(allInput, reference, allWh);

    long quarantined = count(allWh, "SELECT count(*) FROM bronze.quarantine");
    assertThat(ingest.err()).contains("interactions: " + quarantined + " records quarantined");
    // Reconciled per file: what it holds = what landed + what was quarantined (with a reason).
    for (Map.Entry<String, HostileCorpus.Expected> e : corpus.hostile.entrySet()) {
      String file = e.getKey();
      long landed = count(allWh, "SELECT (SELECT count(*) FROM bronze.gmail_messages WHERE source_ref LIKE '"
          + file + ":%') + (SELECT count(*) FROM bronze.calendar_events WHERE source_ref LIKE '" + file + ":%')");
      long refused = count(allWh, "SELECT count(*) FROM bronze.quarantine WHERE (ref = '" + file
          + "' OR ref LIKE '" + file + ":%') AND length(reason) > 0");
      assertThat(landed).as(file + " landed").isEqualTo(e.getValue().landed());
      assertThat(refused).as(file + " quarantined").isEqualTo(e.getValue().records() - e.getValue().landed());
    }

    String odd = HostileCorpus.GMAIL + "odd.jsonl:";
    assertThat(query(allWh, "SELECT ref, reason FROM bronze.quarantine WHERE ref IN ('" + odd + "4', '" + odd
        + "14', '" + odd + "16', '" + odd + "22', '" + odd + "24') ORDER BY length(ref), ref"))
        .satisfiesExactly(
            r -> assertThat(r).isEqualTo(odd + "4,id is not a non-empty string: 42"),
            r -> assertThat(r).isEqualTo(odd + "14,internalDate out of range (1970 to 9999): 253402300800000"),
            r -> assertThat(r).isEqualTo(odd + "16,\"internalDate is not a whole number: \"\"1781078400000.5\"\"\""),
            r -> assertThat(r).isEqualTo(odd + "22,duplicate id h-dup in this ingest; the copy at " + odd + "23 landed"),
            r -> assertThat(r).startsWith(odd + "24,\"invalid JSON: Unexpected end-of-input"));
    assertThat(query(allWh, "SELECT subject_header FROM bronze.gmail_messages WHERE id = 'h-dup'"))
        .containsExactly("newer copy");
    assertThat(query(allWh, "SELECT reason FROM bronze.quarantine WHERE ref = '"
        + HostileCorpus.CALENDAR + "unknown-zone.json:3'"))
        .containsExactly("unknown page timeZone 'Mars/Olympus_Mons' for start without offset");
    assertThat(query(allWh, "SELECT count(*), max(length(subject)) FROM silver.email_messages"
        + " WHERE array_contains(gmail_ids, 'h-crlf')"))
        .as("CR/LF in a header is data: one message, its subject whole").containsExactly("1,25");
    assertThat(query(allWh, "SELECT event_type, start_at, end_at FROM silver.meetings"
        + " WHERE array_contains(event_ids, 'c-backwards') OR array_contains(event_ids, 'c-no-type') ORDER BY start_at"))
        .as("end before start: kept with its start").containsExactly(
            "default,2026-06-05T10:00:00Z,", "default,2026-06-06T10:00:00Z,2026-06-05T10:00:00Z");

    // The good records' silver and gold results do not change.
    String goodEmails = "SELECT * EXCEPT (run_id) FROM silver.email_messages WHERE message_key IN"
        + " ('g1@mail.example', 'g2@mail.example', 'g3@mail.example', 'g4@mail.example') ORDER BY message_key";
    assertThat(query(allWh, goodEmails)).hasSize(4).isEqualTo(query(goodWh, goodEmails));
    String goodMeetings = "SELECT * EXCEPT (run_id) FROM silver.meetings WHERE i_cal_uid = 'ev1@google.com'";
    assertThat(query(allWh, goodMeetings)).hasSize(1).isEqualTo(query(goodWh, goodMeetings));
    for (Table gold : List.of(Tables.INTERACTIONS, Tables.USER_METRICS, Tables.CUSTOMER_METRICS,
        Tables.TEAM_ACTIVITY, Tables.TEAM_ACTIVITY_ITEMS)) {
      assertThat(table(allWh, gold)).as(gold.qualifiedName()).isEqualTo(table(goodWh, gold));
    }
    assertThat(table(goodWh, Tables.INTERACTIONS)).hasSize(3);

    // Untidy reference rows: kept, warned, with their metric rows.
    assertThat(query(allWh, "SELECT kind, subject FROM silver.reference_warnings"
        + " WHERE kind IN ('user_without_email', 'invalid_user_email', 'customer_without_domains') ORDER BY kind, subject"))
        .containsExactly("invalid_user_email,p4", "user_without_email,p3", "user_without_email,p4");
    assertThat(query(allWh, "SELECT user_id, customer_id, last_interaction_at, emails_30d, meetings_30d"
        + " FROM gold.user_metrics ORDER BY user_id"))
        .containsExactly("p1,k1,2026-06-20T10:00:00Z,2,1", "p2,k2,2026-06-15T09:00:00Z,1,0", "p3,k1,,0,0", "p4,k1,,0,0");
  }

  @Test
  void transformAndMetricsTolerateBronzeWithEveryNullableColumnNull() {
    Path reference = tmp.resolve("reference");
    HostileCorpus.reference(reference);
    String wh = tmp.resolve("null-wh").toString();
    SparkSession spark = SharedSpark.spark();
    Warehouse warehouse = new Warehouse(spark, wh);
    StructType gmail = Tables.GMAIL_MESSAGES.schema();
    warehouse.replace(Tables.GMAIL_MESSAGES, spark.createDataFrame(List.of(
        RowBuilder.of(gmail).set("mailbox", HostileCorpus.MAYA).set("id", "n1").build()), gmail));
    StructType calendar = Tables.CALENDAR_EVENTS.schema();
    StructType attendee = (StructType) ((org.apache.spark.sql.types.ArrayType) calendar.apply("attendees").dataType())
        .elementType();
    List<Row> attendees = new ArrayList<>();
    attendees.add(RowBuilder.of(attendee).build());
    attendees.add(null);
    warehouse.replace(Tables.CALENDAR_EVENTS, spark.createDataFrame(List.of(
        RowBuilder.of(calendar).set("mailbox", HostileCorpus.MAYA).set("calendar_id", "primary").set("id", "n1").build(),
        RowBuilder.of(calendar).set("mailbox", HostileCorpus.MAYA).set("calendar_id", "primary").set("id", "n2")
            .set("attendees", attendees).build()), calendar));

    transformAndMetrics(reference, wh);

    assertThat(query(wh, "SELECT message_key, synced, exclusion_reason FROM silver.email_messages"))
        .containsExactly("gmail:maya@helio.app:n1,false,internal_only");
    assertThat(query(wh, "SELECT meeting_key, synced FROM silver.meetings ORDER BY meeting_key"))
        .containsExactly("n1|,false", "n2|,false");
    assertThat(count(wh, "SELECT count(*) FROM gold.user_metrics")).isEqualTo(4);
  }
}
