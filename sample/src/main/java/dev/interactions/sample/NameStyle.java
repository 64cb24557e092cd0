package dev.interactions.sample;

/** How a person's mail client writes their display name. */
enum NameStyle {
  PLAIN, // bare address
  NAME, // First Last <a@b>
  LAST_FIRST, // "Last, First" <a@b>
  ENCODED // RFC 2047 encoded-word, for names that are not ASCII
}
