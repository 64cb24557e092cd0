package dev.interactions.app;

import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code interactions} command line: one subcommand per stage plus run, sql and friends. */
@Command(
    name = "interactions",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Nightly pipeline: Gmail and Google Calendar data to customer interaction analytics.",
    subcommands = {
      RunCommand.class,
      GenerateCommand.class,
      IngestCommand.class,
      AuthCommand.class,
      TransformCommand.class,
      MetricsCommand.class,
      ExplainCommand.class,
      NotebookCommand.class,
      SqlCommand.class,
      StatusCommand.class,
      ForgetCommand.class,
      MaintainCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  /** Exit status of a usage error: an unknown option or a bad value. */
  public static final int EXIT_USAGE = 2;

  /** Exit status when some mailboxes failed but the others landed: a scheduler should alert. */
  public static final int EXIT_PARTIAL = 3;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit status (0 ok, 1 failure, 2 usage, 3 partial). */
  public static int execute(String... args) {
    boolean verbose = Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v");
    // Read by log4j2.properties; set before the first logger is created.
    System.setProperty("interactions.log.level", verbose ? "debug" : "info");
    System.setProperty("interactions.spark.log.level", verbose ? "info" : "warn");
    CommandLine cli = new CommandLine(new Main());
    // A usage error is one line too, the last on stderr: no usage text after it.
    cli.setParameterExceptionHandler((e, parsed) -> {
      PrintWriter err = e.getCommandLine().getErr();
      err.println("interactions: error: " + oneLine(e) + " (see --help)");
      err.flush();
      return EXIT_USAGE;
    });
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      PrintWriter err = cmd.getErr();
      if (verbose) {
        e.printStackTrace(err);
      }
      err.println("interactions: error: " + oneLine(e));
      err.flush();
      return e instanceof OptionValues.UsageException ? EXIT_USAGE : 1;
    });
    return cli.execute(args);
  }

  /** A one-line reason: a user error's own message when there is one in the chain. */
  static String oneLine(Throwable e) {
    Throwable chosen = e;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IllegalArgumentException || t instanceof java.io.UncheckedIOException) {
        chosen = t;
        break;
      }
    }
    String message = chosen.getMessage();
    if (message == null || message.isBlank()) {
      message = chosen.getClass().getSimpleName();
    }
    String first = message.strip().lines().findFirst().orElse(message);
    return first.length() > 500 ? first.substring(0, 500) + "..." : first;
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"interactions " + (v == null ? "dev" : v)};
    }
  }
}
