package dev.interactions.app;

import dev.interactions.core.spark.CsvFormat;
import dev.interactions.notebooks.HtmlReport;
import dev.interactions.notebooks.Notebook;
import dev.interactions.notebooks.NotebookRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "notebook", mixinStandardHelpOptions = true,
    description = "SQL notebooks in Databricks source format (see the subcommands).",
    subcommands = NotebookCommand.Run.class)
final class NotebookCommand implements Runnable {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: run");
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = {"Run a notebook (bundled: " + "customer_history, team_dashboard, customers_at_risk, sync_health;",
          "or a .sql file): each cell's title and CSV result on stdout, or one HTML report with --html."})
  static final class Run implements Callable<Integer> {
    @Mixin WarehouseOption warehouse;

    @Parameters(index = "0", paramLabel = "FILE|NAME", description = "A notebook file or a bundled notebook's name.")
    String notebook;

    @Option(names = "--param", paramLabel = "NAME=VALUE",
        description = "A widget's value (repeatable); unset widgets take their DEFAULT.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--html", paramLabel = "OUT.html",
        description = "Write one self-contained HTML report (prose, tables, SVG charts) instead of CSV.")
    Path html;

    @Override
    public Integer call() {
      Notebook nb = Notebook.load(notebook);
      List<NotebookRunner.CellResult> results = new NotebookRunner(warehouse.open()).run(nb, params);
      if (html != null) {
        Map<String, String> values = new LinkedHashMap<>(nb.widgets());
        values.putAll(params);
        write(html, HtmlReport.render(nb, values, results));
        System.err.println("interactions: wrote " + html);
        return 0;
      }
      System.out.println("# " + nb.title());
      for (NotebookRunner.CellResult r : results) {
        System.out.println();
        System.out.println("## " + r.cell().title());
        CsvFormat.write(r.rows(), System.out);
      }
      System.out.flush();
      return 0;
    }

    private static void write(Path file, String text) {
      try {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
      }
    }
  }
}
