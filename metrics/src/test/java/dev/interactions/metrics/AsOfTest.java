package dev.interactions.metrics;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.interactions.testkit.SparkTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** {@link AsOf}: the instant T and its windows [T - N days, T) (SPEC.md "Metrics"). */
@SparkTest
class AsOfTest {
  static final Instant T = Instant.parse("2026-06-30T00:00:00Z");

  @Test
  void theThirtyDayWindowAlwaysComesFirst() {
    assertThat(new AsOf(T, List.of()).windowDays()).containsExactly(30);
    assertThat(new AsOf(T, List.of(90, 7)).windowDays()).containsExactly(30, 7, 90);
    assertThat(new AsOf(T, List.of(7, 30, 7)).windowDays()).as("duplicates once").containsExactly(30, 7);
    assertThat(new AsOf(T, List.of(1)).windowDays()).containsExactly(30, 1);
    assertThatThrownBy(() -> new AsOf(T, List.of(0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("a window must be at least 1 day, not 0");
    assertThatThrownBy(() -> new AsOf(T, List.of(7, -3)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-3");
  }

  @Test
  void windowEdgesAndAtOrBefore(SparkSession spark) {
    AsOf asOf = new AsOf(T, List.of(7));
    String[][] cases = {
        // instant, at or before T, in [T-30d, T), in [T-7d, T)
        {"2026-05-30T23:59:59.999Z", "true", "false", "false"},
        {"2026-05-31T00:00:00Z", "true", "true", "false"},
        {"2026-06-22T23:59:59.999999Z", "true", "true", "false"},
        {"2026-06-23T00:00:00Z", "true", "true", "true"},
        {"2026-06-29T23:59:59.999999Z", "true", "true", "true"},
        {"2026-06-30T00:00:00Z", "true", "false", "false"},
        {"2026-06-30T00:00:00.000001Z", "false", "false", "false"},
        {"2026-07-01T00:00:00Z", "false", "false", "false"},
    };
    List<Row> rows = new ArrayList<>();
    for (String[] c : cases) {
      rows.add(RowFactory.create(c[0], Timestamp.from(Instant.parse(c[0]))));
    }
    List<Row> got = spark.createDataFrame(rows, new StructType()
            .add("name", DataTypes.StringType).add("at", DataTypes.TimestampType))
        .select(col("name"), asOf.atOrBefore(col("at")), asOf.inWindow("at", 30), asOf.inWindow(col("at"), 7),
            asOf.t())
        .collectAsList();

    assertThat(got).hasSize(cases.length);
    for (int i = 0; i < cases.length; i++) {
      Row r = got.get(i);
      assertThat(r.getString(0)).isEqualTo(cases[i][0]);
      assertThat(List.of(r.getBoolean(1), r.getBoolean(2), r.getBoolean(3))).as(cases[i][0]).containsExactly(
          Boolean.valueOf(cases[i][1]), Boolean.valueOf(cases[i][2]), Boolean.valueOf(cases[i][3]));
      assertThat(r.getTimestamp(4).toInstant()).isEqualTo(T);
    }
  }
}
