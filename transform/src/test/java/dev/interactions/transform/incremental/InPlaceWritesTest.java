package dev.interactions.transform.incremental;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interactions.core.catalog.Tables;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.testkit.SparkTestBase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/**
 * A night's {@code Warehouse.replaceKeys}: the rows of the replaced keys go, the night's rows come,
 * and the files around them stay as they are (their old rows hidden by deletion vectors).
 */
class InPlaceWritesTest extends SparkTestBase {

  @Test
  void replacingKeysRewritesNoFileAndKeepsEveryOtherRow() {
    Warehouse wh = newWarehouse().forRun("full");
    // gold.interaction_links in four files: interactions i0..i39, one link each to a user and a customer.
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      rows.add(RowFactory.create("i" + i, "user", "u" + i, null));
      rows.add(RowFactory.create("i" + i, "customer", "c" + (i % 7), null));
    }
    wh.replace(Tables.INTERACTION_LINKS,
        spark().createDataFrame(rows, Tables.INTERACTION_LINKS.schema()).repartition(4));
    Set<String> filesBefore = files(wh);
    assertThat(filesBefore).hasSize(4);

    // The night: i3 gets new links, i17 goes, i40 is new.
    Dataset<Row> keys = spark().createDataFrame(List.of(RowFactory.create("i3", "x", "x", "x"),
        RowFactory.create("i17", "x", "x", "x"), RowFactory.create("i40", "x", "x", "x")),
        Tables.INTERACTION_LINKS.schema()).select("interaction_id");
    Dataset<Row> night = spark().createDataFrame(List.of(RowFactory.create("i3", "user", "u3", null),
        RowFactory.create("i3", "team_member", "t1", null), RowFactory.create("i40", "user", "u40", null)),
        Tables.INTERACTION_LINKS.schema());
    wh.forRun("night-1").replaceKeys(Tables.INTERACTION_LINKS, "interaction_id", keys, night);

    assertThat(lines(wh, "SELECT interaction_id, role, id, run_id FROM gold.interaction_links"
        + " WHERE interaction_id IN ('i2', 'i3', 'i17', 'i40') ORDER BY interaction_id, role"))
        .containsExactly("i2,customer,c2,full", "i2,user,u2,full", "i3,team_member,t1,night-1",
            "i3,user,u3,night-1", "i40,user,u40,night-1");
    assertThat(scalar(wh, "SELECT count(*) FROM gold.interaction_links")).isEqualTo(80L - 4 + 3);

    // No old file was rewritten: each is still in the table, beside the night's new ones.
    Set<String> filesAfter = files(wh);
    assertThat(filesAfter).containsAll(filesBefore).hasSizeGreaterThan(4);
    Row merge = wh.deltaTable(Tables.INTERACTION_LINKS).history(1).select("operation", "operationMetrics").first();
    assertThat(merge.getString(0)).isEqualTo("MERGE");
    Map<String, String> m = merge.getJavaMap(1);
    assertThat(m).as(m.toString()).containsEntry("numTargetRowsCopied", "0").containsEntry("numTargetRowsDeleted", "4")
        .containsEntry("numTargetRowsInserted", "3");

    // The old rows are still in the files, hidden; forget needs them gone: purging rewrites the marked files.
    assertThat(physicalRows(wh)).isEqualTo(80L + 3);
    wh.purgeDeletedRows(Tables.INTERACTION_LINKS);
    assertThat(physicalRows(wh)).isEqualTo(80L - 4 + 3);
    assertThat(scalar(wh, "SELECT count(*) FROM gold.interaction_links")).isEqualTo(80L - 4 + 3);
    assertThat(wh.deltaTable(Tables.INTERACTION_LINKS).history(1).select("operation").first().getString(0))
        .isEqualTo("REORG");
  }

  /** The rows of the current version's files as Parquet holds them, deletion vectors ignored. */
  private static long physicalRows(Warehouse wh) {
    return spark().read().parquet(wh.read(Tables.INTERACTION_LINKS).inputFiles()).count();
  }

  private static Set<String> files(Warehouse wh) {
    return new HashSet<>(List.of(wh.read(Tables.INTERACTION_LINKS).inputFiles()));
  }
}
