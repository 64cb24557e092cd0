package dev.interactions.app;

import dev.interactions.core.Settings;
import java.io.IOException;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * Attribution settings from the command line and an optional config file; options win over the
 * file. Validated before Spark starts.
 */
final class TransformOptions extends ReferenceOptions {
  @Option(names = "--sync-to", paramLabel = "users|customers", converter = OptionValues.SyncTo.class,
      description = "Known contacts are users' exact emails (users, default) or addresses on customers' domains.")
  Settings.SyncTo syncTo;

  @Option(names = "--include-third-party-senders", arity = "0..1", fallbackValue = "true",
      description = "Sync a third party's email when a team member and a known contact are among its recipients.")
  Boolean includeThirdPartySenders;

  @Option(names = "--internal-domains", paramLabel = "a.com,b.com",
      description = "Extra internal domains besides those of the team members' addresses.")
  String internalDomains;

  @Option(names = "--public-mail-domains", paramLabel = "a.com,b.com",
      description = "Extra public mail provider domains (gmail.com, outlook.com, ... are built in).")
  String publicMailDomains;

  Settings settings() throws IOException {
    Settings s = Settings.defaults();
    if (syncTo != null) {
      s = s.withSyncTo(syncTo);
    } else if (fileValue("sync-to") != null) {
      s = s.withSyncTo(fromFile("sync-to", () -> new OptionValues.SyncTo().convert(fileValue("sync-to"))));
    }
    if (includeThirdPartySenders != null) {
      s = s.withIncludeThirdPartySenders(includeThirdPartySenders);
    } else if (fileValue("include-third-party-senders") != null) {
      s = s.withIncludeThirdPartySenders(fromFile("include-third-party-senders",
          () -> parseBoolean(fileValue("include-third-party-senders"))));
    }
    String internal = internalDomains != null ? internalDomains : fileValue("internal-domains");
    s = s.withInternalDomains(Settings.parseDomains(internal));
    String extraPublic = publicMailDomains != null ? publicMailDomains : fileValue("public-mail-domains");
    return s.withExtraPublicMailDomains(Settings.parseDomains(extraPublic));
  }

  private static boolean parseBoolean(String v) {
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(v);
    }
    throw new TypeConversionException("expected true or false but was '" + v + "'");
  }

  private interface FileValue<T> {
    T get() throws IOException;
  }

  /** A bad value in the config file is a usage error too, naming the file and the key. */
  private <T> T fromFile(String key, FileValue<T> value) throws IOException {
    try {
      return value.get();
    } catch (TypeConversionException e) {
      throw new OptionValues.UsageException(config + ": invalid value for " + key + ": " + e.getMessage());
    }
  }
}
