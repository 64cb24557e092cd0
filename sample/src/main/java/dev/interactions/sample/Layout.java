package dev.interactions.sample;

import java.util.Locale;

/** How generated resources are laid out in files. */
public enum Layout {
  /** One Gmail message a file, one Calendar events list page a file, as dump tools write them. */
  FILES,
  /** Rolling {@code .jsonl} files, one resource a line. */
  JSONL;

  /** {@code files} or {@code jsonl}. */
  public static Layout parse(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
