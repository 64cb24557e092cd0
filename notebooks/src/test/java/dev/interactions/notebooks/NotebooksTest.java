package dev.interactions.notebooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.interactions.core.Settings;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.spark.CsvFormat;
import dev.interactions.sample.SampleGenerator;
import dev.interactions.sample.SampleOptions;
import dev.interactions.testkit.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every bundled notebook runs on the warehouse `bin/interactions run` makes: the small generated sample. */
class NotebooksTest extends SparkTestBase {
  static Warehouse warehouse;

  @BeforeAll
  static void pipeline() throws IOException {
    // The same data and T as `run` with no options; generate writes input/ and reference/, as runStages reads.
    Path sample = Files.createTempDirectory("notebooks-sample");
    SampleGenerator.generate(sample, SampleOptions.small());
    warehouse = runPipeline(sample, Settings.defaults(), SampleOptions.small().end());
  }

  static List<String> cell(String notebook, Map<String, String> params, int index) {
    var results = new NotebookRunner(warehouse).run(Notebook.bundled(notebook), params);
    return results.get(index).rows().collectAsList().stream().map(CsvFormat::line).toList();
  }

  @Test
  void everyBundledNotebookRunsWithoutParamsFillsItsRequiredCells() {
    for (String name : Notebook.BUNDLED) {
      Notebook nb = Notebook.bundled(name);
      for (var result : new NotebookRunner(warehouse).run(nb)) {
        String context = name + ": " + result.cell().title();
        assertThat(result.rows().columns()).as(context).isNotEmpty();
        long rows = result.rows().count();
        if (result.cell().required()) {
          assertThat(rows).as(context + " is required").isPositive();
        }
      }
    }
  }

  @Test
  void teamDashboardHasOneRowPerTeamMember() {
    assertThat(cell("team_dashboard", Map.of(), 0))
        .hasSize(((Number) scalar(warehouse, "SELECT count(*) FROM silver.team_members")).intValue());
    assertThat(cell("team_dashboard", Map.of("trend_days", "7"), 2)).as("one row a day").hasSize(7);
  }

  @Test
  void customerHistoryShowsTheChosenCustomerOrTheFirst() {
    assertThat(cell("customer_history", Map.of(), 0)).singleElement().asString().startsWith("c1,");
    assertThat(cell("customer_history", Map.of("customer_id", "c2"), 0)).singleElement().asString().startsWith("c2,");
    List<String> interactions = cell("customer_history", Map.of("customer_id", "c2"), 1);
    assertThat(interactions).isNotEmpty();
    assertThat(interactions).isSortedAccordingTo((a, b) -> b.substring(0, 20).compareTo(a.substring(0, 20)));
  }

  @Test
  void anUnknownParamOrAnEmptyRequiredCellFailsNamingIt() {
    Notebook history = Notebook.bundled("customer_history");
    assertThatThrownBy(() -> new NotebookRunner(warehouse).run(history, Map.of("customer", "c2")))
        .hasMessage("unknown --param 'customer' for notebook customer_history; its widgets: customer_id");
    assertThatThrownBy(() -> new NotebookRunner(warehouse).run(history, Map.of("customer_id", "nobody")))
        .hasMessage("notebook customer_history, cell 'The customer' is required but returned no rows");
    assertThatThrownBy(() -> new NotebookRunner(warehouse).run(Notebook.bundled("team_dashboard"),
        Map.of("trend_days", "x"))).hasMessageStartingWith("notebook team_dashboard, cell 'Emails and meetings per day' failed: ");
  }
}
