package dev.interactions.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interactions.core.Settings;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.spark.CsvFormat;
import dev.interactions.testkit.Examples;
import dev.interactions.testkit.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The worked example of SPEC.md: silver and gold must equal its expected/ files. */
class BasicExampleTest extends SparkTestBase {
  static Path example;
  static Warehouse warehouse;
  static SparkSession spark;

  @BeforeAll
  static void runPipeline() {
    spark = spark();
    example = Examples.unpack("basic");
    warehouse = ingestAndTransform(example, Settings.defaults());
  }

  static List<String> query(String sql) {
    return spark.sql(sql).collectAsList().stream().map(CsvFormat::line).toList();
  }

  static List<String> expected(String file) throws IOException {
    List<String> lines = Files.readAllLines(example.resolve("expected").resolve(file));
    return lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).toList();
  }

  @Test
  void emailDecisions() throws IOException {
    assertThat(query("SELECT rfc822_message_id, size(mailboxes), synced, exclusion_reason, direction"
        + " FROM silver.email_messages"))
        .containsExactlyInAnyOrderElementsOf(expected("email_decisions.csv"));
  }

  @Test
  void meetingDecisions() throws IOException {
    assertThat(query("SELECT subject, synced, exclusion_reason, start_at FROM silver.meetings"))
        .containsExactlyInAnyOrderElementsOf(expected("meeting_decisions.csv"));
  }

  @Test
  void interactions() throws IOException {
    assertThat(query("SELECT interaction_type, subject, message_count, started_at, last_activity_at,"
        + " user_ids, customer_ids, team_member_ids FROM gold.interactions"))
        .containsExactlyInAnyOrderElementsOf(expected("interactions.csv"));
  }

  @Test
  void transformingTheSameBronzeAgainGivesIdenticalTables() {
    List<String> tables = List.of("silver.email_messages", "silver.meetings", "gold.interactions",
        "gold.interaction_links", "gold.interaction_messages");
    List<List<String>> before = tables.stream().map(t -> query("SELECT * FROM " + t)).toList();

    runStages(warehouse, example, Settings.defaults(), null, "transform");

    for (int i = 0; i < tables.size(); i++) {
      assertThat(query("SELECT * FROM " + tables.get(i))).as(tables.get(i))
          .containsExactlyInAnyOrderElementsOf(before.get(i));
    }
  }
}
