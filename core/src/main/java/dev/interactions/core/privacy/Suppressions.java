package dev.interactions.core.privacy;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import dev.interactions.core.catalog.Tables;
import dev.interactions.core.catalog.Warehouse;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The suppression list of erased people (bronze.suppressions): a salted SHA-256 of each address,
 * never the address. Ingests drop every resource that holds a suppressed address anywhere (headers,
 * attendees, raw JSON), compared case-insensitively, so a resync does not land the person again.
 *
 * <p>"Holds an address" means as a whole address: {@code ana@acme.com} does not hold
 * {@code hana@acme.com}. The same rule finds the rows that forget removes ({@link #holding}).
 */
public final class Suppressions implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Characters of an address's local part (RFC 5322 atext and dots). */
  private static final String LOCAL = "A-Za-z0-9.!#$%&'*+/=?^_`{|}~-";
  private static final Pattern ADDRESS = Pattern.compile("[" + LOCAL + "]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*");

  private final String salt;
  private final Set<String> hashes;

  private Suppressions(String salt, Set<String> hashes) {
    this.salt = salt;
    this.hashes = Set.copyOf(hashes);
  }

  /** The warehouse's list; empty when nobody was ever forgotten. */
  public static Suppressions load(Warehouse warehouse) {
    if (!warehouse.exists(Tables.SUPPRESSIONS)) {
      return new Suppressions(null, Set.of());
    }
    List<Row> rows = warehouse.read(Tables.SUPPRESSIONS).select("salt", "address_hash").collectAsList();
    String salt = rows.isEmpty() ? null : rows.get(0).getString(0);
    return new Suppressions(salt, rows.stream().map(r -> r.getString(1)).collect(Collectors.toSet()));
  }

  /** Adds an address (already normalised) to the list; adding it again changes nothing. */
  public static void add(Warehouse warehouse, String address) {
    Suppressions current = load(warehouse);
    String salt = current.salt != null ? current.salt : newSalt();
    String hash = hash(salt, address);
    if (current.hashes.contains(hash)) {
      return;
    }
    Row row = RowFactory.create(hash, salt, new Timestamp(System.currentTimeMillis()));
    warehouse.deltaTable(Tables.SUPPRESSIONS);
    warehouse.spark().createDataFrame(List.of(row), Tables.SUPPRESSIONS.schema())
        .write().format("delta").mode("append").save(warehouse.path(Tables.SUPPRESSIONS));
  }

  public boolean isEmpty() {
    return hashes.isEmpty();
  }

  public int size() {
    return hashes.size();
  }

  /** The salted hashes, sorted: what a transform's inputs fingerprint includes, never an address. */
  public List<String> sortedHashes() {
    return hashes.stream().sorted().toList();
  }

  /** True when the text holds a suppressed address, in any case. */
  public boolean holdsSuppressed(String text) {
    if (text == null || hashes.isEmpty() || text.indexOf('@') < 0) {
      return false;
    }
    Matcher m = ADDRESS.matcher(text);
    while (m.find()) {
      if (hashes.contains(hash(salt, m.group()))) {
        return true;
      }
    }
    return false;
  }

  /** The rows that hold no suppressed address in any column; the rows as they are when the list is empty. */
  public Dataset<Row> drop(Dataset<Row> rows) {
    if (hashes.isEmpty()) {
      return rows;
    }
    Suppressions self = this;
    return rows.filter((FilterFunction<Row>) r -> !self.holdsSuppressed(r.mkString("\u0001")));
  }

  /**
   * True for the rows of a table that hold the address in any column (nested ones and raw JSON
   * included), as a whole address and in any case.
   */
  public static Column holding(Dataset<Row> rows, String address) {
    Column all = to_json(struct(java.util.Arrays.stream(rows.columns()).map(c -> col("`" + c + "`"))
        .toArray(Column[]::new)));
    String pattern = "(?i)(?<![" + LOCAL + "])" + Pattern.quote(address) + "(?![A-Za-z0-9-]|\\.[A-Za-z0-9-])";
    return all.rlike(pattern);
  }

  static String hash(String salt, String address) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(salt.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(address.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String newSalt() {
    byte[] b = new byte[16];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
