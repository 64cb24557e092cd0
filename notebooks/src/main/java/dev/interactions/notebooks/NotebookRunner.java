package dev.interactions.notebooks;

import dev.interactions.core.catalog.Warehouse;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Runs a notebook's cells, in order, over a warehouse's registered tables. */
public final class NotebookRunner {
  private final Warehouse warehouse;

  public NotebookRunner(Warehouse warehouse) {
    this.warehouse = warehouse;
  }

  public record CellResult(Notebook.Cell cell, Dataset<Row> rows) {}

  /** The cells' results (lazy Datasets); an error names the notebook and cell. */
  public List<CellResult> run(Notebook notebook) {
    warehouse.register();
    List<CellResult> out = new ArrayList<>();
    for (Notebook.Cell cell : notebook.cells()) {
      try {
        out.add(new CellResult(cell, warehouse.spark().sql(cell.sql())));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("notebook " + notebook.name() + ", cell '" + cell.title() + "': "
            + e.getMessage().lines().findFirst().orElse(""), e);
      }
    }
    return out;
  }
}
