package dev.interactions.sample;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gmail {@code Message} resources: each email is rendered once (its headers are the same in
 * every copy, as the raw RFC 822 message is) and written to every connected mailbox holding it,
 * with that mailbox's own Gmail id, threadId, labels and historyId.
 */
final class GmailMessages {
  /** Per connected mailbox: Gmail ids and historyIds only ever grow. */
  private static final class MailboxState {
    final long idBase;
    long sequence;
    long historyId;

    MailboxState(int index) {
      this.idBase = 0x18f0000000000000L + ((long) index << 44);
      this.historyId = 100_000L * (index + 1);
    }
  }

  private record Copy(TeamMember owner, boolean sent) {}

  private final Cast cast;
  private final Dice dice;
  private final MailHeaders headers;
  private final GmailLabels labels;
  private final ResourceSinks sinks;
  private final Map<String, MailboxState> mailboxes = new HashMap<>(); // lookups only
  private long messages;

  GmailMessages(Cast cast, Dice dice, MailHeaders headers, ResourceSinks sinks) {
    this.cast = cast;
    this.dice = dice;
    this.headers = headers;
    this.labels = new GmailLabels(dice);
    this.sinks = sinks;
    for (int i = 0; i < cast.connected.size(); i++) {
      mailboxes.put(cast.connected.get(i).email(), new MailboxState(i));
    }
  }

  /** Distinct emails sent so far. */
  long messages() {
    return messages;
  }

  /** Writes every copy of {@code e} and makes it the conversation's latest message. */
  void send(Conversation conv, Email e) throws IOException {
    List<Copy> copies = copies(e);
    if (copies.isEmpty()) {
      return; // no connected mailbox holds it: it does not exist for the pipeline
    }
    long n = ++messages;
    // A few messages carry no Message-ID (some old mailers): keyed per mailbox downstream.
    String messageId = n % 71 == 17 ? null : headers.messageId(e.from.email(), n);
    String subject = headers.subject(conv);
    String body = body(conv, e);
    List<String[]> headerList = headers.headers(conv, e, messageId, subject);
    String snippet = snippet(body);
    int size = body.getBytes(StandardCharsets.UTF_8).length;
    int sizeEstimate = size + headerLength(headerList) + 1800 + dice.nextInt(1200);
    String data = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(body.getBytes(StandardCharsets.UTF_8));

    long sentAt = conv.time.toEpochMilli();
    for (Copy c : copies) {
      String mailbox = c.owner().email();
      MailboxState box = mailboxes.get(mailbox);
      String id = String.format("%016x", box.idBase + (++box.sequence << 12) + dice.nextInt(4096));
      String threadId = conv.threadIds.computeIfAbsent(mailbox, k -> id);
      List<String> labelIds = labels.of(e.kind, c.sent());
      box.historyId += 1 + dice.nextInt(40);
      long historyId = box.historyId;
      long internalDate = c.sent() ? sentAt : sentAt + 1000 + dice.nextInt(6000);
      sinks.write(mailbox, g -> {
        g.writeStartObject();
        g.writeStringField("id", id);
        g.writeStringField("threadId", threadId);
        g.writeArrayFieldStart("labelIds");
        for (String l : labelIds) {
          g.writeString(l);
        }
        g.writeEndArray();
        g.writeStringField("snippet", snippet);
        g.writeStringField("historyId", Long.toString(historyId));
        g.writeStringField("internalDate", Long.toString(internalDate));
        g.writeNumberField("sizeEstimate", sizeEstimate);
        g.writeObjectFieldStart("payload");
        g.writeStringField("partId", "");
        g.writeStringField("mimeType", "text/plain");
        g.writeStringField("filename", "");
        g.writeArrayFieldStart("headers");
        if (!c.sent()) {
          header(g, "Delivered-To", mailbox);
        }
        for (String[] h : headerList) {
          if (c.sent() || !h[0].equals("Bcc")) { // Bcc survives only in the sender's copy
            header(g, h[0], h[1]);
          }
        }
        g.writeEndArray();
        g.writeObjectFieldStart("body");
        g.writeNumberField("size", size);
        g.writeStringField("data", data);
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
      });
    }
    if (messageId != null) {
      conv.messageIds.add(messageId);
    }
    conv.lastMessageId = messageId;
    conv.lastTime = conv.time;
    conv.lastLine = e.line;
    conv.lastFrom = e.from;
  }

  /** The sender's mailbox (SENT) first, then each recipient's, once per mailbox. */
  private List<Copy> copies(Email e) {
    List<Copy> out = new ArrayList<>();
    Set<String> seen = new HashSet<>(); // lookups only
    for (TeamMember m : cast.mailboxesReachedBy(e.from.email())) {
      if (m.connected() && seen.add(m.email())) {
        out.add(new Copy(m, true));
      }
    }
    if (e.kind == Email.Kind.DRAFT) {
      return out;
    }
    List<TeamMember> reached = new ArrayList<>();
    for (Addr a : e.recipients()) {
      reached.addAll(cast.mailboxesReachedBy(a.email()));
    }
    reached.addAll(e.quietlyTo);
    for (TeamMember m : reached) {
      if (m.connected() && seen.add(m.email())) {
        out.add(new Copy(m, false));
      }
    }
    return out;
  }

  private static String body(Conversation conv, Email e) {
    StringBuilder sb = new StringBuilder();
    if (e.kind != Email.Kind.NEWSLETTER) {
      sb.append("Hi ").append(e.to.isEmpty() ? "team" : e.to.get(0).firstName()).append(",\n\n");
    }
    sb.append(e.line).append("\n\n");
    sb.append(e.kind == Email.Kind.NEWSLETTER ? "Unsubscribe: https://some-saas.example/u"
        : "Best,\n" + e.from.firstName()).append('\n');
    if (conv.isReply()) {
      sb.append("\nOn ").append(MailHeaders.RFC_5322.format(conv.lastTime.atZone(ZoneOffset.UTC)))
          .append(", ").append(conv.lastFrom.email()).append(" wrote:\n> ")
          .append(conv.lastLine).append('\n');
    }
    return sb.toString();
  }

  /** Gmail's snippet: the start of the text on one line, HTML-escaped. */
  private static String snippet(String body) {
    String text = body.replaceAll("\\s+", " ").trim();
    text = text.length() > 100 ? text.substring(0, 100) : text;
    return text.replace("&", "&amp;").replace("'", "&#39;").replace("<", "&lt;")
        .replace(">", "&gt;");
  }

  private static int headerLength(List<String[]> headers) {
    int n = 0;
    for (String[] h : headers) {
      n += h[0].length() + h[1].length() + 4;
    }
    return n;
  }

  private static void header(JsonGenerator g, String name, String value) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", name);
    g.writeStringField("value", value);
    g.writeEndObject();
  }
}
