package dev.interactions.core.spark;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * The one way to run plain Java per row in Spark: each input row goes through a function that
 * emits zero or more rows of the output schema. A partition is streamed: only the outputs of the
 * current input row are held in memory, never the whole partition.
 */
public final class PerRow {
  private PerRow() {}

  /** Input row to output rows; may keep per-partition state in transient fields. */
  @FunctionalInterface
  public interface RowFunction extends Serializable {
    void apply(Row in, Consumer<Row> out) throws Exception;
  }

  public static Dataset<Row> flatMap(Dataset<Row> input, StructType outputSchema, RowFunction function) {
    return input.mapPartitions(new Streamed(function), Encoders.row(outputSchema));
  }

  private static final class Streamed implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final RowFunction function;

    Streamed(RowFunction function) {
      this.function = function;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
      return new StreamingIterator(input, function);
    }
  }

  /** Pulls the next input row only when the outputs of the previous one are used up. */
  static final class StreamingIterator implements Iterator<Row> {
    private final Iterator<Row> input;
    private final RowFunction function;
    private final ArrayDeque<Row> pending = new ArrayDeque<>();

    StreamingIterator(Iterator<Row> input, RowFunction function) {
      this.input = input;
      this.function = function;
    }

    @Override
    public boolean hasNext() {
      while (pending.isEmpty() && input.hasNext()) {
        try {
          function.apply(input.next(), pending::add);
        } catch (RuntimeException e) {
          throw e;
        } catch (Exception e) {
          throw new IllegalStateException(e.getMessage(), e);
        }
      }
      return !pending.isEmpty();
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return pending.poll();
    }
  }
}
