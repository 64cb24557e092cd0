package dev.interactions.transform.incremental;

import dev.interactions.core.Settings;
import dev.interactions.core.privacy.Suppressions;
import dev.interactions.transform.reference.ReferenceData;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What every email and meeting decision depends on besides bronze: the settings, the reference
 * data, the suppression list and the rules themselves. When their fingerprint is the one the last
 * transform saw, only the messages that changed in bronze can decide differently.
 */
public final class DecisionInputs {
  /** Raise when a rule changes how a message is decided or threaded: the next night recomputes all. */
  static final String RULES_VERSION = "1";

  private DecisionInputs() {}

  /**
   * A SHA-256 over a text of the inputs. The order the CRM or database lists its rows in does not
   * count; a reordered list within a row (aliases, domains) does, which costs at worst a full night.
   */
  public static String fingerprint(ReferenceData reference, Settings settings, Suppressions suppressed) {
    List<String> lines = new ArrayList<>();
    lines.add("rules|" + RULES_VERSION + "|" + Objects.toString(
        DecisionInputs.class.getPackage().getImplementationVersion(), "dev"));
    lines.add("settings|" + settings.syncTo().label() + "|" + settings.includeThirdPartySenders() + "|"
        + new TreeSet<>(settings.internalDomains()) + "|" + new TreeSet<>(settings.publicMailDomains()));
    reference.teamMembers().forEach(t -> lines.add("team_member|" + t.id() + "|" + t.email() + "|"
        + t.aliases()));
    reference.users().forEach(u -> lines.add("user|" + u.id() + "|" + u.email() + "|" + u.customerId()));
    reference.customers().forEach(c -> lines.add("customer|" + c.id() + "|" + c.name() + "|"
        + c.domains()));
    suppressed.sortedHashes().forEach(h -> lines.add("suppressed|" + h));
    // The rules line stays first; the rest in a fixed order.
    List<String> sorted = new ArrayList<>(lines.subList(0, 2));
    sorted.addAll(lines.subList(2, lines.size()).stream().sorted().toList());
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String line : sorted) {
        sha.update(line.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
