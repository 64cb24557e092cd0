package dev.interactions.transform.reference;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the three reference inputs from the application's database through Spark's JDBC source:
 * {@code reference.team-members}, {@code reference.users} and {@code reference.customers} each
 * name a table or a query whose columns carry the CSV names. Multi-value columns may be SQL
 * arrays or {@code ;}-joined text. The password comes from {@link #PASSWORD_VARIABLE} or the file
 * named by {@code reference.password-file}, and is taken out of every message.
 */
public final class ReferenceJdbc {
  public static final String PASSWORD_VARIABLE = "INTERACTIONS_REFERENCE_PASSWORD";
  /** The config keys besides {@code reference}, in the order of the inputs. */
  public static final List<String> INPUT_KEYS =
      List.of("reference.team-members", "reference.users", "reference.customers");
  public static final String USER_KEY = "reference.user";
  public static final String PASSWORD_FILE_KEY = "reference.password-file";

  private static final Pattern QUERY = Pattern.compile("(?is)^\\s*(select|with)\\s.*");
  private static final Pattern URL_PASSWORD = Pattern.compile("(?i)([?&;]password=)[^&;]*");

  private static final Logger LOG = LoggerFactory.getLogger(ReferenceJdbc.class);

  private ReferenceJdbc() {}

  public static boolean isJdbcUrl(String reference) {
    return reference != null && reference.regionMatches(true, 0, "jdbc:", 0, 5);
  }

  /** The URL as it may be shown or stored: a password given in it is masked. */
  public static String redactedUrl(String url) {
    return URL_PASSWORD.matcher(url).replaceAll("$1***");
  }

  /**
   * @param settings the {@code reference.*} keys of the config file
   * @param environment where {@link #PASSWORD_VARIABLE} is looked up (the process environment)
   */
  public static ReferenceData load(SparkSession spark, String url, Map<String, String> settings,
      Map<String, String> environment) {
    for (String key : INPUT_KEYS) {
      if (settings.get(key) == null || settings.get(key).isBlank()) {
        throw new IllegalArgumentException("a JDBC reference needs " + String.join(", ", INPUT_KEYS)
            + " in the config file; missing: " + key);
      }
    }
    String password = password(settings, environment);
    Map<String, String> inputKeys = Map.of("team_members", INPUT_KEYS.get(0), "users", INPUT_KEYS.get(1),
        "customers", INPUT_KEYS.get(2));
    return ReferenceCsv.build((input, idColumn, others) -> {
      String key = inputKeys.get(input);
      return read(spark, url, settings.get(USER_KEY), password, key, settings.get(key).trim(), idColumn, others);
    });
  }

  private static String password(Map<String, String> settings, Map<String, String> environment) {
    String file = settings.get(PASSWORD_FILE_KEY);
    if (file != null && !file.isBlank()) {
      try {
        return Files.readString(Path.of(file.trim()), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new IllegalArgumentException(PASSWORD_FILE_KEY + ": cannot read " + file.trim());
      }
    }
    return environment.get(PASSWORD_VARIABLE);
  }

  private static List<ReferenceCsv.Record> read(SparkSession spark, String url, String user, String password,
      String key, String tableOrQuery, String idColumn, String... others) {
    boolean query = QUERY.matcher(tableOrQuery).matches();
    String name = key + (query ? " query '" : " table '") + tableOrQuery + "'";
    List<String> columns = new ArrayList<>(List.of(idColumn));
    columns.addAll(List.of(others));
    List<Row> rows;
    StructType schema;
    try {
      DataFrameReader reader = spark.read().format("jdbc").option("url", url)
          .option("driver", "org.postgresql.Driver")
          .option(query ? "query" : "dbtable", tableOrQuery);
      if (user != null && !user.isBlank()) {
        reader = reader.option("user", user.trim());
      }
      if (password != null) {
        reader = reader.option("password", password);
      }
      var frame = reader.load();
      schema = frame.schema();
      rows = frame.collectAsList();
    } catch (Exception e) { // Spark's AnalysisException is checked in Java's eyes
      throw new IllegalArgumentException(name + ": " + withoutSecret(firstLine(e), password));
    }
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < schema.fields().length; i++) {
      index.put(schema.fields()[i].name().toLowerCase(Locale.ROOT), i);
    }
    for (String c : columns) {
      if (!index.containsKey(c)) {
        throw new IllegalArgumentException(name + ": missing column " + c + " (alias one with AS " + c + ")");
      }
    }
    List<ReferenceCsv.Record> records = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      Row row = rows.get(r);
      Map<String, String> values = new HashMap<>();
      for (String c : columns) {
        int i = index.get(c);
        values.put(c, text(row, i, schema.fields()[i].dataType() instanceof ArrayType));
      }
      records.add(new ReferenceCsv.Record(name, "row", r + 1, idColumn, values));
    }
    ReferenceCsv.requireUniqueIds(records);
    LOG.info("reference data from {}: {} rows from {}", redactedUrl(url), records.size(), name);
    return records;
  }

  /** A cell as the CSV text it stands for: an SQL array is {@code ;}-joined. */
  private static String text(Row row, int i, boolean array) {
    if (row.isNullAt(i)) {
      return null;
    }
    if (array) {
      List<String> parts = new ArrayList<>();
      for (Object part : row.getList(i)) {
        if (part != null) {
          parts.add(part.toString());
        }
      }
      return String.join(";", parts);
    }
    return row.get(i).toString();
  }

  private static String firstLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  private static String withoutSecret(String message, String password) {
    return password == null || password.isEmpty() ? message : message.replace(password, "***");
  }
}
