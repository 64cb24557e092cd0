package dev.interactions.ingest.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interactions.core.RunContext;
import dev.interactions.core.catalog.Tables;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.spark.RowBuilder;
import dev.interactions.testkit.SharedSpark;
import dev.interactions.testkit.SparkTest;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

@SparkTest
class IngestedFilesTest {
  static final long HOUR_AGO = System.currentTimeMillis() - 3_600_000;

  static Row task(String mailbox, String ref, String problem, long size, long modified) {
    return RowBuilder.of(FilesIngest.TASK_SCHEMA).set("mailbox", mailbox).set("path", "file:/in/" + ref)
        .set("ref", ref).set("problem", problem).set("size_bytes", size)
        .set("modified_at", new Timestamp(modified)).build();
  }

  static Row recorded(String mailbox, String ref, long size, long modified, long resources) {
    return RowBuilder.of(Tables.INGESTED_FILES.schema()).set("source", "gmail").set("mailbox", mailbox)
        .set("ref", ref).set("size_bytes", size).set("modified_at", new Timestamp(modified))
        .set("resources", resources).set("run_id", "r0").build();
  }

  @Test
  void splitsTheListingInSparkIntoTheGivenSlices(SparkSession spark) {
    Warehouse warehouse = new Warehouse(spark, SharedSpark.newWarehouse());
    warehouse.deltaTable(Tables.INGESTED_FILES).as("t").merge(spark.createDataFrame(List.of(
            recorded("a@x.com", "gmail/a@x.com/same.json", 10, HOUR_AGO, 1),
            recorded("a@x.com", "gmail/a@x.com/pair.jsonl", 20, HOUR_AGO, 2),
            recorded("a@x.com", "gmail/a@x.com/resized.json", 30, HOUR_AGO, 1),
            recorded("a@x.com", "gmail/a@x.com/touched.json", 40, HOUR_AGO, 1),
            recorded("bad", "gmail/bad/x.json", 50, HOUR_AGO, 1)), Tables.INGESTED_FILES.schema()).as("s"),
        "t.ref = s.ref").whenNotMatched().insertAll().execute();
    Dataset<Row> listed = spark.createDataFrame(List.of(
        task("a@x.com", "gmail/a@x.com/same.json", null, 10, HOUR_AGO),
        task("a@x.com", "gmail/a@x.com/pair.jsonl", null, 20, HOUR_AGO),
        task("a@x.com", "gmail/a@x.com/resized.json", null, 31, HOUR_AGO),
        task("a@x.com", "gmail/a@x.com/touched.json", null, 40, HOUR_AGO + 1),
        task("a@x.com", "gmail/a@x.com/new.json", null, 60, HOUR_AGO),
        task("bad", "gmail/bad/x.json", "folder name is not a mailbox address: bad", 50, HOUR_AGO)),
        FilesIngest.TASK_SCHEMA);

    IngestedFiles.Split split = new IngestedFiles(warehouse, RunContext.start(), "gmail").split(listed, 3);
    try {
      assertThat(split.files()).isEqualTo(6);
      assertThat(split.unchanged()).isEqualTo(2);
      assertThat(split.unchangedResources()).isEqualTo(Map.of("a@x.com", 3L));
      assertThat(split.toRead().select("ref").collectAsList()).extracting(r -> r.getString(0))
          .as("changed size or time, new, and a bad folder's file however it was recorded")
          .containsExactlyInAnyOrder("gmail/a@x.com/resized.json", "gmail/a@x.com/touched.json",
              "gmail/a@x.com/new.json", "gmail/bad/x.json");
      assertThat(split.toRead().columns()).containsExactly(FilesIngest.TASK_SCHEMA.fieldNames());
      assertThat(split.toRead().rdd().getNumPartitions()).as("many files to a read task").isEqualTo(3);
    } finally {
      split.listing().unpersist();
    }
  }
}
