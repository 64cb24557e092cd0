package dev.interactions.notebooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws a {@code -- chart:} cell as inline SVG, so the report needs no script and no network: a bar
 * chart stacks the y columns in one bar per x value; a line chart draws one line per y column over
 * the x values in row order. Both have axes with ticks, x labels and a legend.
 */
final class SvgChart {
  static final String[] COLORS = {"#4269d0", "#efb118", "#ff725c", "#6cc5b0", "#3ca951", "#ff8ab7", "#a463f2"};
  private static final int WIDTH = 960;
  private static final int HEIGHT = 380;
  private static final int LEFT = 64;
  private static final int RIGHT = 24;
  private static final int TOP = 20;
  private static final int BOTTOM = 110;
  private static final int MAX_X_LABELS = 24;

  /** The data to draw: x labels and, per y column, one value per label. */
  record Series(List<String> x, List<String> names, List<double[]> values) {}

  private SvgChart() {}

  static String render(Chart chart, Series data) {
    int n = data.x().size();
    double max = chart.kind() == Chart.Kind.BAR ? maxStack(data) : maxValue(data);
    double step = niceStep(max);
    double top = Math.max(step, Math.ceil(max / step) * step);
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT,
        "<svg class=\"chart %s\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
            + " role=\"img\" aria-label=\"%s\">\n",
        chart.kind().name().toLowerCase(Locale.ROOT), WIDTH, HEIGHT, WIDTH, HEIGHT,
        Html.escape(String.join(", ", chart.y()) + " by " + chart.x())));
    yAxis(svg, top, step);
    if (chart.kind() == Chart.Kind.BAR) {
      bars(svg, data, top);
    } else {
      lines(svg, data, top);
    }
    xLabels(svg, data.x(), chart.kind() == Chart.Kind.BAR);
    svg.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n",
        LEFT, TOP + plotHeight(), LEFT + plotWidth(), TOP + plotHeight()));
    svg.append(String.format(Locale.ROOT, "<text class=\"axis-title\" x=\"%d\" y=\"%d\">%s</text>\n",
        LEFT + plotWidth() / 2, HEIGHT - 34, Html.escape(chart.x())));
    legend(svg, data.names());
    if (n == 0) {
      svg.append(String.format(Locale.ROOT, "<text class=\"empty\" x=\"%d\" y=\"%d\">no rows</text>\n",
          LEFT + plotWidth() / 2, TOP + plotHeight() / 2));
    }
    return svg.append("</svg>\n").toString();
  }

  private static int plotWidth() {
    return WIDTH - LEFT - RIGHT;
  }

  private static int plotHeight() {
    return HEIGHT - TOP - BOTTOM;
  }

  private static double y(double value, double top) {
    return TOP + plotHeight() - value / top * plotHeight();
  }

  private static void yAxis(StringBuilder svg, double top, double step) {
    svg.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n",
        LEFT, TOP, LEFT, TOP + plotHeight()));
    for (double v = 0; v <= top + step / 1000; v += step) {
      double y = y(v, top);
      svg.append(String.format(Locale.ROOT,
          "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>"
              + "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
          LEFT, y, LEFT + plotWidth(), y, LEFT - 6, y + 4, number(v)));
    }
  }

  private static void bars(StringBuilder svg, Series data, double top) {
    int n = data.x().size();
    double slot = n == 0 ? 0 : (double) plotWidth() / n;
    double width = Math.max(1, slot * 0.7);
    for (int i = 0; i < n; i++) {
      double x = LEFT + slot * i + (slot - width) / 2;
      String label = Html.escape(data.x().get(i));
      svg.append("<g class=\"bar\" data-x=\"").append(label).append("\">");
      double base = 0;
      for (int s = 0; s < data.names().size(); s++) {
        double v = Math.max(0, data.values().get(s)[i]);
        svg.append(String.format(Locale.ROOT,
            "<rect class=\"segment\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                + "<title>%s, %s: %s</title></rect>",
            x, y(base + v, top), width, y(base, top) - y(base + v, top), COLORS[s % COLORS.length], label,
            Html.escape(data.names().get(s)), number(v)));
        base += v;
      }
      svg.append("</g>\n");
    }
  }

  private static double xCenter(int i, int n, boolean bar) {
    if (bar) {
      return LEFT + (double) plotWidth() / n * (i + 0.5);
    }
    return n <= 1 ? LEFT + plotWidth() / 2.0 : LEFT + (double) plotWidth() * i / (n - 1);
  }

  private static void lines(StringBuilder svg, Series data, double top) {
    int n = data.x().size();
    for (int s = 0; s < data.names().size(); s++) {
      List<String> points = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        points.add(String.format(Locale.ROOT, "%.1f,%.1f", xCenter(i, n, false), y(data.values().get(s)[i], top)));
      }
      svg.append(String.format(Locale.ROOT,
          "<polyline class=\"line\" data-series=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>\n",
          Html.escape(data.names().get(s)), COLORS[s % COLORS.length], String.join(" ", points)));
    }
  }

  private static void xLabels(StringBuilder svg, List<String> labels, boolean bar) {
    int n = labels.size();
    int every = Math.max(1, (int) Math.ceil(n / (double) MAX_X_LABELS));
    for (int i = 0; i < n; i += every) {
      double x = xCenter(i, n, bar);
      int y = TOP + plotHeight() + 14;
      String label = labels.get(i).length() > 24 ? labels.get(i).substring(0, 23) + "…" : labels.get(i);
      svg.append(String.format(Locale.ROOT,
          "<text class=\"tick x-label\" x=\"%.1f\" y=\"%d\" text-anchor=\"end\" transform=\"rotate(-35 %.1f %d)\">%s</text>\n",
          x, y, x, y, Html.escape(label)));
    }
  }

  private static void legend(StringBuilder svg, List<String> names) {
    int x = LEFT;
    int y = HEIGHT - 16;
    svg.append("<g class=\"legend\">");
    for (int s = 0; s < names.size(); s++) {
      svg.append(String.format(Locale.ROOT,
          "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>",
          x, y - 10, COLORS[s % COLORS.length], x + 16, y, Html.escape(names.get(s))));
      x += 28 + 8 * names.get(s).length();
    }
    svg.append("</g>\n");
  }

  private static double maxStack(Series data) {
    double max = 0;
    for (int i = 0; i < data.x().size(); i++) {
      double sum = 0;
      for (double[] v : data.values()) {
        sum += Math.max(0, v[i]);
      }
      max = Math.max(max, sum);
    }
    return max;
  }

  private static double maxValue(Series data) {
    double max = 0;
    for (double[] v : data.values()) {
      for (double d : v) {
        max = Math.max(max, d);
      }
    }
    return max;
  }

  /** A tick step of 1, 2 or 5 times a power of ten giving four to ten ticks. */
  static double niceStep(double max) {
    if (max <= 0) {
      return 1;
    }
    double raw = max / 5;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double unit = raw / magnitude;
    double nice = unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10;
    return Math.max(nice * magnitude, max >= 1 ? 1 : 0);
  }

  static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
  }
}
