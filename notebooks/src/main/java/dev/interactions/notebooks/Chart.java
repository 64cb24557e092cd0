package dev.interactions.notebooks;

import java.util.List;

/** What a {@code -- chart: bar|line x=COLUMN y=COLUMN[,COLUMN]} line asks for. */
public record Chart(Kind kind, String x, List<String> y) {
  public enum Kind { BAR, LINE }

  public Chart {
    y = List.copyOf(y);
    if (y.isEmpty()) {
      throw new IllegalArgumentException("a chart needs at least one y column");
    }
  }
}
