package dev.interactions.ingest.google.fake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;

/**
 * Real-shaped Gmail {@code Message} (format full: a multipart/alternative payload with headers and
 * base64url bodies) and Calendar {@code Event} resources for the fake to serve.
 */
public final class FakeResources {
  private FakeResources() {}

  /** A message as Gmail stores it; the fake assigns historyId when it is added. */
  public static ObjectNode message(String id, String threadId, Instant sent, List<String> labels, String from,
      String to, String cc, String subject, String messageId, String inReplyTo) {
    ObjectNode m = FakeHttp.JSON.createObjectNode();
    m.put("id", id);
    m.put("threadId", threadId);
    ArrayNode l = m.putArray("labelIds");
    labels.forEach(l::add);
    String text = "Hi, following up on " + subject + ".";
    m.put("snippet", text);
    m.put("sizeEstimate", 2048 + text.length());
    m.put("internalDate", Long.toString(sent.toEpochMilli()));
    ObjectNode payload = m.putObject("payload");
    payload.put("partId", "");
    payload.put("mimeType", "multipart/alternative");
    payload.put("filename", "");
    ArrayNode headers = payload.putArray("headers");
    header(headers, "Received", "by 2002:a05:6358:1234 with SMTP id abc; "
        + DateTimeFormatter.RFC_1123_DATE_TIME.format(sent.atOffset(ZoneOffset.UTC)));
    header(headers, "MIME-Version", "1.0");
    header(headers, "Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(sent.atOffset(ZoneOffset.UTC)));
    header(headers, "Message-ID", "<" + messageId + ">");
    if (inReplyTo != null) {
      header(headers, "In-Reply-To", "<" + inReplyTo + ">");
      header(headers, "References", "<" + inReplyTo + ">");
    }
    header(headers, "Subject", subject);
    header(headers, "From", from);
    header(headers, "To", to);
    if (cc != null) {
      header(headers, "Cc", cc);
    }
    header(headers, "Content-Type", "multipart/alternative; boundary=\"000000000000abcdef\"");
    payload.putObject("body").put("size", 0);
    ArrayNode parts = payload.putArray("parts");
    parts.add(part("0", "text/plain", text));
    parts.add(part("1", "text/html", "<div dir=\"ltr\">" + text + "</div>"));
    return m;
  }

  private static ObjectNode part(String partId, String mimeType, String content) {
    ObjectNode p = FakeHttp.JSON.createObjectNode();
    p.put("partId", partId);
    p.put("mimeType", mimeType);
    p.put("filename", "");
    ArrayNode h = p.putArray("headers");
    header(h, "Content-Type", mimeType + "; charset=\"UTF-8\"");
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    ObjectNode body = p.putObject("body");
    body.put("size", bytes.length);
    body.put("data", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    return p;
  }

  private static void header(ArrayNode headers, String name, String value) {
    ObjectNode h = headers.addObject();
    h.put("name", name);
    h.put("value", value);
  }

  /** A timed event (or, with {@code recurringEventId}, one expanded instance) with attendees. */
  public static ObjectNode event(String id, String iCalUid, Instant start, Instant end, Instant updated,
      String summary, String organizer, List<String> attendees, String recurringEventId) {
    ObjectNode e = FakeHttp.JSON.createObjectNode();
    e.put("kind", "calendar#event");
    e.put("etag", "\"" + updated.toEpochMilli() + "\"");
    e.put("id", id);
    e.put("status", "confirmed");
    e.put("htmlLink", "https://www.google.com/calendar/event?eid=" + id);
    e.put("created", iso(updated.minusSeconds(86_400)));
    e.put("updated", iso(updated));
    e.put("summary", summary);
    e.putObject("creator").put("email", organizer);
    ObjectNode org = e.putObject("organizer");
    org.put("email", organizer);
    ObjectNode s = e.putObject("start");
    s.put("dateTime", iso(start).replace("Z", "+00:00"));
    s.put("timeZone", "UTC");
    ObjectNode en = e.putObject("end");
    en.put("dateTime", iso(end).replace("Z", "+00:00"));
    en.put("timeZone", "UTC");
    if (recurringEventId != null) {
      e.put("recurringEventId", recurringEventId);
      ObjectNode original = e.putObject("originalStartTime");
      original.put("dateTime", iso(start).replace("Z", "+00:00"));
      original.put("timeZone", "UTC");
    }
    e.put("iCalUID", iCalUid);
    e.put("sequence", 0);
    ArrayNode a = e.putArray("attendees");
    for (String email : attendees) {
      ObjectNode at = a.addObject();
      at.put("email", email);
      if (email.equals(organizer)) {
        at.put("organizer", true);
      }
      at.put("responseStatus", email.equals(organizer) ? "accepted" : "needsAction");
    }
    e.put("eventType", "default");
    return e;
  }

  public static String iso(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
  }
}
