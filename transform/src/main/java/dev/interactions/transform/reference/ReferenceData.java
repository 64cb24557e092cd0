package dev.interactions.transform.reference;

import java.io.Serializable;
import java.util.List;

/** Team members, customer contacts ("users") and customers, as given by the reference CSVs. */
public record ReferenceData(List<TeamMember> teamMembers, List<User> users, List<Customer> customers)
    implements Serializable {

  public record TeamMember(String id, String email, List<String> aliases) implements Serializable {}

  public record User(String id, String email, String customerId) implements Serializable {}

  public record Customer(String id, String name, List<String> domains) implements Serializable {}
}
