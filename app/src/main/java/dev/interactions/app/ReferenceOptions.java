package dev.interactions.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.Set;
import dev.interactions.transform.reference.ReferenceJdbc;
import picocli.CommandLine.Option;

/**
 * Where the reference data is: {@code --reference}, or the {@code reference} key of a
 * {@code --config} properties file that every command reads the same way (options win).
 */
class ReferenceOptions {
  /** The keys a config file may hold: the long options' names. */
  static final Set<String> CONFIG_KEYS = Set.of("reference", "sync-to", "include-third-party-senders",
      "internal-domains", "public-mail-domains", ReferenceJdbc.USER_KEY, ReferenceJdbc.PASSWORD_FILE_KEY,
      ReferenceJdbc.INPUT_KEYS.get(0), ReferenceJdbc.INPUT_KEYS.get(1), ReferenceJdbc.INPUT_KEYS.get(2));

  @Option(names = "--config", paramLabel = "FILE",
      description = "A properties file with any of: reference, sync-to, include-third-party-senders, "
          + "internal-domains, public-mail-domains. Options given on the command line win.")
  Path config;

  @Option(names = "--reference", paramLabel = "DIR",
      description = "Folder (or Hadoop URI) with team_members.csv, users.csv and customers.csv, or a JDBC URL"
          + " (jdbc:postgresql://host:port/db) with the queries in --config.")
  String reference;

  /** The reference location, or null when neither the option nor the config file gives one. */
  String referenceOrNull() throws IOException {
    return reference != null ? reference : fileValue("reference");
  }

  /** The reference location; required. A JDBC URL needs its three queries in the config file. */
  String reference() throws IOException {
    String value = referenceOrNull();
    if (value == null) {
      throw new IllegalArgumentException("--reference DIR is required (or 'reference' in --config)");
    }
    if (ReferenceJdbc.isJdbcUrl(value)) {
      Map<String, String> settings = referenceSettings();
      for (String key : ReferenceJdbc.INPUT_KEYS) {
        if (!settings.containsKey(key)) {
          throw new IllegalArgumentException("a JDBC reference needs " + String.join(", ", ReferenceJdbc.INPUT_KEYS)
              + " in --config FILE; missing: " + key);
        }
      }
    }
    return value;
  }

  /** The config file's reference.* keys: a JDBC reference's user, password file and queries. */
  Map<String, String> referenceSettings() throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (String key : CONFIG_KEYS) {
      String value = key.startsWith("reference.") ? fileValue(key) : null;
      if (value != null) {
        out.put(key, value);
      }
    }
    return out;
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
