package dev.interactions.app;

import dev.interactions.sample.Layout;
import dev.interactions.sample.SampleGenerator;
import dev.interactions.sample.SampleOptions;
import dev.interactions.sample.SampleSummary;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Write deterministic synthetic Gmail and Calendar data (files-source layout) and reference CSVs.")
final class GenerateCommand implements Callable<Integer> {
  @Mixin Verbosity verbosity;

  @Option(names = "--out", required = true, description = "Output folder (input/ and reference/ are written in it).")
  Path out;

  @Option(names = "--team-members", defaultValue = "4", description = "Team members (default: ${DEFAULT-VALUE}).")
  int teamMembers;

  @Option(names = "--customers", defaultValue = "6", description = "Customers (default: ${DEFAULT-VALUE}).")
  int customers;

  @Option(names = "--users-per-customer", defaultValue = "3", description = "Contacts per customer (default: ${DEFAULT-VALUE}).")
  int usersPerCustomer;

  @Option(names = "--months", defaultValue = "3", description = "Months of history (default: ${DEFAULT-VALUE}).")
  int months;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed; the same seed gives the same files (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--layout", defaultValue = "jsonl", converter = OptionValues.SampleLayout.class,
      description = "files: one message (one events page) a file, as dump tools write; jsonl: rolling .jsonl files (default: ${DEFAULT-VALUE}).")
  Layout layout;

  @Override
  public Integer call() throws Exception {
    if (teamMembers < 1 || customers < 1 || usersPerCustomer < 1 || months < 1) {
      throw new IllegalArgumentException("--team-members, --customers, --users-per-customer and --months must be at least 1");
    }
    SampleOptions options = new SampleOptions(teamMembers, customers, usersPerCustomer, months,
        seed, SampleOptions.small().end());
    SampleSummary s = SampleGenerator.generate(out, options, layout);
    System.out.printf("generated %d messages (%d mailbox copies) and %d events for %d mailboxes in %s%n",
        s.messages(), s.messageCopies(), s.events(), s.mailboxes(), out);
    return 0;
  }
}
