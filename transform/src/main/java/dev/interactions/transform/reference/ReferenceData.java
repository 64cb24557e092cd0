package dev.interactions.transform.reference;

import java.io.Serializable;
import java.util.List;

/**
 * Team members, customer contacts ("users") and customers, as given by the reference CSVs, with
 * the untidy values that were read past (each becomes a reference warning, never a stop).
 */
public record ReferenceData(List<TeamMember> teamMembers, List<User> users, List<Customer> customers,
    List<Issue> issues) implements Serializable {

  public ReferenceData(List<TeamMember> teamMembers, List<User> users, List<Customer> customers) {
    this(teamMembers, users, customers, List.of());
  }

  public record TeamMember(String id, String email, List<String> aliases) implements Serializable {}

  /** A customer contact; {@code email} is null when the CRM has none (or none that is an address). */
  public record User(String id, String email, String customerId) implements Serializable {}

  public record Customer(String id, String name, List<String> domains) implements Serializable {}

  /** A value that was ignored while reading, with the row's id and what was wrong. */
  public record Issue(String kind, String subject, String detail) implements Serializable {}
}
