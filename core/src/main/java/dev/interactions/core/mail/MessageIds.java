package dev.interactions.core.mail;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Message-ID, In-Reply-To and References header values. */
public final class MessageIds {

  private static final Pattern BRACKETED = Pattern.compile("<([^<>]*)>");
  private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");

  private MessageIds() {
  }

  /**
   * The key of a Message-ID value: trimmed, without the enclosing angle brackets and the whitespace
   * around them; otherwise exact, case included (ids are case-sensitive).
   *
   * @return the id, or null when blank
   */
  public static String normalize(String raw) {
    if (raw == null) {
      return null;
    }
    String id = raw.strip();
    if (id.startsWith("<")) {
      id = id.substring(1);
    }
    if (id.endsWith(">")) {
      id = id.substring(0, id.length() - 1);
    }
    id = id.strip();
    return id.isEmpty() ? null : id;
  }

  /**
   * The ids of an In-Reply-To or References value, normalised, in order and without duplicates. Every
   * {@code <...>} token counts; a value without any angle bracket is split on whitespace and commas and
   * the tokens containing {@code @} are kept.
   *
   * @return the ids, empty for null or garbage
   */
  public static List<String> parseList(String headerValue) {
    if (headerValue == null) {
      return List.of();
    }
    Set<String> ids = new LinkedHashSet<>();
    if (headerValue.indexOf('<') >= 0 || headerValue.indexOf('>') >= 0) {
      Matcher m = BRACKETED.matcher(headerValue);
      while (m.find()) {
        add(ids, m.group(1));
      }
    } else {
      for (String token : SEPARATORS.split(headerValue)) {
        if (token.indexOf('@') >= 0) {
          add(ids, token);
        }
      }
    }
    return new ArrayList<>(ids);
  }

  private static void add(Set<String> ids, String raw) {
    String id = normalize(raw);
    if (id != null) {
      ids.add(id);
    }
  }
}
