package dev.interactions.sample;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** An email's headers as mail clients write them: addresses, encoded names, Message-IDs. */
final class MailHeaders {
  static final DateTimeFormatter RFC_5322 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH);
  private static final String HEX = "0123456789abcdef";
  private static final String TOKEN =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+";

  private final Dice dice;

  MailHeaders(Dice dice) {
    this.dice = dice;
  }

  /** Header order as Gmail shows a message from a Google Workspace sender. */
  List<String[]> headers(Conversation conv, Email e, String messageId, String subject) {
    List<String[]> h = new ArrayList<>();
    h.add(new String[] {"MIME-Version", "1.0"});
    h.add(new String[] {"Date", RFC_5322.format(conv.time.atZone(e.from.zone()))});
    if (!conv.messageIds.isEmpty()) {
      h.add(new String[] {"References", String.join(" ", conv.messageIds)});
    }
    if (conv.lastMessageId != null) {
      h.add(new String[] {"In-Reply-To", conv.lastMessageId});
    }
    if (messageId != null) {
      // Some mailers spell it Message-Id: header names are case-insensitive.
      String name = messageId.endsWith(".com>") ? "Message-ID" : "Message-Id";
      h.add(new String[] {name, messageId});
    }
    String encodedSubject = Ascii.isAscii(subject) ? subject : encodedWord(subject, false);
    h.add(new String[] {"Subject", encodedSubject});
    h.add(new String[] {"From", render(e.from)});
    String to = e.toHeader != null ? e.toHeader : renderAll(e.to);
    if (!to.isEmpty()) {
      h.add(new String[] {"To", to});
    }
    if (!e.cc.isEmpty()) {
      h.add(new String[] {"Cc", renderAll(e.cc)});
    }
    if (!e.bcc.isEmpty()) {
      h.add(new String[] {"Bcc", renderAll(e.bcc)});
    }
    h.add(new String[] {"Content-Type", "text/plain; charset=\"UTF-8\""});
    return h;
  }

  /** Message-IDs in the styles of Gmail, Amazon SES and generic MTAs; unique via {@code n}. */
  String messageId(String from, long n) {
    String domain = from.substring(from.indexOf('@') + 1);
    if (domain.equals(Cast.COMPANY_DOMAIN) || domain.equals("gmail.com")) {
      return "<CA" + token(40) + "@mail.gmail.com>";
    }
    if (domain.endsWith(".example")) {
      return "<0100019" + hex(9) + "-" + hex(8) + "-" + hex(4) + "-" + hex(12)
          + "-000000@email.amazonses.com>";
    }
    return "<" + hex(12) + "." + n + ".m" + token(6) + "@" + domain + ">";
  }

  /** The subject line, with the reply prefix some client put in front of it. */
  String subject(Conversation conv) {
    if (!conv.isReply()) {
      return conv.subject;
    }
    int r = dice.nextInt(100);
    String prefix = r < 85 ? "Re: " : r < 93 ? "RE: " : r < 97 ? "AW: " : "Re: Re: ";
    return prefix + conv.subject;
  }

  String renderAll(List<Addr> addrs) {
    StringBuilder sb = new StringBuilder();
    for (Addr a : addrs) {
      sb.append(sb.length() == 0 ? "" : ", ").append(render(a));
    }
    return sb.toString();
  }

  private String render(Addr a) {
    // Some clients and typists shout addresses: the pipeline lower-cases them.
    String email = dice.nextInt(25) == 0 ? a.email().toUpperCase(Locale.ROOT) : a.email();
    Person p = a.person();
    if (p == null || p.displayName().isEmpty()) {
      return email;
    }
    switch (p.style()) {
      case NAME:
        return quoteIfNeeded(p.displayName()) + " <" + email + ">";
      case LAST_FIRST:
        return "\"" + p.last() + ", " + p.first() + "\" <" + email + ">";
      case ENCODED:
        return encodedWord(p.displayName(), p.email().length() % 2 == 0) + " <" + email + ">";
      default:
        return email;
    }
  }

  private String hex(int n) {
    return dice.characters(HEX, n);
  }

  private String token(int n) {
    return dice.characters(TOKEN, n);
  }

  /** An RFC 2047 encoded-word, B (base64) or Q (quoted-printable-like) encoded. */
  private static String encodedWord(String text, boolean base64) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (base64) {
      return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(bytes) + "?=";
    }
    StringBuilder sb = new StringBuilder("=?utf-8?Q?");
    for (byte b : bytes) {
      int c = b & 0xff;
      if (c == ' ') {
        sb.append('_');
      } else if (c < 128 && Character.isLetterOrDigit(c)) {
        sb.append((char) c);
      } else {
        sb.append('=').append(String.format("%02X", c));
      }
    }
    return sb.append("?=").toString();
  }

  /** Display names with specials must be a quoted string (RFC 5322). */
  private static String quoteIfNeeded(String name) {
    for (char c : name.toCharArray()) {
      if ("()<>[]:;@\\,.\"".indexOf(c) >= 0) {
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
      }
    }
    return name;
  }
}
