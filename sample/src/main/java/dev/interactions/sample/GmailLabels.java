package dev.interactions.sample;

import java.util.ArrayList;
import java.util.List;

/** Gmail's labels for one copy of a message; now and then a copy is spam or trash. */
final class GmailLabels {
  private final Dice dice;

  GmailLabels(Dice dice) {
    this.dice = dice;
  }

  List<String> of(Email.Kind kind, boolean sent) {
    if (kind == Email.Kind.DRAFT) {
      return List.of("DRAFT");
    }
    if (sent) {
      return dice.nextInt(5) == 0 ? List.of("SENT", "IMPORTANT") : List.of("SENT");
    }
    int r = dice.nextInt(100);
    List<String> labels = new ArrayList<>();
    switch (kind) {
      case NEWSLETTER:
        if (r < 15) {
          return List.of("SPAM");
        }
        addIf(labels, r < 70, "UNREAD");
        labels.add(r % 2 == 0 ? "CATEGORY_PROMOTIONS" : "CATEGORY_UPDATES");
        break;
      case THIRD_PARTY:
        if (r < 20) {
          return List.of("SPAM", "UNREAD");
        }
        addIf(labels, r < 60, "UNREAD");
        labels.add("CATEGORY_PERSONAL");
        break;
      default:
        if (r < 2) {
          return List.of("SPAM", "CATEGORY_PERSONAL");
        }
        if (r < 5) {
          return List.of("TRASH", "CATEGORY_PERSONAL");
        }
        addIf(labels, r < 30, "UNREAD");
        addIf(labels, kind == Email.Kind.CUSTOMER ? r % 2 == 0 : r % 3 == 0, "IMPORTANT");
        labels.add("CATEGORY_PERSONAL");
    }
    labels.add("INBOX");
    return labels;
  }

  private static void addIf(List<String> labels, boolean condition, String label) {
    if (condition) {
      labels.add(label);
    }
  }
}
