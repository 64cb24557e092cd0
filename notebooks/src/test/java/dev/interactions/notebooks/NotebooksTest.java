package dev.interactions.notebooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.interactions.core.Settings;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.spark.CsvFormat;
import dev.interactions.testkit.Examples;
import dev.interactions.testkit.SparkTestBase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every bundled notebook runs on the worked example, and its answers are the example's. */
class NotebooksTest extends SparkTestBase {
  static Warehouse warehouse;

  @BeforeAll
  static void pipeline() {
    Path example = Examples.unpack("basic");
    warehouse = runPipeline(example, Settings.defaults(), Instant.parse("2026-06-30T00:00:00Z"));
  }

  static List<String> cell(String notebook, int index) {
    var results = new NotebookRunner(warehouse).run(Notebook.bundled(notebook));
    return results.get(index).rows().collectAsList().stream().map(CsvFormat::line).toList();
  }

  @Test
  void everyBundledNotebookParsesAndRuns() {
    for (String name : Notebook.BUNDLED) {
      Notebook nb = Notebook.bundled(name);
      assertThat(nb.cells()).as(name).isNotEmpty();
      for (var result : new NotebookRunner(warehouse).run(nb)) {
        assertThat(result.rows().columns()).as(name + ": " + result.cell().title()).isNotEmpty();
        result.rows().collectAsList();
      }
    }
  }

  @Test
  void teamDashboardShowsTheThirtyDayCounts() {
    assertThat(cell("team_dashboard", 0)).containsExactly(
        "t1,maya@helio.app,4,1,2026-06-30T00:00:00Z",
        "t2,omar@helio.app,1,0,2026-06-30T00:00:00Z");
  }

  @Test
  void customerHealthPutsTheLongestSilentCustomerFirst() {
    assertThat(cell("customer_health", 0)).first().asString().startsWith("k2,Stark,2026-06-12T09:00:00Z");
  }

  @Test
  void whyNotSyncedCountsEveryDecision() {
    assertThat(cell("why_not_synced", 0)).containsExactly(
        "draft,outbound,1",
        "internal_only,outbound,1",
        "no_known_contact,third_party,1",
        "synced,inbound,3",
        "synced,outbound,2",
        "third_party_sender,third_party,1");
  }

  @Test
  void parsesTitleCellsAndRejectsANotebookWithoutCells() {
    Notebook nb = Notebook.parse("n", "-- # My title\n-- prose\n\n-- %% First\nSELECT 1;\n-- %% Second\nSELECT\n  2\n");
    assertThat(nb.title()).isEqualTo("My title");
    assertThat(nb.cells()).extracting(Notebook.Cell::title, Notebook.Cell::sql)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("First", "SELECT 1"),
            org.assertj.core.groups.Tuple.tuple("Second", "SELECT\n  2"));
    assertThatThrownBy(() -> Notebook.parse("empty", "-- # Nothing\nSELECT 1;"))
        .hasMessageContaining("has no cells");
  }
}
