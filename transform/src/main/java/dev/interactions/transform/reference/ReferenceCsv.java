package dev.interactions.transform.reference;

import dev.interactions.core.mail.Addresses;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads {@code team_members.csv}, {@code users.csv} and {@code customers.csv} (header row,
 * {@code ;}-separated multi-values) from a folder or Hadoop URI. Untidy values (a user's email or
 * a domain that is not one) are read past as issues; only a missing or duplicate id and a team
 * member without an email are one-line errors naming the file and line.
 */
public final class ReferenceCsv {
  private ReferenceCsv() {}

  public static ReferenceData load(String dir, Configuration hadoopConf) {
    return build((input, idColumn, others) -> read(dir, input + ".csv", hadoopConf, idColumn, others));
  }

  /** Reads one of the inputs (team_members, users, customers) as records with those columns. */
  interface Source {
    List<Record> read(String input, String idColumn, String... others);
  }

  /** The reference data from any source of rows: the same checks and issues for CSVs and JDBC. */
  static ReferenceData build(Source source) {
    List<ReferenceData.Issue> issues = new ArrayList<>();
    List<ReferenceData.TeamMember> team = new ArrayList<>();
    for (Record r : source.read("team_members", "team_member_id", "email", "aliases")) {
      // A team member is a mailbox: without its address nothing can be ingested for it.
      team.add(new ReferenceData.TeamMember(r.id(), r.address("email"),
          r.addresses("aliases", "invalid_team_member_alias", issues)));
    }
    List<ReferenceData.User> users = new ArrayList<>();
    for (Record r : source.read("users", "user_id", "email", "customer_id")) {
      users.add(new ReferenceData.User(r.id(), r.optionalAddress("email", "invalid_user_email", issues),
          r.optional("customer_id")));
    }
    List<ReferenceData.Customer> customers = new ArrayList<>();
    for (Record r : source.read("customers", "customer_id", "name", "domains")) {
      customers.add(new ReferenceData.Customer(r.id(), r.optional("name"),
          r.domains("domains", "invalid_customer_domain", issues)));
    }
    return new ReferenceData(team, users, customers, List.copyOf(issues));
  }

  /**
   * One data row: its values by column name, with the file and line (or query and row) for error
   * messages.
   */
  record Record(String file, String unit, int line, String idColumn, Map<String, String> values) {
    Record(String file, int line, String idColumn, Map<String, String> values) {
      this(file, "line", line, idColumn, values);
    }

    String where() {
      return file + " " + unit + " " + line;
    }

    String id() {
      String id = optional(idColumn);
      if (id == null) {
        throw new IllegalArgumentException(where() + ": empty " + idColumn);
      }
      return id;
    }

    String optional(String column) {
      String v = values.get(column);
      return v == null || v.isBlank() ? null : v.trim();
    }

    String address(String column) {
      String raw = optional(column);
      String email = Addresses.normalize(raw);
      if (email == null) {
        throw new IllegalArgumentException(where() + ": "
            + (raw == null ? "empty " + column : "not an email address in " + column + ": '" + raw + "'"));
      }
      return email;
    }

    /** An address that the row can do without: an unreadable one is reported and read as none. */
    String optionalAddress(String column, String issueKind, List<ReferenceData.Issue> issues) {
      String raw = optional(column);
      String email = Addresses.normalize(raw);
      if (raw != null && email == null) {
        issues.add(issue(issueKind, column, List.of(raw), "an email address"));
      }
      return email;
    }

    List<String> addresses(String column, String issueKind, List<ReferenceData.Issue> issues) {
      List<String> out = new ArrayList<>();
      List<String> bad = new ArrayList<>();
      for (String raw : split(optional(column))) {
        String email = Addresses.normalize(raw);
        if (email == null) {
          bad.add(raw);
        } else {
          out.add(email);
        }
      }
      if (!bad.isEmpty()) {
        issues.add(issue(issueKind, column, bad, "an email address"));
      }
      return out;
    }

    List<String> domains(String column, String issueKind, List<ReferenceData.Issue> issues) {
      List<String> out = new ArrayList<>();
      List<String> bad = new ArrayList<>();
      for (String raw : split(optional(column))) {
        String d = domain(raw);
        if (d == null) {
          bad.add(raw);
        } else if (!out.contains(d)) {
          out.add(d);
        }
      }
      if (!bad.isEmpty()) {
        issues.add(issue(issueKind, column, bad, "a domain"));
      }
      return out;
    }

    /** One issue per row and column, so that (kind, subject) stays unique. */
    private ReferenceData.Issue issue(String kind, String column, List<String> raws, String expected) {
      return new ReferenceData.Issue(kind, id(), where() + ": " + column + " '"
          + String.join("', '", raws) + "' is not " + expected + "; ignored");
    }

    private static List<String> split(String value) {
      List<String> out = new ArrayList<>();
      if (value != null) {
        for (String part : value.split(";")) {
          if (!part.isBlank()) {
            out.add(part.trim());
          }
        }
      }
      return out;
    }
  }

  /** Dot-separated labels of letters (any script), digits and inner hyphens. */
  private static final String LABEL = "[\\p{L}\\p{N}]([\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?";
  private static final Pattern DOMAIN = Pattern.compile(LABEL + "(\\." + LABEL + ")+");

  /**
   * A CRM "domain" value as the bare domain that addresses are matched on: {@code acme.com} from
   * {@code acme.com}, {@code @Acme.com}, {@code www.acme.com} or {@code https://www.acme.com/about}.
   *
   * @return the domain, or null when the value is not one
   */
  static String domain(String raw) {
    String d = raw.trim().toLowerCase(Locale.ROOT).replaceFirst("^[a-z][a-z0-9+.-]*://", "");
    if (d.startsWith("@")) {
      d = d.substring(1);
    }
    int slash = d.indexOf('/');
    if (slash >= 0) {
      d = d.substring(0, slash);
    }
    if (d.endsWith(".")) {
      d = d.substring(0, d.length() - 1);
    }
    if (d.startsWith("www.")) {
      d = d.substring(4);
    }
    return DOMAIN.matcher(d).matches() ? d : null;
  }

  static List<Record> read(String dir, String name, Configuration conf, String idColumn, String... others) {
    List<String> columns = new ArrayList<>(List.of(idColumn));
    columns.addAll(List.of(others));
    Path path = new Path(dir, name);
    List<Record> records = new ArrayList<>();
    try {
      FileSystem fs = path.getFileSystem(conf);
      if (!fs.exists(path)) {
        throw new IllegalArgumentException("reference file not found: " + path);
      }
      try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(path), StandardCharsets.UTF_8))) {
        CsvLines lines = new CsvLines(in, name);
        List<String> header = lines.next();
        if (header == null) {
          throw new IllegalArgumentException(name + ": empty file, expected a header row");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
          index.put(header.get(i).trim().replace("\uFEFF", "").toLowerCase(Locale.ROOT), i);
        }
        for (String c : columns) {
          if (!index.containsKey(c)) {
            throw new IllegalArgumentException(name + " line 1: missing column " + c);
          }
        }
        List<String> row;
        while ((row = lines.next()) != null) {
          if (row.stream().allMatch(String::isBlank)) {
            continue; // a blank line, or a row of empty cells as spreadsheets export them
          }
          Map<String, String> values = new HashMap<>();
          for (String c : columns) {
            int i = index.get(c);
            values.put(c, i < row.size() ? row.get(i) : null);
          }
          records.add(new Record(name, lines.lineNumber(), idColumn, values));
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read reference file " + path + ": " + e.getMessage(), e);
    }
    requireUniqueIds(records);
    return records;
  }

  /** A duplicate id is an error naming both rows. */
  static void requireUniqueIds(List<Record> records) {
    Map<String, Integer> firstLineOfId = new HashMap<>();
    for (Record record : records) {
      String id = record.optional(record.idColumn());
      Integer first = id == null ? null : firstLineOfId.putIfAbsent(id, record.line());
      if (first != null) {
        throw new IllegalArgumentException(record.where() + ": duplicate " + record.idColumn() + " " + id
            + " (first on " + record.unit() + " " + first + ")");
      }
    }
  }

  /** RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks. */
  static final class CsvLines {
    private final BufferedReader in;
    private final String name;
    private int line;
    private int recordStart;

    CsvLines(BufferedReader in, String name) {
      this.in = in;
      this.name = name;
    }

    int lineNumber() {
      return recordStart;
    }

    List<String> next() throws IOException {
      String text = in.readLine();
      if (text == null) {
        return null;
      }
      line++;
      recordStart = line;
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      while (true) {
        for (int i = 0; i < text.length(); i++) {
          char c = text.charAt(i);
          if (quoted) {
            if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
              field.append('"');
              i++;
            } else if (c == '"') {
              quoted = false;
            } else {
              field.append(c);
            }
          } else if (c == '"') {
            quoted = true;
          } else if (c == ',') {
            fields.add(field.toString());
            field.setLength(0);
          } else {
            field.append(c);
          }
        }
        if (!quoted) {
          break;
        }
        String more = in.readLine();
        if (more == null) {
          throw new IllegalArgumentException(name + " line " + recordStart + ": unterminated quoted field");
        }
        line++;
        field.append('\n');
        text = more;
      }
      fields.add(field.toString());
      return fields;
    }
  }
}
