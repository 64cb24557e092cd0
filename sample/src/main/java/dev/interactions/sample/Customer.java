package dev.interactions.sample;

import java.time.ZoneId;
import java.util.List;

/** A customer; {@code partner} (a second team member on the account) may be null. */
record Customer(
    String id,
    String name,
    List<String> domains,
    ZoneId zone,
    TeamMember owner,
    TeamMember partner,
    List<User> users) {}
