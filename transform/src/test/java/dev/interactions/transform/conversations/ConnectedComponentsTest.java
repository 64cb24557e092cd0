package dev.interactions.transform.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.interactions.testkit.SparkTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * {@link ConnectedComponents} on string edges: every node of a component gets the smallest node
 * id of that component, whatever the edge direction; convergence is detected by a round that
 * changes nothing, and a graph that has not converged within the round limit fails loudly.
 */
@SparkTest
class ConnectedComponentsTest {
  static final StructType EDGES = new StructType().add("src", DataTypes.StringType).add("dst", DataTypes.StringType);

  static Dataset<Row> edges(SparkSession spark, List<String[]> pairs) {
    List<Row> rows = new ArrayList<>();
    for (String[] p : pairs) {
      rows.add(RowFactory.create(p[0], p[1]));
    }
    return spark.createDataFrame(rows, EDGES);
  }

  static String[] e(String src, String dst) {
    return new String[] {src, dst};
  }

  static Map<String, String> components(Dataset<Row> result) {
    assertThat(result.columns()).containsExactly("node", "component");
    Map<String, String> out = new TreeMap<>();
    for (Row r : result.collectAsList()) {
      assertThat(out.put(r.getString(0), r.getString(1))).as("node %s appears once", r.getString(0)).isNull();
    }
    return out;
  }

  @Test
  void chainsCyclesStarsAndLoneNodesInOneGraph(SparkSession spark) {
    Map<String, String> got = components(ConnectedComponents.of(edges(spark, List.of(
        // A chain whose smallest id sits in the middle, edges in both directions.
        e("c3", "c2"), e("c3", "c4"), e("c1", "c2"), e("c5", "c4"),
        // A cycle, with a duplicate edge and its reverse.
        e("y2", "y3"), e("y3", "y1"), e("y1", "y2"), e("y2", "y1"), e("y1", "y2"),
        // A star: the hub is not the smallest id.
        e("s5", "s1"), e("s5", "s2"), e("s5", "s3"), e("s5", "s4"),
        // A single edge.
        e("p2", "p1"),
        // A node whose only edge is a loop on itself, and a loop on a node that has other edges.
        e("lone", "lone"), e("s3", "s3")))));

    Map<String, String> expected = new TreeMap<>();
    for (String n : List.of("c1", "c2", "c3", "c4", "c5")) {
      expected.put(n, "c1");
    }
    for (String n : List.of("y1", "y2", "y3")) {
      expected.put(n, "y1");
    }
    for (String n : List.of("s1", "s2", "s3", "s4", "s5")) {
      expected.put(n, "s1");
    }
    expected.put("p1", "p1");
    expected.put("p2", "p1");
    expected.put("lone", "lone");
    assertThat(got).isEqualTo(expected);
  }

  @Test
  void noEdgesNoNodes(SparkSession spark) {
    assertThat(components(ConnectedComponents.of(edges(spark, List.of())))).isEmpty();
  }

  @Test
  void aLongChainConvergesInFewRoundsThanksToPointerJumping(SparkSession spark) {
    // 64 nodes in a line, ids increasing along it: the smallest label starts at one end, so
    // label propagation alone would need 63 rounds (far more than the limit of 8); with pointer
    // jumping it takes about log2(64) rounds.
    int n = 64;
    List<String[]> pairs = new ArrayList<>();
    for (int i = 1; i < n; i++) {
      pairs.add(i % 2 == 0 ? e(node(i - 1), node(i)) : e(node(i), node(i - 1)));
    }
    Collections.shuffle(pairs, new Random(7));
    Map<String, String> got = components(ConnectedComponents.of(edges(spark, pairs), 8));

    assertThat(got).hasSize(n);
    assertThat(got.values()).containsOnly(node(0));
  }

  @Test
  void aGraphThatHasNotConvergedWithinTheRoundLimitFails(SparkSession spark) {
    // a - b - c: the first round changes c's label (b to a); only a round without change ends.
    Dataset<Row> chain = edges(spark, List.of(e("a", "b"), e("b", "c")));
    assertThatThrownBy(() -> ConnectedComponents.of(chain, 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("connected components did not converge in 1 rounds");
    assertThat(components(ConnectedComponents.of(chain, 2))).containsOnly(
        Map.entry("a", "a"), Map.entry("b", "a"), Map.entry("c", "a"));
    assertThat(ConnectedComponents.MAX_ROUNDS).as("the default limit").isEqualTo(100);
  }

  static String node(int i) {
    return String.format("m%04d@x", i);
  }
}
