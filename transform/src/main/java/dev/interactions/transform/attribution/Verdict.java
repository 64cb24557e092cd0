package dev.interactions.transform.attribution;

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
}
