package dev.interactions.sample;

import java.util.ArrayList;
import java.util.List;

/** A team member; {@code companyAlias} and {@code gmailAlias} may be null. */
record TeamMember(
    String id, Person person, String companyAlias, String gmailAlias, boolean connected) {
  String email() {
    return person.email();
  }

  List<String> aliases() {
    List<String> out = new ArrayList<>();
    if (companyAlias != null) {
      out.add(companyAlias);
    }
    if (gmailAlias != null) {
      out.add(gmailAlias);
    }
    return out;
  }
}
