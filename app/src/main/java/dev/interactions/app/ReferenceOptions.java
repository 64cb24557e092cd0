package dev.interactions.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * Where the reference data is: {@code --reference}, or the {@code reference} key of a
 * {@code --config} properties file that every command reads the same way (options win).
 */
class ReferenceOptions {
  /** The keys a config file may hold: the long options' names. */
  static final Set<String> CONFIG_KEYS = Set.of("reference", "sync-to", "include-third-party-senders",
      "internal-domains", "public-mail-domains");

  @Option(names = "--config", paramLabel = "FILE",
      description = "A properties file with any of: reference, sync-to, include-third-party-senders, "
          + "internal-domains, public-mail-domains. Options given on the command line win.")
  Path config;

  @Option(names = "--reference", paramLabel = "DIR",
      description = "Folder (or Hadoop URI) with team_members.csv, users.csv and customers.csv.")
  String reference;

  /** The reference location, or null when neither the option nor the config file gives one. */
  String referenceOrNull() throws IOException {
    return reference != null ? reference : fileValue("reference");
  }

  /** The reference location; required. */
  String reference() throws IOException {
    String value = referenceOrNull();
    if (value == null) {
      throw new IllegalArgumentException("--reference DIR is required (or 'reference' in --config)");
    }
    return value;
  }

  private Properties file;

  String fileValue(String key) throws IOException {
    if (config == null) {
      return null;
    }
    if (file == null) {
      if (!Files.isRegularFile(config)) {
        throw new IllegalArgumentException("config file not found: " + config);
      }
      file = new Properties();
      try (Reader in = Files.newBufferedReader(config)) {
        file.load(in);
      }
      for (String k : file.stringPropertyNames()) {
        if (!CONFIG_KEYS.contains(k)) {
          throw new IllegalArgumentException(config + ": unknown setting '" + k + "'");
        }
      }
    }
    String v = file.getProperty(key);
    return v == null || v.isBlank() ? null : v.trim();
  }

}
