package dev.interactions.sample;

/** Contact names dealt without repeats until the list runs out, then reshuffled. */
final class NameDeck {
  private final Dice dice;
  private final String[][] names;
  private int next;

  NameDeck(String[][] names, Dice dice) {
    this.dice = dice;
    this.names = names.clone();
    this.next = names.length;
  }

  String[] next() {
    if (next == names.length) {
      for (int i = names.length - 1; i > 0; i--) { // Fisher-Yates
        int j = dice.nextInt(i + 1);
        String[] t = names[i];
        names[i] = names[j];
        names[j] = t;
      }
      next = 0;
    }
    return names[next++];
  }
}
