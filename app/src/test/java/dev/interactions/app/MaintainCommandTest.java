package dev.interactions.app;

import static dev.interactions.app.CommandLineTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.interactions.app.CommandLineTest.Result;
import dev.interactions.core.catalog.Table;
import dev.interactions.core.catalog.Tables;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.testkit.Examples;
import dev.interactions.testkit.SparkTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC.md's {@code maintain --warehouse WH}: small files compacted, files no version within the
 * retention needs deleted, rows unchanged, time travel kept within the retention, and the
 * pipeline goes on as before on a maintained warehouse.
 */
@SparkTest
class MaintainCommandTest {
  @TempDir Path tmp;

  /** Every table's rows as sorted JSON lines: the same before and after maintain. */
  private static Map<String, List<String>> contents(Warehouse wh) {
    Map<String, List<String>> all = new LinkedHashMap<>();
    for (Table t : Tables.all()) {
      if (wh.exists(t)) {
        all.put(t.qualifiedName(), wh.read(t).toJSON().collectAsList().stream().sorted().toList());
      }
    }
    return all;
  }

  /** The CSV lines of maintain's stdout by table name. */
  private static Map<String, String[]> byTable(String out) {
    List<String> lines = out.lines().toList();
    assertThat(lines.get(0)).isEqualTo("table,files_before,files_after,bytes_before,bytes_after,files_deleted,"
        + "zorder_by");
    return lines.stream().skip(1).collect(Collectors.toMap(l -> l.split(",", -1)[0], l -> l.split(",", -1),
        (a, b) -> a, LinkedHashMap::new));
  }

  @Test
  void compactsAndVacuumsWithoutChangingARowAndKeepsRecentHistory(SparkSession spark) throws IOException {
    Path example = Examples.unpack("basic");
    String root = tmp.resolve("wh").toString();
    String reference = example.resolve("reference").toString();
    Result run = cli("run", "--input", example.resolve("input").toString(), "--reference", reference,
        "--warehouse", root);
    assertThat(run.exit()).as(run.err()).isZero();
    // The next night's metrics replace the metric tables: their first versions' files are now unreferenced.
    Instant tomorrow = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
    assertThat(cli("metrics", "--warehouse", root, "--as-of", tomorrow.toString()).exit()).isZero();
    Warehouse wh = new Warehouse(spark, root);
    Map<String, List<String>> before = contents(wh);
    List<String> usersFirstVersion = firstVersion(spark, wh, Tables.USER_METRICS);
    assertThat(usersFirstVersion).isNotEqualTo(before.get("gold.user_metrics"));

    // What a killed writer leaves: data files no commit names, one from long ago, one just written.
    Path dir = Path.of(wh.path(Tables.INTERACTIONS));
    Path oldOrphan = Files.writeString(dir.resolve("part-00000-orphan-old.snappy.parquet"), "left by a killed run");
    Files.setLastModifiedTime(oldOrphan, FileTime.from(Instant.now().minus(Duration.ofDays(8))));
    Path freshOrphan = Files.writeString(dir.resolve("part-00000-orphan-new.snappy.parquet"), "being written");

    Result maintain = cli("maintain", "--warehouse", root);

    assertThat(maintain.exit()).as(maintain.err()).isZero();
    Map<String, String[]> lines = byTable(maintain.out());
    assertThat(lines.keySet()).containsExactlyElementsOf(before.keySet());
    assertThat(lines.values()).as("no table has more data files than before")
        .allSatisfy(l -> assertThat(Long.parseLong(l[2])).isLessThanOrEqualTo(Long.parseLong(l[1])));
    assertThat(lines.values()).as("some table had several small files, now one")
        .anySatisfy(l -> assertThat(Long.parseLong(l[1])).isGreaterThan(1))
        .allSatisfy(l -> assertThat(Long.parseLong(l[2])).isLessThanOrEqualTo(1));
    assertThat(lines.get("gold.metric_history")[6]).as("rewritten clustered").isEqualTo("entity_id;as_of");
    assertThat(lines.get("bronze.gmail_messages")[6]).as("bronze is compacted only").isEmpty();
    assertThat(lines.get("gold.interactions")[5]).as("only the old orphan goes").isEqualTo("1");
    assertThat(oldOrphan).doesNotExist();
    assertThat(freshOrphan).exists();

    assertThat(contents(wh)).as("every table's rows").isEqualTo(before);
    assertThat(firstVersion(spark, wh, Tables.USER_METRICS)).as("time travel to a version replaced minutes ago")
        .isEqualTo(usersFirstVersion);
    assertThat(maintain.err().strip().lines().reduce((a, b) -> b).orElse(""))
        .matches("maintain: \\d+ tables, \\d+ data files now \\d+, 1 old files deleted \\(retention 7 days\\)");

    // The next night runs on the maintained warehouse as on any other.
    Instant later = tomorrow.plus(Duration.ofDays(1));
    Result metrics = cli("metrics", "--warehouse", root, "--as-of", later.toString());
    assertThat(metrics.exit()).as(metrics.err()).isZero();
    assertThat(contents(wh).get("gold.user_metrics")).hasSameSizeAs(before.get("gold.user_metrics"))
        .allSatisfy(json -> assertThat(json).contains("\"as_of\":\"" + later.toString().replace("Z", "")));
  }

  private static List<String> firstVersion(SparkSession spark, Warehouse wh, Table table) {
    return spark.read().format("delta").option("versionAsOf", 0).load(wh.path(table)).toJSON().collectAsList()
        .stream().sorted().toList();
  }

  @Test
  void aWarehouseThatDoesNotExistIsAOneLineError() {
    Result missing = CommandLineTest.execute(new ByteArrayOutputStream(), "maintain", "--warehouse",
        tmp.resolve("nowhere").toString());
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err().strip()).startsWith("interactions: error: ").contains("nowhere").doesNotContain("\n");
  }
}
