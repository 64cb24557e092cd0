package dev.interactions.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's pieces without Spark: the Markdown subset, escaping, and the SVG charts. */
class HtmlPartsTest {
  @Test
  void markdownSubsetBecomesHtmlWithLinksAsText() {
    String html = Markdown.toHtml(String.join("\n",
        "# Title", "", "A *short* paragraph", "on two lines with `code` and **bold**.", "",
        "- one", "- two [docs](https://example.com)", "", "1. first", "2. second", "",
        "```", "SELECT '<x>'", "```", "## Sub <b>"));
    assertThat(html).isEqualTo(String.join("\n",
        "<h1>Title</h1>",
        "<p>A <em>short</em> paragraph on two lines with <code>code</code> and <strong>bold</strong>.</p>",
        "<ul>", "<li>one</li>", "<li>two docs (https://example.com)</li>", "</ul>",
        "<ol>", "<li>first</li>", "<li>second</li>", "</ol>",
        "<pre><code>SELECT &#39;&lt;x&gt;&#39;", "</code></pre>",
        "<h2>Sub &lt;b&gt;</h2>", ""));
    assertThat(html).doesNotContain("href");
  }

  @Test
  void escapesEveryMarkupCharacter() {
    assertThat(Html.escape("<a href=\"x\">'&'</a>")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    assertThat(Html.escape(null)).isEmpty();
  }

  @Test
  void barChartStacksTheSeriesInOneBarPerXValue() {
    SvgChart.Series data = new SvgChart.Series(List.of("ann@x.com", "<bob>"), List.of("emails", "meetings"),
        List.of(new double[] {4, 1}, new double[] {2, 0}));
    String svg = SvgChart.render(new Chart(Chart.Kind.BAR, "who", List.of("emails", "meetings")), data);
    assertThat(svg).startsWith("<svg class=\"chart bar\"").endsWith("</svg>\n");
    assertThat(svg.split("<g class=\"bar\"", -1)).hasSize(3);
    assertThat(svg.split("<rect class=\"segment\"", -1)).hasSize(5);
    assertThat(svg).contains("data-x=\"&lt;bob&gt;\"", ">emails</text>", ">meetings</text>", ">6</text>")
        .doesNotContain("<bob>");
  }

  @Test
  void lineChartDrawsOneLinePerSeriesAndNamesTheAxis() {
    SvgChart.Series data = new SvgChart.Series(List.of("2026-06-01", "2026-06-02", "2026-06-03"),
        List.of("emails"), List.of(new double[] {3, 0, 7.5}));
    String svg = SvgChart.render(new Chart(Chart.Kind.LINE, "date", List.of("emails")), data);
    assertThat(svg.split("<polyline class=\"line\"", -1)).hasSize(2);
    assertThat(svg).contains(">2026-06-03</text>", "class=\"axis-title\"", ">date</text>");
  }

  @Test
  void ticksAreRoundNumbers() {
    assertThat(SvgChart.niceStep(0)).isEqualTo(1);
    assertThat(SvgChart.niceStep(7)).isEqualTo(2);
    assertThat(SvgChart.niceStep(230)).isEqualTo(50);
    assertThat(SvgChart.number(2.0)).isEqualTo("2");
    assertThat(SvgChart.number(0.25)).isEqualTo("0.25");
  }
}
