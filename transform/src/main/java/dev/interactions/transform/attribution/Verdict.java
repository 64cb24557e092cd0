package dev.interactions.transform.attribution;

import dev.interactions.core.spark.RowBuilder;
import java.io.Serializable;
import java.util.List;

/** The decision on one email or meeting and whom it is attributed to. */
public record Verdict(
    String exclusionReason,
    String direction,
    List<String> participants,
    List<String> teamMemberIds,
    List<String> userIds,
    List<String> customerIds,
    List<String> senderUserIds,
    List<String> senderCustomerIds) implements Serializable {

  public boolean synced() {
    return exclusionReason == null;
  }

  /** Sets the decision columns that silver.email_messages and silver.meetings share. */
  public RowBuilder fill(RowBuilder row) {
    return row
        .set("participants", participants)
        .set("direction", direction)
        .set("synced", synced())
        .set("exclusion_reason", exclusionReason)
        .set("team_member_ids", teamMemberIds)
        .set("user_ids", userIds)
        .set("customer_ids", customerIds);
  }
}
