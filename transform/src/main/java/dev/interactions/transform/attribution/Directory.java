package dev.interactions.transform.attribution;

import dev.interactions.core.Settings;
import dev.interactions.core.Settings.SyncTo;
import dev.interactions.core.mail.Addresses;
import dev.interactions.transform.reference.ReferenceData;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who an address is, per SPEC.md "Addresses": a team member address, internal, a known contact,
 * and which users and customers it belongs to. Built once on the driver from the reference data
 * and the settings, then broadcast to the executors.
 */
public final class Directory implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Settings settings;
  private final Map<String, String> teamMemberByAddress = new HashMap<>();
  private final Set<String> internalDomains = new TreeSet<>();
  private final Map<String, List<String>> usersByEmail = new HashMap<>();
  private final Map<String, List<String>> customersByDomain = new HashMap<>();
  private final Map<String, String> customerOfUser = new HashMap<>();
  private final List<ReferenceWarning> warnings = new ArrayList<>();

  /** A data-quality finding about the reference data, kept in silver.reference_warnings. */
  public record ReferenceWarning(String kind, String subject, String detail) implements Serializable {}

  public Directory(ReferenceData reference, Settings settings) {
    this.settings = settings;
    for (ReferenceData.Issue issue : reference.issues()) {
      warnings.add(new ReferenceWarning(issue.kind(), issue.subject(), issue.detail()));
    }
    for (ReferenceData.TeamMember t : reference.teamMembers()) {
      List<String> addresses = new ArrayList<>();
      addresses.add(t.email());
      addresses.addAll(t.aliases());
      for (String a : addresses) {
        String previous = teamMemberByAddress.putIfAbsent(a, t.id());
        if (previous != null && !previous.equals(t.id())) {
          warnings.add(new ReferenceWarning("address_on_several_team_members", a,
              "kept on " + previous + ", ignored on " + t.id()));
        }
        String domain = Addresses.domainOf(a);
        // A team member's gmail.com alias is internal as that one address only.
        if (domain != null && !isPublicMailDomain(domain)) {
          internalDomains.add(domain);
        }
      }
    }
    internalDomains.addAll(settings.internalDomains());

    Map<String, List<String>> usersOfEmail = new TreeMap<>();
    for (ReferenceData.User u : reference.users()) {
      if (u.customerId() != null) {
        customerOfUser.put(u.id(), u.customerId());
      }
      if (u.email() == null) {
        // Kept: it still has its metric rows, but no address can be attributed to it.
        warnings.add(new ReferenceWarning("user_without_email", u.id(), "has no email address; it matches no address"));
        continue;
      }
      if (isInternal(u.email())) {
        warnings.add(new ReferenceWarning("internal_user_email", u.id(),
            u.email() + " is internal and never counts as a customer contact"));
        continue;
      }
      usersOfEmail.computeIfAbsent(u.email(), k -> new ArrayList<>()).add(u.id());
    }
    usersOfEmail.forEach((email, ids) -> {
      usersByEmail.put(email, List.copyOf(ids));
      if (ids.size() > 1) {
        warnings.add(new ReferenceWarning("email_on_several_users", email,
            "belongs to users " + String.join(", ", ids)));
      }
    });

    Map<String, String> customerIds = new LinkedHashMap<>();
    for (ReferenceData.Customer c : reference.customers()) {
      customerIds.put(c.id(), c.name());
      boolean matchable = false;
      for (String domain : c.domains()) {
        if (isPublicMailDomain(domain)) {
          warnings.add(new ReferenceWarning("public_mail_customer_domain", c.id(),
              domain + " is a public mail provider and is ignored as a customer domain"));
        } else if (internalDomains.contains(domain)) {
          warnings.add(new ReferenceWarning("internal_customer_domain", c.id(),
              domain + " is an internal domain and is ignored as a customer domain"));
        } else {
          customersByDomain.computeIfAbsent(domain, k -> new ArrayList<>()).add(c.id());
          matchable = true;
        }
      }
      if (!matchable && settings.syncTo() == SyncTo.CUSTOMERS) {
        warnings.add(new ReferenceWarning("customer_without_domains", c.id(),
            "has no domain to match addresses on; in mode customers no address belongs to it"));
      }
    }
    for (ReferenceData.User u : reference.users()) {
      if (u.customerId() != null && !customerIds.containsKey(u.customerId())) {
        warnings.add(new ReferenceWarning("unknown_customer", u.id(),
            "customer_id " + u.customerId() + " is not in customers.csv"));
      }
    }
  }

  public Settings settings() {
    return settings;
  }

  public List<ReferenceWarning> warnings() {
    return List.copyOf(warnings);
  }

  public Set<String> internalDomains() {
    return Set.copyOf(internalDomains);
  }

  public boolean isPublicMailDomain(String domain) {
    return settings.publicMailDomains().contains(domain);
  }

  /** The team member whose email or alias this is, or null. */
  public String teamMemberOf(String address) {
    return teamMemberByAddress.get(address);
  }

  public boolean isTeamAddress(String address) {
    return teamMemberByAddress.containsKey(address);
  }

  /** A team member address, or an address in (or below) an internal domain. */
  public boolean isInternal(String address) {
    if (isTeamAddress(address)) {
      return true;
    }
    for (String d = Addresses.domainOf(address); d != null; d = parentDomain(d)) {
      if (internalDomains.contains(d)) {
        return true;
      }
    }
    return false;
  }

  /** Users whose email is exactly this external address (all of them); both modes. */
  public List<String> usersOf(String address) {
    if (isInternal(address)) {
      return List.of();
    }
    return usersByEmail.getOrDefault(address, List.of());
  }

  /** Customers on this address's most specific matching domain (not for internal addresses). */
  public List<String> customersByDomainOf(String address) {
    if (isInternal(address)) {
      return List.of();
    }
    for (String d = Addresses.domainOf(address); d != null; d = parentDomain(d)) {
      List<String> ids = customersByDomain.get(d);
      if (ids != null) {
        return ids;
      }
    }
    return List.of();
  }

  /** A known contact: the condition for syncing, depending on the sync-to mode. */
  public boolean isKnownContact(String address) {
    return settings.syncTo() == SyncTo.USERS ? !usersOf(address).isEmpty() : !customersByDomainOf(address).isEmpty();
  }

  /** The customers an address stands for: its users' customers, or its domain's customers. */
  public List<String> customersOf(String address) {
    if (settings.syncTo() == SyncTo.CUSTOMERS) {
      return customersByDomainOf(address);
    }
    List<String> out = new ArrayList<>();
    for (String user : usersOf(address)) {
      String customer = customerOfUser.get(user);
      if (customer != null && !out.contains(customer)) {
        out.add(customer);
      }
    }
    return out;
  }

  private static String parentDomain(String domain) {
    int dot = domain.indexOf('.');
    // Stop before a bare top-level domain: "com" is nobody's domain.
    return dot < 0 || domain.indexOf('.', dot + 1) < 0 ? null : domain.substring(dot + 1);
  }
}
