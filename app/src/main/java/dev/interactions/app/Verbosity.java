package dev.interactions.app;

import picocli.CommandLine.Option;

/** Options every subcommand accepts. {@code --verbose} is applied in {@link Main#execute}. */
public final class Verbosity {
  @Option(names = {"-v", "--verbose"}, description = "Log more (our code at DEBUG, Spark at INFO) and show stack traces.")
  boolean verbose;
}
