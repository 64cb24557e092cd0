package dev.interactions.notebooks;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small Markdown subset notebook prose needs: headings, paragraphs, bulleted and numbered lists,
 * fenced code blocks, inline code, bold and italics. Links become text ("text (url)") so the report
 * never points anywhere; raw HTML is escaped, not passed through.
 */
final class Markdown {
  private static final Pattern HEADING = Pattern.compile("(#{1,6})\\s+(.*)");
  private static final Pattern BULLET = Pattern.compile("\\s*[-*+]\\s+(.*)");
  private static final Pattern NUMBERED = Pattern.compile("\\s*\\d+[.)]\\s+(.*)");
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");
  private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)]\\(([^)\\s]*)\\)");
  private static final Pattern BOLD = Pattern.compile("\\*\\*([^*]+)\\*\\*");
  private static final Pattern ITALIC = Pattern.compile("(?<![*\\w])[*_]([^*_]+)[*_](?![*\\w])");

  private Markdown() {}

  static String toHtml(String markdown) {
    StringBuilder out = new StringBuilder();
    List<String> lines = markdown.lines().toList();
    String list = null;
    StringBuilder paragraph = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher heading = HEADING.matcher(line.strip());
      Matcher bullet = BULLET.matcher(line);
      Matcher numbered = NUMBERED.matcher(line);
      String wantedList = bullet.matches() ? "ul" : numbered.matches() ? "ol" : null;
      boolean fence = line.strip().startsWith("```");
      boolean continuesItem = list != null && wantedList == null && !line.isBlank() && line.startsWith(" ");
      if (continuesItem) {
        out.setLength(out.length() - "</li>\n".length());
        out.append(' ').append(inline(line.strip())).append("</li>\n");
        continue;
      }
      if (!line.isBlank() && wantedList == null && !fence && !heading.matches()) {
        closeList(out, list);
        list = null;
        paragraph.append(paragraph.length() == 0 ? "" : " ").append(line.strip());
        continue;
      }
      flush(out, paragraph);
      if (!java.util.Objects.equals(list, wantedList)) {
        closeList(out, list);
        list = wantedList;
        if (list != null) {
          out.append('<').append(list).append(">\n");
        }
      }
      if (wantedList != null) {
        String item = (bullet.matches() ? bullet : numbered).group(1);
        out.append("<li>").append(inline(item)).append("</li>\n");
      } else if (heading.matches()) {
        int level = heading.group(1).length();
        out.append("<h").append(level).append('>').append(inline(heading.group(2).strip()))
            .append("</h").append(level).append(">\n");
      } else if (fence) {
        StringBuilder code = new StringBuilder();
        while (++i < lines.size() && !lines.get(i).strip().startsWith("```")) {
          code.append(Html.escape(lines.get(i))).append('\n');
        }
        out.append("<pre><code>").append(code).append("</code></pre>\n");
      }
    }
    flush(out, paragraph);
    closeList(out, list);
    return out.toString();
  }

  private static void flush(StringBuilder out, StringBuilder paragraph) {
    if (paragraph.length() > 0) {
      out.append("<p>").append(inline(paragraph.toString())).append("</p>\n");
      paragraph.setLength(0);
    }
  }

  private static void closeList(StringBuilder out, String list) {
    if (list != null) {
      out.append("</").append(list).append(">\n");
    }
  }

  /** Escapes first, so that only the markup made here is markup. */
  static String inline(String text) {
    String s = Html.escape(text);
    s = LINK.matcher(s).replaceAll(m -> Matcher.quoteReplacement(
        m.group(1).isEmpty() || m.group(1).equals(m.group(2)) ? m.group(2) : m.group(1) + " (" + m.group(2) + ")"));
    StringBuilder out = new StringBuilder();
    Matcher code = CODE.matcher(s);
    int last = 0;
    while (code.find()) {
      out.append(emphasis(s.substring(last, code.start()))).append("<code>").append(code.group(1)).append("</code>");
      last = code.end();
    }
    return out.append(emphasis(s.substring(last))).toString();
  }

  private static String emphasis(String s) {
    String bold = BOLD.matcher(s).replaceAll("<strong>$1</strong>");
    return ITALIC.matcher(bold).replaceAll("<em>$1</em>");
  }
}
