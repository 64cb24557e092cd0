package dev.interactions.transform.conversations;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.min;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Connected components of an undirected graph given as string edges, with Spark joins only:
 * min-label propagation plus pointer jumping (each node's label jumps to its label's label), so
 * long reply chains converge in about log(diameter) rounds. Nothing is collected to the driver.
 */
public final class ConnectedComponents {
  /** Safety net; real mail graphs converge in a handful of rounds. */
  static final int MAX_ROUNDS = 100;

  private ConnectedComponents() {}

  /**
   * @param edges columns {@code src}, {@code dst}
   * @return columns {@code node}, {@code component}: every node with the smallest node id of its component
   */
  public static Dataset<Row> of(Dataset<Row> edges) {
    return of(edges, MAX_ROUNDS);
  }

  /** As {@link #of(Dataset)}, failing when a round still changes labels after {@code maxRounds} rounds. */
  static Dataset<Row> of(Dataset<Row> edges, int maxRounds) {
    Dataset<Row> both = edges.select(col("src"), col("dst"))
        .union(edges.select(col("dst").as("src"), col("src").as("dst")))
        // Loops stay: a node whose only edge is a loop is a component of its own.
        .distinct()
        .localCheckpoint();
    Dataset<Row> labels = both.groupBy("src").agg(min("dst").as("m"))
        .select(col("src").as("node"), least(col("src"), col("m")).as("label"))
        .localCheckpoint();

    for (int round = 0; round < maxRounds; round++) {
      // Propagate: a node takes the smallest label among itself and its neighbours.
      Dataset<Row> propagated = both
          .join(labels.withColumnRenamed("node", "dst").withColumnRenamed("label", "neighbour_label"), "dst")
          .groupBy("src").agg(min("neighbour_label").as("m"))
          .join(labels.withColumnRenamed("node", "src"), "src")
          .select(col("src").as("node"), least(col("label"), col("m")).as("label"));
      // Jump: a node takes its label's label.
      Dataset<Row> jumped = propagated.as("a")
          .join(propagated.as("b"), col("a.label").equalTo(col("b.node")), "left")
          .select(col("a.node").as("node"), least(col("a.label"), col("b.label")).as("label"))
          .localCheckpoint();
      long changed = jumped.as("n").join(labels.as("o"), "node")
          .where(col("n.label").notEqual(col("o.label")))
          .count();
      labels = jumped;
      if (changed == 0) {
        return labels.withColumnRenamed("label", "component");
      }
    }
    throw new IllegalStateException("connected components did not converge in " + maxRounds + " rounds");
  }
}
