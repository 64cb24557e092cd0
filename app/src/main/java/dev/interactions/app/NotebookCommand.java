package dev.interactions.app;

import dev.interactions.core.spark.CsvFormat;
import dev.interactions.notebooks.Notebook;
import dev.interactions.notebooks.NotebookRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "notebook", mixinStandardHelpOptions = true,
    description = {"Run a SQL notebook (bundled: team_dashboard, customer_health, why_not_synced, conversations,",
        "or a .sql file) and print each cell's title and CSV result."})
final class NotebookCommand implements Callable<Integer> {
  @Mixin WarehouseOption warehouse;

  @Parameters(index = "0", paramLabel = "NOTEBOOK", description = "A bundled notebook's name or a .sql file.")
  String notebook;

  @Override
  public Integer call() {
    Notebook nb = notebook.endsWith(".sql") && Files.isRegularFile(Path.of(notebook))
        ? Notebook.fromFile(Path.of(notebook)) : Notebook.bundled(notebook);
    var results = new NotebookRunner(warehouse.open()).run(nb);
    System.out.println("# " + nb.title());
    for (NotebookRunner.CellResult r : results) {
      System.out.println();
      System.out.println("## " + r.cell().title());
      CsvFormat.write(r.rows(), System.out);
    }
    return 0;
  }
}
