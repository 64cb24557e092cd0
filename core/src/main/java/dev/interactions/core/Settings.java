package dev.interactions.core;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The attribution settings of a transform run, validated before Spark starts. {@code metrics}
 * reads the copy that {@code transform} keeps in silver.settings.
 */
public record Settings(SyncTo syncTo, boolean includeThirdPartySenders, Set<String> internalDomains,
    Set<String> publicMailDomains) implements Serializable {

  /** What a known contact is: a user's exact email, or an address on a customer's domain. */
  public enum SyncTo {
    USERS, CUSTOMERS;

    public static SyncTo parse(String value) {
      for (SyncTo s : values()) {
        if (s.name().equalsIgnoreCase(value.trim())) {
          return s;
        }
      }
      throw new IllegalArgumentException("sync-to must be users or customers, not '" + value + "'");
    }

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Public mail providers: never internal, never a customer domain. */
  public static final Set<String> DEFAULT_PUBLIC_MAIL_DOMAINS =
      Set.of("gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com",
          "icloud.com", "me.com", "mac.com", "aol.com", "proton.me", "protonmail.com", "gmx.com", "gmx.de",
          "web.de", "yandex.com", "mail.com", "zoho.com");

  public Settings {
    internalDomains = domains(internalDomains, "internal domain");
    publicMailDomains = domains(publicMailDomains, "public mail domain");
  }

  public static Settings defaults() {
    return new Settings(SyncTo.USERS, false, Set.of(), DEFAULT_PUBLIC_MAIL_DOMAINS);
  }

  public Settings withSyncTo(SyncTo value) {
    return new Settings(value, includeThirdPartySenders, internalDomains, publicMailDomains);
  }

  public Settings withIncludeThirdPartySenders(boolean value) {
    return new Settings(syncTo, value, internalDomains, publicMailDomains);
  }

  public Settings withInternalDomains(Set<String> value) {
    return new Settings(syncTo, includeThirdPartySenders, value, publicMailDomains);
  }

  public Settings withExtraPublicMailDomains(Set<String> extra) {
    Set<String> all = new TreeSet<>(publicMailDomains);
    all.addAll(domains(extra, "public mail domain"));
    return new Settings(syncTo, includeThirdPartySenders, internalDomains, all);
  }

  /** Comma-separated domains from an option or config value; blanks ignored. */
  public static Set<String> parseDomains(String csv) {
    Set<String> out = new TreeSet<>();
    if (csv != null) {
      for (String d : csv.split("[,;\\s]+")) {
        if (!d.isBlank()) {
          out.add(d);
        }
      }
    }
    return out;
  }

  private static Set<String> domains(Set<String> values, String what) {
    TreeSet<String> out = new TreeSet<>();
    for (String raw : values == null ? List.<String>of() : values) {
      String d = raw.trim().toLowerCase(Locale.ROOT);
      if (d.startsWith("@")) {
        d = d.substring(1);
      }
      if (!d.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")) {
        throw new IllegalArgumentException("not a valid " + what + ": '" + raw + "'");
      }
      out.add(d);
    }
    return java.util.Collections.unmodifiableSortedSet(out);
  }
}
