package dev.interactions.core.mail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Parsing and normalisation of RFC 5322 address headers (From, To, Cc, Bcc). */
public final class Addresses {

  private Addresses() {
  }

  /**
   * Parses an address-list header value. Accepts display names (quoted or not, RFC 2047-encoded or not),
   * bare and bracketed addresses, comments, groups (members count, the group name does not) and the
   * separators broken clients produce (semicolons, doubled or trailing commas). A bare address's comment,
   * as in {@code a@b.com (Alice)}, serves as its display name. Entries that are not plausible addresses
   * are skipped; it never throws.
   *
   * <p>The result is deduplicated by normalised email: the first occurrence, with its display name, wins.
   *
   * @return the addresses in header order, empty for null or blank input
   */
  public static List<Address> parseList(String headerValue) {
    if (headerValue == null || headerValue.isBlank()) {
      return List.of();
    }
    Map<String, Address> byEmail = new LinkedHashMap<>();
    new Parser(headerValue, byEmail).run();
    return new ArrayList<>(byEmail.values());
  }

  /**
   * Normalises one address: trims it, strips one pair of angle brackets and the whitespace inside them,
   * and lower-cases it. No plus- or dot-folding: {@code a+x@acme.com} stays distinct from {@code a@acme.com}.
   *
   * @return the normalised address, or null when it is not plausible (no {@code @}, empty local part or
   *     domain, whitespace or angle brackets inside)
   */
  public static String normalize(String raw) {
    if (raw == null) {
      return null;
    }
    String s = raw.strip();
    if (s.length() >= 2 && s.startsWith("<") && s.endsWith(">")) {
      s = s.substring(1, s.length() - 1).strip();
    }
    int at = s.lastIndexOf('@');
    if (at <= 0 || at == s.length() - 1) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || c == '<' || c == '>') {
        return null;
      }
    }
    String local = s.substring(0, at);
    // A second '@' is only legal inside a quoted local part.
    if (local.indexOf('@') >= 0 && !(local.length() > 1 && local.startsWith("\"") && local.endsWith("\""))) {
      return null;
    }
    return s.toLowerCase(Locale.ROOT);
  }

  /** The domain of an address: the part after its last {@code @}, or null when there is none. */
  public static String domainOf(String email) {
    if (email == null) {
      return null;
    }
    int at = email.lastIndexOf('@');
    return at < 0 || at == email.length() - 1 ? null : email.substring(at + 1);
  }

  /** A single pass over the header; one mailbox is collected at a time and emitted at a separator. */
  private static final class Parser {
    private final String s;
    private final Map<String, Address> out;
    private int pos;
    private final StringBuilder phrase = new StringBuilder(); // display-name text, quotes removed
    private final StringBuilder raw = new StringBuilder(); // text outside comments, for bare addresses
    private final StringBuilder comment = new StringBuilder();
    private String angle; // content of <...>, null until seen

    Parser(String s, Map<String, Address> out) {
      this.s = s;
      this.out = out;
    }

    void run() {
      while (pos < s.length()) {
        char c = s.charAt(pos);
        // Something after a complete <addr> means the sender forgot the comma.
        if (angle != null && !Character.isWhitespace(c) && c != '(' && c != ',' && c != ';' && c != ':') {
          emit();
        }
        switch (c) {
          case '"' -> quoted();
          case '(' -> comment();
          case '<' -> angle();
          case ',', ';' -> {
            emit();
            pos++;
          }
          case ':' -> {
            // Group start: the text before is the group name, not a mailbox.
            if (angle != null) {
              emit();
            } else {
              reset();
            }
            pos++;
          }
          default -> {
            phrase.append(c);
            raw.append(c);
            pos++;
          }
        }
      }
      emit();
    }

    private void quoted() {
      int start = pos++;
      while (pos < s.length()) {
        char c = s.charAt(pos++);
        if (c == '"') {
          break;
        }
        if (c == '\\' && pos < s.length()) {
          c = s.charAt(pos++);
        }
        phrase.append(c);
      }
      raw.append(s, start, pos);
    }

    private void comment() {
      StringBuilder text = new StringBuilder();
      int depth = 0;
      while (pos < s.length()) {
        char c = s.charAt(pos++);
        if (c == '\\' && pos < s.length()) {
          text.append(s.charAt(pos++));
          continue;
        }
        if (c == '(' && depth++ == 0) {
          continue;
        }
        if (c == ')' && --depth == 0) {
          break;
        }
        text.append(c);
      }
      phrase.append(' ');
      comment.append(' ').append(text);
    }

    private void angle() {
      int end = s.indexOf('>', pos + 1);
      int stop = end < 0 ? s.length() : end;
      angle = s.substring(pos + 1, stop);
      pos = end < 0 ? stop : end + 1;
    }

    private void emit() {
      String email;
      String display;
      if (angle != null) {
        email = normalize(withoutRoute(angle));
        display = text(phrase);
        if (display == null) {
          display = text(comment);
        }
      } else {
        email = bareAddress(raw.toString());
        display = text(comment);
      }
      if (email != null) {
        out.putIfAbsent(email, new Address(email, display));
      }
      reset();
    }

    private void reset() {
      phrase.setLength(0);
      raw.setLength(0);
      comment.setLength(0);
      angle = null;
    }

    /** Drops an obsolete source route ({@code @relay:user@x}) or a {@code mailto:} scheme. */
    private static String withoutRoute(String addr) {
      int colon = addr.lastIndexOf(':');
      return colon < 0 || addr.indexOf('"') >= 0 ? addr : addr.substring(colon + 1);
    }

    /** A bare entry is normally just the address; without brackets, take the last word with an '@'. */
    private static String bareAddress(String text) {
      String[] words = text.strip().split("\\s+");
      for (int i = words.length - 1; i >= 0; i--) {
        String word = words[i];
        if (word.indexOf('@') >= 0) {
          // Some clients quote the whole address: "a@b.com" or 'a@b.com'.
          boolean wrapped = word.length() > 2 && (word.charAt(0) == '"' || word.charAt(0) == '\'')
              && word.charAt(word.length() - 1) == word.charAt(0);
          return normalize(wrapped ? word.substring(1, word.length() - 1) : word);
        }
      }
      return null;
    }

    private static String text(StringBuilder sb) {
      String t = EncodedWords.decode(sb.toString()).replaceAll("\\s+", " ").strip();
      return t.isEmpty() ? null : t;
    }
  }
}
