package dev.interactions.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interactions.core.catalog.Tables;
import dev.interactions.core.spark.CsvFormat;
import dev.interactions.testkit.SparkTestBase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Each trend class of SPEC.md "Signals" at its boundaries, and the edges of the window and the
 * baseline period, on items built directly (T = 2026-06-30T00:00:00Z: the baseline is
 * [2026-03-02, 2026-05-31), the window [2026-05-31, 2026-06-30)).
 */
class CustomerEngagementTest extends SparkTestBase {
  static final AsOf T = new AsOf(Instant.parse("2026-06-30T00:00:00Z"), List.of(30));
  static final StructType ITEMS = new StructType()
      .add("item_type", DataTypes.StringType)
      .add("customer_ids", DataTypes.createArrayType(DataTypes.StringType))
      .add("sender_customer_ids", DataTypes.createArrayType(DataTypes.StringType))
      .add("at", DataTypes.TimestampType);
  static final String BASELINE_DAY = "2026-04-15T09:00:00Z";
  static final String WINDOW_DAY = "2026-06-15T09:00:00Z";

  final List<String> items = new ArrayList<>();
  final List<String> customers = new ArrayList<>();

  /** A customer with that many items in the baseline period and in the window. */
  void customer(String id, int baseline, int activity) {
    customers.add("{\"customer_id\": \"" + id + "\"}");
    for (int i = 0; i < baseline; i++) {
      item(id, BASELINE_DAY);
    }
    for (int i = 0; i < activity; i++) {
      item(id, WINDOW_DAY);
    }
  }

  /** Emails and meetings in turn: both count as activity. */
  void item(String customerId, String at) {
    String type = items.size() % 2 == 0 ? "email" : "meeting";
    items.add("{\"item_type\": \"" + type + "\", \"customer_ids\": [\"" + customerId + "\"], \"at\": \"" + at + "\"}");
  }

  @Test
  void trendClassesAtTheirBoundaries() {
    customer("half", 6, 1);          // 1 = 0.5 x 2.0: not below it
    customer("below_half", 9, 1);    // 1 < 0.5 x 3.0
    customer("one_and_half", 6, 3);  // 3 = 1.5 x 2.0: not above it
    customer("above_but_few", 3, 2); // 2 > 1.5 x 1.0, but fewer than 3
    customer("rising", 3, 3);
    customer("dark", 3, 0);
    customer("new", 0, 1);
    customer("none", 0, 0);
    customer("edges", 0, 0);
    item("edges", "2026-03-02T00:00:00Z");  // the baseline's first instant
    item("edges", "2026-03-01T23:59:59Z");  // before it: nowhere
    item("edges", "2026-05-31T00:00:00Z");  // the window's first instant, not the baseline's
    item("edges", "2026-06-30T00:00:00Z");  // T itself: not in the window
    item("half", "2026-06-30T00:00:01Z");   // after T: nowhere

    List<String> rows = CustomerEngagement.compute(jsonRows(ITEMS, items.toArray(String[]::new)),
            tableRows(Tables.CUSTOMERS, customers.toArray(String[]::new)), T)
        .select("customer_id", "activity_30d", "baseline_30d", "trend").collectAsList().stream()
        .map(CsvFormat::line).toList();
    double third = 1.0 / 3;
    assertThat(rows).containsExactlyInAnyOrder(
        "half,1,2.0,steady", "below_half,1,3.0,dropping", "one_and_half,3,2.0,steady", "above_but_few,2,1.0,steady",
        "rising,3,1.0,rising", "dark,0,1.0,dark", "new,1,0.0,new", "none,0,0.0,none",
        "edges,1," + CsvFormat.format(third) + ",steady");
  }
}
