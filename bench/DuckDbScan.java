import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;

/**
 * The comparison bench/run makes: DuckDB, embedded through its JDBC driver with its default
 * threads, reads every raw Gmail file of an input folder in one read_json query and extracts the
 * fields the files ingest lands (ids, history id, internal date, labels, snippet and each header
 * the transform reads), aggregated so that every value is really read. Prints one CSV row.
 *
 * <p>Usage: {@code java -cp duckdb_jdbc.jar DuckDbScan.java INPUT_DIR}
 */
public final class DuckDbScan {
  private static final String[] HEADERS = {"from", "to", "cc", "bcc", "subject", "message-id",
      "in-reply-to", "references", "date"};

  public static void main(String[] args) throws Exception {
    String files = args[0].replace("'", "''") + "/gmail/*/*.json";
    StringBuilder extract = new StringBuilder();
    StringBuilder aggregate = new StringBuilder("count(*) AS messages, count(DISTINCT id) AS ids, "
        + "sum(length(thread_id)) AS thread_ids, max(history_id) AS history_id, max(internal_date) AS internal_date, "
        + "sum(len(label_ids)) AS labels, sum(length(snippet)) AS snippet_chars");
    for (String h : HEADERS) {
      String c = h.replace('-', '_') + "_header";
      extract.append(", list_filter(payload.headers, x -> lower(x.name) = '").append(h)
          .append("')[1].value AS ").append(c);
      aggregate.append(", sum(length(").append(c).append(")) AS ").append(c).append("_chars");
    }
    String sql = "SELECT " + aggregate + " FROM (SELECT id, threadId AS thread_id, "
        + "CAST(historyId AS BIGINT) AS history_id, "
        + "make_timestamp(CAST(internalDate AS BIGINT) * 1000) AS internal_date, labelIds AS label_ids, snippet"
        + extract + " FROM read_json('" + files + "', format = 'auto', columns = {id: 'VARCHAR', "
        + "threadId: 'VARCHAR', historyId: 'VARCHAR', internalDate: 'VARCHAR', labelIds: 'VARCHAR[]', "
        + "snippet: 'VARCHAR', payload: 'STRUCT(headers STRUCT(name VARCHAR, value VARCHAR)[])'}))";
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      ResultSetMetaData meta = r.getMetaData();
      StringBuilder header = new StringBuilder();
      StringBuilder row = new StringBuilder();
      r.next();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        header.append(i > 1 ? "," : "").append(meta.getColumnLabel(i));
        row.append(i > 1 ? "," : "").append(r.getString(i));
      }
      System.out.println(header);
      System.out.println(row);
    }
  }
}
