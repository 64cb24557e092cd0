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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
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

  static final Pattern WEB_LINK = Pattern.compile("(?i)\\b(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//");

  /** The HTML report of a notebook run with its defaults. */
  static String report(Notebook nb) {
    return HtmlReport.render(nb, nb.widgets(), new NotebookRunner(warehouse).run(nb));
  }

  static int occurrences(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }

  @Test
  void everyBundledNotebookRunsWithoutParamsFillsItsRequiredCellsAndReportsOffline() {
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
      String html = report(nb);
      assertThat(html).as(name).startsWith("<!DOCTYPE html>").doesNotContain("<script")
          .doesNotContainPattern(WEB_LINK);
      assertThat(occurrences(html, "<table class=\"result\">")).as(name + ": one table a SQL cell")
          .isEqualTo(nb.sqlCells().size());
      assertThat(occurrences(html, "<svg")).as(name + ": one chart a chart cell")
          .isEqualTo((int) nb.sqlCells().stream().filter(c -> c.chart().isPresent()).count());
    }
  }

  @Test
  void teamDashboardReportDrawsOneBarPerTeamMemberAndTheDailyTrend() {
    String html = report(Notebook.bundled("team_dashboard"));
    List<String> members = lines(warehouse, "SELECT email FROM gold.team_activity ORDER BY email");
    assertThat(html).contains("<svg class=\"chart bar\"", "<svg class=\"chart line\"");
    assertThat(occurrences(html, "<g class=\"bar\"")).isEqualTo(members.size()).isPositive();
    members.forEach(m -> assertThat(html).contains("<g class=\"bar\" data-x=\"" + m + "\">"));
    assertThat(occurrences(html, "<polyline class=\"line\"")).as("emails and meetings").isEqualTo(2);
    assertThat(html).contains("<h1>Team dashboard</h1>", "<g class=\"legend\">", ">emails_30d</text>");
  }

  @Test
  void aReportEscapesValuesAndTruncatesLongResults() {
    Notebook nb = Notebook.parse("odd", String.join("\n", NotebookFormat.FIRST_LINE,
        "-- MAGIC %md", "-- MAGIC See [the docs](https://example.com/x) <b>now</b>",
        NotebookFormat.SEPARATOR, "-- DBTITLE 1,Many", "SELECT id FROM range(250)",
        NotebookFormat.SEPARATOR, "-- DBTITLE 1,<Odd>", "SELECT '<script>&\"' AS v"));
    String html = report(nb);
    assertThat(html).contains("See the docs (https://example.com/x) &lt;b&gt;now&lt;/b&gt;")
        .contains("<h2 class=\"cell-title\">&lt;Odd&gt;</h2>", "<td>&lt;script&gt;&amp;&quot;</td>")
        .contains("<p class=\"count\">250 rows</p>", "Showing the first 200 of 250 rows")
        .doesNotContain("<script>").doesNotContainPattern(WEB_LINK);
    assertThat(occurrences(html, "<td class=\"num\">")).isEqualTo(HtmlReport.MAX_ROWS);
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

  /** Off unless chromium is installed; CI sets INTERACTIONS_REQUIRE_BROWSER=true so that it cannot skip. */
  @Test
  void teamDashboardOpensInAHeadlessBrowser() throws Exception {
    Optional<Chromium> chromium = Chromium.onPath();
    String require = System.getProperty("INTERACTIONS_REQUIRE_BROWSER", System.getenv("INTERACTIONS_REQUIRE_BROWSER"));
    if (chromium.isEmpty()) {
      assertThat("true".equalsIgnoreCase(require)).as("INTERACTIONS_REQUIRE_BROWSER=true but no chromium on PATH")
          .isFalse();
      Assumptions.assumeTrue(false, "chromium (or chromium-browser) is not on PATH: skipping the browser check");
    }
    Path target = Files.createDirectories(Path.of("target"));
    Path page = target.resolve("team_dashboard.html");
    Files.writeString(page, report(Notebook.bundled("team_dashboard")), StandardCharsets.UTF_8);

    String dom = chromium.get().dumpDom(page);
    assertThat(dom).contains("<h1>Team dashboard</h1>", "</svg>", "</html>");
    assertThat(occurrences(dom, "<g class=\"bar\""))
        .isEqualTo(((Number) scalar(warehouse, "SELECT count(*) FROM gold.team_activity")).intValue());

    Path png = target.resolve("team_dashboard.png");
    Files.deleteIfExists(png);
    chromium.get().screenshot(page, png, 1200, 2000);
    byte[] bytes = Files.readAllBytes(png);
    assertThat(bytes).as("a PNG").startsWith(0x89, 'P', 'N', 'G');
  }
}
