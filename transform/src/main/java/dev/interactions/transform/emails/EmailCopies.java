package dev.interactions.transform.emails;

import static dev.interactions.core.spark.Seqs.seq;

import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import dev.interactions.core.mail.Address;
import dev.interactions.core.mail.Addresses;
import dev.interactions.core.mail.EncodedWords;
import dev.interactions.core.mail.MessageIds;
import java.sql.Timestamp;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Step 1 of the email decisions: each mailbox copy of bronze.gmail_messages with its headers
 * parsed (addresses normalised, RFC 2047 decoded, Message-IDs extracted). Plain Java in
 * mapPartitions: header parsing is procedural and unit-tested without Spark.
 */
public final class EmailCopies {
  static final StructType SCHEMA = new StructType()
      .add("message_key", StringType)
      .add("rfc822_message_id", StringType)
      .add("mailbox", StringType)
      .add("gmail_id", StringType)
      .add("thread_key", StringType)
      .add("internal_date", TimestampType)
      .add("label_ids", DataTypes.createArrayType(StringType))
      .add("from_address", StringType)
      .add("from_name", StringType)
      .add("subject", StringType)
      .add("snippet", StringType)
      .add("to_addresses", DataTypes.createArrayType(StringType))
      .add("cc_addresses", DataTypes.createArrayType(StringType))
      .add("bcc_addresses", DataTypes.createArrayType(StringType))
      .add("reply_to_ids", DataTypes.createArrayType(StringType));

  private static final String[] INPUT = {"mailbox", "id", "thread_id", "internal_date", "label_ids", "snippet",
      "from_header", "to_header", "cc_header", "bcc_header", "subject_header", "message_id_header",
      "in_reply_to_header", "references_header", "date_header"};

  private EmailCopies() {}

  /** bronze.gmail_messages to parsed copies. */
  public static Dataset<Row> parse(Dataset<Row> bronze) {
    Column[] cols = java.util.Arrays.stream(INPUT).map(functions::col).toArray(Column[]::new);
    return bronze.select(cols).mapPartitions(
        (org.apache.spark.api.java.function.MapPartitionsFunction<Row, Row>) rows -> new java.util.Iterator<>() {
          @Override
          public boolean hasNext() {
            return rows.hasNext();
          }

          @Override
          public Row next() {
            return parseCopy(rows.next());
          }
        },
        Encoders.row(SCHEMA));
  }

  /** The key of a message: its Message-ID, or mailbox and Gmail id when it has none. */
  public static String messageKey(String rfc822Id, String mailbox, String gmailId) {
    return rfc822Id != null ? rfc822Id : "gmail:" + mailbox + ":" + gmailId;
  }

  static Row parseCopy(Row in) {
    String mailbox = in.getString(0);
    String gmailId = in.getString(1);
    String rfc822Id = MessageIds.normalize(in.getString(11));
    List<Address> from = Addresses.parseList(in.getString(6));
    Timestamp internalDate = (Timestamp) in.get(3);
    if (internalDate == null) {
      internalDate = parseDate(in.getString(14));
    }
    LinkedHashSet<String> replyTo = new LinkedHashSet<>(MessageIds.parseList(in.getString(12)));
    replyTo.addAll(MessageIds.parseList(in.getString(13)));
    return RowFactory.create(
        messageKey(rfc822Id, mailbox, gmailId),
        rfc822Id,
        mailbox,
        gmailId,
        in.getString(2) == null ? null : mailbox + "/" + in.getString(2),
        internalDate,
        in.get(4),
        from.isEmpty() ? null : from.get(0).email(),
        from.isEmpty() ? null : from.get(0).displayName(),
        EncodedWords.decode(in.getString(10)),
        in.getString(5),
        emails(in.getString(7)),
        emails(in.getString(8)),
        emails(in.getString(9)),
        seq(new ArrayList<>(replyTo)));
  }

  private static scala.collection.immutable.Seq<String> emails(String header) {
    List<String> out = new ArrayList<>();
    for (Address a : Addresses.parseList(header)) {
      out.add(a.email());
    }
    return seq(out);
  }

  /** The Date header, for a copy without internalDate; null when unreadable. */
  static Timestamp parseDate(String header) {
    if (header == null) {
      return null;
    }
    String cleaned = header.replaceAll("\\s*\\([^)]*\\)\\s*$", "").trim();
    try {
      return Timestamp.from(ZonedDateTime.parse(cleaned, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
