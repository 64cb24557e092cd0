package dev.interactions.core.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RFC 2047 encoded-word decoding of header text. */
public final class EncodedWords {

  private static final Pattern FOLD = Pattern.compile("(?:\r\n|\r|\n)[ \t]+");
  // Encoded text is printable ASCII without '?' and without spaces.
  private static final Pattern WORD =
      Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([\\x21-\\x3E\\x40-\\x7E]*)\\?=");

  private EncodedWords() {
  }

  /**
   * Unfolds the header text and decodes its encoded-words ({@code =?charset?B|Q?text?=}).
   * Whitespace between two adjacent encoded-words is dropped; whitespace next to plain text is kept.
   * An encoded-word with an unknown charset or a malformed body is left as it is.
   *
   * @return the decoded text, or null for null
   */
  public static String decode(String text) {
    if (text == null) {
      return null;
    }
    String s = FOLD.matcher(text).replaceAll(" ");
    if (!s.contains("=?")) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    // Bytes of adjacent words in the same charset are decoded together: senders often split
    // a multi-byte character across two encoded-words.
    ByteArrayOutputStream pending = new ByteArrayOutputStream();
    Charset pendingCharset = null;
    boolean previousDecoded = false;
    int last = 0;
    Matcher m = WORD.matcher(s);
    while (m.find()) {
      String gap = s.substring(last, m.start());
      Charset charset = charset(m.group(1));
      byte[] bytes = charset == null ? null : bytes(m.group(2), m.group(3));
      boolean adjacent = previousDecoded && gap.isBlank();
      if (bytes == null || !adjacent || !charset.equals(pendingCharset)) {
        flush(pending, pendingCharset, out);
      }
      if (!adjacent || bytes == null) {
        out.append(gap);
      }
      if (bytes == null) {
        out.append(m.group());
      } else {
        pending.writeBytes(bytes);
        pendingCharset = charset;
      }
      previousDecoded = bytes != null;
      last = m.end();
    }
    flush(pending, pendingCharset, out);
    return out.append(s, last, s.length()).toString();
  }

  private static void flush(ByteArrayOutputStream pending, Charset charset, StringBuilder out) {
    if (pending.size() > 0) {
      out.append(new String(pending.toByteArray(), charset));
      pending.reset();
    }
  }

  private static Charset charset(String name) {
    int star = name.indexOf('*'); // RFC 2231 language suffix, e.g. UTF-8*en
    try {
      return Charset.forName(star < 0 ? name : name.substring(0, star));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static byte[] bytes(String encoding, String text) {
    if (encoding.equalsIgnoreCase("B")) {
      try {
        return Base64.getDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '_') {
        out.write(' ');
      } else if (c == '=') {
        int hi = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
        int lo = hi < 0 ? -1 : Character.digit(text.charAt(i + 2), 16);
        if (lo < 0) {
          return null;
        }
        out.write(hi << 4 | lo);
        i += 2;
      } else {
        out.write(c);
      }
    }
    return out.toByteArray();
  }
}
