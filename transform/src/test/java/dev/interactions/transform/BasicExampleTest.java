package dev.interactions.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interactions.core.Settings;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.testkit.Examples;
import dev.interactions.testkit.SparkTestBase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The worked example of SPEC.md: silver and gold must equal its expected/ files. */
class BasicExampleTest extends SparkTestBase {
  static Path example;
  static Warehouse warehouse;

  @BeforeAll
  static void runPipeline() {
    example = Examples.unpack("basic");
    warehouse = ingestAndTransform(example, Settings.defaults());
  }

  static List<String> query(String sql) {
    return lines(warehouse, sql);
  }

  static void assertTableMatches(String table, String file, String... columns) {
    assertMatchesExpected(warehouse, example.resolve("expected").resolve(file), table, 0, columns);
  }

  @Test
  void emailDecisions() {
    assertTableMatches("silver.email_messages", "email_decisions.csv", "rfc822_message_id", "size(mailboxes)",
        "synced", "exclusion_reason", "direction");
  }

  @Test
  void meetingDecisions() {
    assertTableMatches("silver.meetings", "meeting_decisions.csv", "subject", "synced", "exclusion_reason",
        "start_at");
  }

  @Test
  void interactions() {
    assertTableMatches("gold.interactions", "interactions.csv", "interaction_type", "subject", "message_count",
        "started_at", "last_activity_at", "user_ids", "customer_ids", "team_member_ids");
  }

  @Test
  void transformingTheSameBronzeAgainGivesIdenticalTables() {
    List<String> tables = List.of("silver.email_messages", "silver.meetings", "gold.interactions",
        "gold.interaction_links", "gold.interaction_messages");
    List<List<String>> before = tables.stream().map(t -> query("SELECT * EXCEPT (run_id) FROM " + t)).toList();

    runStages(warehouse, example, Settings.defaults(), null, "transform");

    for (int i = 0; i < tables.size(); i++) {
      assertThat(query("SELECT * EXCEPT (run_id) FROM " + tables.get(i))).as(tables.get(i))
          .containsExactlyInAnyOrderElementsOf(before.get(i));
    }
  }
}
