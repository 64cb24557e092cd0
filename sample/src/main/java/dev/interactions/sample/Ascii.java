package dev.interactions.sample;

import java.text.Normalizer;
import java.util.Locale;

/** How names become addresses, and which text needs encoding in a header. */
final class Ascii {
  private Ascii() {}

  /** Lower-case ASCII letters only: how a name becomes the local part of an address. */
  static String fold(String s) {
    String folded = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
        .replace("ø", "o").replace("Ø", "O").replace("ł", "l").replace("Ł", "L")
        .replace("ß", "ss").replace("æ", "ae");
    return folded.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
  }

  static boolean isAscii(String s) {
    return s.chars().allMatch(ch -> ch < 128);
  }
}
