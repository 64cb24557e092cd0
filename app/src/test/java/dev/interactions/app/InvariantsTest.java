package dev.interactions.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.interactions.core.RunContext;
import dev.interactions.core.Settings;
import dev.interactions.core.catalog.Tables;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.pipeline.InvariantViolation;
import dev.interactions.core.pipeline.Invariants;
import dev.interactions.core.pipeline.Pipeline;
import dev.interactions.core.pipeline.PipelineRequest;
import dev.interactions.core.pipeline.Stage;
import dev.interactions.core.pipeline.StageReport;
import dev.interactions.sample.SampleOptions;
import dev.interactions.testkit.SharedSpark;
import dev.interactions.testkit.SparkTest;
import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each invariant broken on purpose, by a real stage followed by a corruption of what it wrote:
 * the run fails naming the invariant and an example key, and bronze.runs records the failure.
 */
@SparkTest
class InvariantsTest {
  @TempDir Path tmp;

  /** A registered stage, then a corruption of its output before the stage counts as done. */
  static final class Breaking extends Stage {
    private final Stage real;
    private final Consumer<Warehouse> corruption;

    Breaking(String name, Consumer<Warehouse> corruption) {
      super(name, 0);
      this.real = ServiceLoader.load(Stage.class).stream().map(ServiceLoader.Provider::get)
          .filter(s -> s.name().equals(name)).findFirst().orElseThrow();
      this.corruption = corruption;
    }

    @Override
    public StageReport run(Warehouse warehouse, RunContext run, PipelineRequest request) {
      StageReport report = real.run(warehouse, run, request);
      corruption.accept(warehouse);
      return report;
    }
  }

  @Test
  void eachBrokenInvariantFailsItsStageNamingItAndAKey() {
    Path sample = tmp.resolve("sample");
    CommandLineTest.Result g = CommandLineTest.cli("generate", "--out", sample.toString(), "--team-members", "3",
        "--customers", "2", "--users-per-customer", "2", "--months", "1");
    assertThat(g.exit()).as(g.err()).isZero();
    Warehouse wh = new Warehouse(SharedSpark.spark(), tmp.resolve("wh").toString());
    PipelineRequest request = PipelineRequest.of(sample.resolve("input").toString(),
        sample.resolve("reference").toString(), Settings.defaults(), SampleOptions.small().end());

    // Ingest: a landed row lost after the MERGE no longer reconciles with what was read.
    assertThatThrownBy(() -> Pipeline.of(new Breaking("ingest", w -> DeltaTable.forPath(w.spark(),
        w.path(Tables.GMAIL_MESSAGES)).delete(col("id").equalTo(firstKey(w, "bronze.gmail_messages", "id"))))).run(wh, request))
        .isInstanceOf(InvariantViolation.class)
        .hasMessageContaining(Invariants.BRONZE_RECONCILES).hasMessageContaining("bronze.gmail_messages");
    Pipeline.discover().only("ingest").run(wh, request);

    // Transform: a doubled interaction, then a synced message pointing at no interaction.
    assertThatThrownBy(() -> Pipeline.of(new Breaking("transform", w -> w.read(Tables.INTERACTIONS).limit(1)
        .write().format("delta").mode("append").save(w.path(Tables.INTERACTIONS)))).run(wh, request))
        .isInstanceOf(InvariantViolation.class)
        .hasMessageContaining(Invariants.UNIQUE_KEYS).hasMessageContaining("gold.interactions has 2 rows with key interaction_id=");
    String[] message = new String[1];
    assertThatThrownBy(() -> Pipeline.of(new Breaking("transform", w -> {
      message[0] = firstKey(w, "silver.email_messages WHERE synced", "message_key");
      DeltaTable.forPath(w.spark(), w.path(Tables.EMAIL_MESSAGES))
          .update(col("message_key").equalTo(message[0]), java.util.Map.of("interaction_id", lit("gone")));
    })).run(wh, request))
        .isInstanceOf(InvariantViolation.class)
        .hasMessageContaining(Invariants.ONE_INTERACTION).hasMessageEndingWith("message_key=" + message[0]);
    Pipeline.discover().only("transform").run(wh, request);

    // Metrics: a user without its metric row.
    String[] user = new String[1];
    assertThatThrownBy(() -> Pipeline.of(new Breaking("metrics", w -> {
      user[0] = firstKey(w, "gold.user_metrics", "user_id");
      DeltaTable.forPath(w.spark(), w.path(Tables.USER_METRICS)).delete(col("user_id").equalTo(user[0]));
    })).run(wh, request))
        .isInstanceOf(InvariantViolation.class)
        .hasMessageContaining(Invariants.METRIC_ROWS).hasMessageEndingWith("user_id=" + user[0]);

    // The run log keeps each failure, with the invariant's message.
    List<Row> failed = wh.read(Tables.RUNS).where(col("outcome").equalTo("failed")).orderBy("started_at")
        .select("stage", "error").collectAsList();
    assertThat(failed).extracting(r -> r.getString(0)).containsExactly("ingest", "transform", "transform", "metrics");
    assertThat(failed.get(3).getString(1)).contains(Invariants.METRIC_ROWS, user[0]);
    // The repaired stages ran clean, and their rows say so.
    assertThat(wh.read(Tables.RUNS).where(col("outcome").equalTo("complete")).count()).isEqualTo(2);
  }

  private static String firstKey(Warehouse w, String tableAndFilter, String column) {
    w.register();
    return w.spark().sql("SELECT min(" + column + ") FROM " + tableAndFilter).first().getString(0);
  }
}
