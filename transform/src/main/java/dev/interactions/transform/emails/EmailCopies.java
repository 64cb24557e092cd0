package dev.interactions.transform.emails;

import static dev.interactions.core.spark.RowValues.string;

import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import dev.interactions.core.mail.Address;
import dev.interactions.core.mail.Addresses;
import dev.interactions.core.mail.EncodedWords;
import dev.interactions.core.mail.MessageIds;
import dev.interactions.core.spark.PerRow;
import dev.interactions.core.spark.RowBuilder;
import dev.interactions.core.spark.RowValues;
import java.sql.Timestamp;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Step 1 of the email decisions: each mailbox copy of bronze.gmail_messages with its headers
 * parsed (addresses normalised, RFC 2047 decoded, Message-IDs extracted). Plain Java per row:
 * header parsing is procedural and unit-tested without Spark.
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
      .add("reply_to_ids", DataTypes.createArrayType(StringType))
      .add("retained_decision", StringType)
      .add("retained_direction", StringType);

  private static final String[] INPUT = {"mailbox", "id", "thread_id", "internal_date", "label_ids", "snippet",
      "from_header", "to_header", "cc_header", "bcc_header", "subject_header", "message_id_header",
      "in_reply_to_header", "references_header", "date_header", "retained_decision", "retained_direction"};

  private EmailCopies() {}

  /** bronze.gmail_messages to parsed copies. */
  public static Dataset<Row> parse(Dataset<Row> bronze) {
    Column[] cols = java.util.Arrays.stream(INPUT).map(functions::col).toArray(Column[]::new);
    return PerRow.flatMap(bronze.select(cols), SCHEMA, (in, out) -> out.accept(parseCopy(in)));
  }

  /** The key of a message: its Message-ID, or mailbox and Gmail id when it has none. */
  public static String messageKey(String rfc822Id, String mailbox, String gmailId) {
    return rfc822Id != null ? rfc822Id : "gmail:" + mailbox + ":" + gmailId;
  }

  static Row parseCopy(Row in) {
    String mailbox = string(in, "mailbox");
    String gmailId = string(in, "id");
    String threadId = string(in, "thread_id");
    String rfc822Id = MessageIds.normalize(string(in, "message_id_header"));
    List<Address> from = Addresses.parseList(string(in, "from_header"));
    Timestamp internalDate = RowValues.value(in, "internal_date");
    if (internalDate == null) {
      internalDate = parseDate(string(in, "date_header"));
    }
    LinkedHashSet<String> replyTo = new LinkedHashSet<>(MessageIds.parseList(string(in, "in_reply_to_header")));
    replyTo.addAll(MessageIds.parseList(string(in, "references_header")));
    return RowBuilder.of(SCHEMA)
        .set("message_key", messageKey(rfc822Id, mailbox, gmailId))
        .set("rfc822_message_id", rfc822Id)
        .set("mailbox", mailbox)
        .set("gmail_id", gmailId)
        .set("thread_key", threadId == null ? null : mailbox + "/" + threadId)
        .set("internal_date", internalDate)
        .set("label_ids", RowValues.list(in, "label_ids"))
        .set("from_address", from.isEmpty() ? null : from.get(0).email())
        .set("from_name", from.isEmpty() ? null : from.get(0).displayName())
        .set("subject", EncodedWords.decode(string(in, "subject_header")))
        .set("snippet", string(in, "snippet"))
        .set("to_addresses", emails(string(in, "to_header")))
        .set("cc_addresses", emails(string(in, "cc_header")))
        .set("bcc_addresses", emails(string(in, "bcc_header")))
        .set("reply_to_ids", new ArrayList<>(replyTo))
        .set("retained_decision", string(in, "retained_decision"))
        .set("retained_direction", string(in, "retained_direction"))
        .build();
  }

  private static List<String> emails(String header) {
    List<String> out = new ArrayList<>();
    for (Address a : Addresses.parseList(header)) {
      out.add(a.email());
    }
    return out;
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
