package dev.interactions.notebooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.interactions.core.catalog.Tables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The files in notebooks/ are Databricks source notebooks that query only catalog tables (no Spark). */
class NotebookFilesTest {
  private static final Pattern TABLE = Pattern.compile("\\b(bronze|silver|gold)\\.([A-Za-z_][A-Za-z0-9_]*)");

  static List<Path> files() throws IOException {
    // Surefire runs in the module's folder: the notebooks sit next to its pom.xml.
    try (Stream<Path> s = Files.list(Path.of("").toAbsolutePath())) {
      return s.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
    }
  }

  static String name(Path file) {
    return file.getFileName().toString().replaceFirst("\\.sql$", "");
  }

  @Test
  void theBundledListIsTheFolder() throws IOException {
    assertThat(files().stream().map(NotebookFilesTest::name).toList())
        .containsExactlyInAnyOrderElementsOf(Notebook.BUNDLED);
  }

  @Test
  void everyFileIsInDatabricksSourceFormat() throws IOException {
    for (Path file : files()) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      List<String> lines = text.lines().toList();
      assertThat(lines.get(0)).as(file + ": first line").isEqualTo(NotebookFormat.FIRST_LINE);
      for (String line : lines) {
        if (line.startsWith("-- COMMAND")) {
          assertThat(line).as(file + ": cell separator").isEqualTo(NotebookFormat.SEPARATOR);
        }
        if (line.startsWith("-- MAGIC")) {
          assertThat(line).as(file + ": magic line").matches("-- MAGIC( .*)?");
        }
        if (line.matches("--\\s*chart.*")) {
          assertThat(line).as(file + ": chart line").matches(NotebookFormat.CHART);
        }
        if (line.matches("--\\s*required.*")) {
          assertThat(line).as(file + ": required line").isEqualTo("-- required");
        }
        if (line.toUpperCase().contains("CREATE WIDGET")) {
          assertThat(line).as(file + ": widget").matches(NotebookFormat.WIDGET);
        }
      }
      String cells = text.substring(text.indexOf('\n') + 1);
      for (String cell : cells.split(Pattern.quote(NotebookFormat.SEPARATOR))) {
        assertThat(cell.strip()).as(file + ": no empty cell").isNotEmpty();
        if (cell.contains("-- MAGIC")) {
          assertThat(cell.strip()).as(file + ": a prose cell is only Markdown").startsWith("-- MAGIC %md");
        }
      }
      assertThat(Notebook.fromFile(file).sqlCells()).as(file + ": SQL cells").isNotEmpty();
    }
  }

  @Test
  void widgetsAreDefinedUsedAndChartsNameTheirColumns() throws IOException {
    for (Path file : files()) {
      Notebook nb = Notebook.fromFile(file);
      Set<String> used = new TreeSet<>();
      for (Notebook.Cell cell : nb.sqlCells()) {
        Matcher m = NotebookFormat.REFERENCE.matcher(cell.text());
        while (m.find()) {
          used.add(m.group(1));
        }
        cell.chart().ifPresent(chart -> {
          assertThat(cell.text()).as(file + ": chart x of " + cell.title()).containsPattern("\\b" + chart.x() + "\\b");
          chart.y().forEach(y -> assertThat(cell.text()).as(file + ": chart y").containsPattern("\\b" + y + "\\b"));
        });
      }
      assertThat(used).as(file + ": ${...} used = widgets").isEqualTo(new TreeSet<>(nb.widgets().keySet()));
      assertThat(nb.sqlCells()).as(file + ": at least one required cell").anyMatch(Notebook.Cell::required);
    }
  }

  @Test
  void everyTableReferencedIsInTheCatalog() throws IOException {
    for (Path file : files()) {
      Matcher m = TABLE.matcher(Files.readString(file, StandardCharsets.UTF_8));
      int found = 0;
      while (m.find()) {
        found++;
        assertThat(Tables.byName(m.group()).isPresent()).as(file + ": " + m.group() + " is a catalog table").isTrue();
      }
      assertThat(found).as(file + ": tables referenced").isPositive();
    }
  }

  @Test
  void parsesCellsWidgetsChartsAndRequired() {
    Notebook nb = Notebook.parse("n", String.join("\n",
        NotebookFormat.FIRST_LINE,
        "-- MAGIC %md", "-- MAGIC # My title", "-- MAGIC", "-- MAGIC Some prose.",
        NotebookFormat.SEPARATOR,
        "CREATE WIDGET TEXT days DEFAULT '30'",
        NotebookFormat.SEPARATOR,
        "-- DBTITLE 1,Counts", "-- chart: bar x=who y=a,b", "-- required", "SELECT 1 AS who, ${days} AS a, 2 AS b;",
        NotebookFormat.SEPARATOR,
        "SELECT 2"));
    assertThat(nb.title()).isEqualTo("My title");
    assertThat(nb.widgets()).containsExactly(java.util.Map.entry("days", "30"));
    assertThat(nb.cells()).hasSize(3);
    assertThat(nb.cells().get(0).markdown()).isTrue();
    assertThat(nb.cells().get(0).text()).isEqualTo("# My title\n\nSome prose.");
    Notebook.Cell counts = nb.sqlCells().get(0);
    assertThat(counts.title()).isEqualTo("Counts");
    assertThat(counts.text()).isEqualTo("SELECT 1 AS who, ${days} AS a, 2 AS b");
    assertThat(counts.required()).isTrue();
    assertThat(counts.chart()).contains(new Chart(Chart.Kind.BAR, "who", List.of("a", "b")));
    assertThat(nb.sqlCells().get(1).required()).isFalse();
    assertThat(NotebookRunner.substitute(nb, counts, NotebookRunner.widgetValues(nb, java.util.Map.of("days", "7"))))
        .isEqualTo("SELECT 1 AS who, 7 AS a, 2 AS b");
  }

  @Test
  void rejectsWhatIsNotANotebook() {
    assertThatThrownBy(() -> Notebook.parse("plain", "SELECT 1")).hasMessageContaining("does not start with");
    assertThatThrownBy(() -> Notebook.parse("prose", NotebookFormat.FIRST_LINE + "\n-- MAGIC %md\n-- MAGIC hi"))
        .hasMessageContaining("has no SQL cells");
    assertThatThrownBy(() -> Notebook.parse("chart", NotebookFormat.FIRST_LINE + "\n-- chart: pie x=a y=b\nSELECT 1"))
        .hasMessageContaining("bad chart line");
    Notebook nb = Notebook.parse("w", NotebookFormat.FIRST_LINE + "\nCREATE WIDGET TEXT days DEFAULT '30'\n"
        + NotebookFormat.SEPARATOR + "\nSELECT ${days}");
    assertThatThrownBy(() -> NotebookRunner.widgetValues(nb, java.util.Map.of("dayz", "1")))
        .hasMessage("unknown --param 'dayz' for notebook w; its widgets: days");
  }
}
