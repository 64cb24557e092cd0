package dev.interactions.core.mail;

import java.util.regex.Pattern;

/** Subject line helpers for threading messages by topic. */
public final class Subjects {

  // Re, Fwd, Fw, AW (German), SV (Nordic), each optionally with a counter such as Re[2].
  private static final Pattern PREFIXES =
      Pattern.compile("^\\s*(?:(?:re|fwd?|aw|sv)\\s*(?:\\[\\d+\\])?\\s*:\\s*)+", Pattern.CASE_INSENSITIVE);

  private Subjects() {
  }

  /**
   * Removes the leading reply and forward prefixes ({@code Re:}, {@code Fwd:}, {@code Fw:}, {@code AW:},
   * {@code SV:}, {@code Re[2]:}, repeated and in any case) and trims the rest. The subject must already be
   * decoded. A subject made only of prefixes becomes the empty string.
   *
   * @return the stripped subject, or null for null
   */
  public static String stripReplyPrefixes(String subject) {
    if (subject == null) {
      return null;
    }
    return PREFIXES.matcher(subject).replaceFirst("").trim();
  }
}
