package dev.byline.ingest.extract;

import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/** The visible text of an element as a person reads it: a line per block, scripts and styles left out. */
final class BlockText {
  private static final Set<String> SKIP =
      Set.of(
          "script",
          "style",
          "noscript",
          "template",
          "svg",
          "iframe",
          "object",
          "head",
          "select",
          "button");

  private BlockText() {}

  static String of(Element root) {
    return of(root, Integer.MAX_VALUE);
  }

  /**
   * The first {@code max} characters of {@link #of(Element)}, read no further than needed (the
   * text rules read only the head of a long page, and all of a 20 MB page's text was built first).
   */
  static String of(Element root, int max) {
    if (root == null) return "";
    StringBuilder out = new StringBuilder();
    NodeTraversor.filter(
        new NodeFilter() {
          private int skipping;

          @Override
          public FilterResult head(Node node, int depth) {
            visitHead(node);
            return out.length() >= max ? FilterResult.STOP : FilterResult.CONTINUE;
          }

          @Override
          public FilterResult tail(Node node, int depth) {
            visitTail(node);
            return out.length() >= max ? FilterResult.STOP : FilterResult.CONTINUE;
          }

          private void visitHead(Node node) {
            if (node instanceof Element e) {
              if (SKIP.contains(e.normalName()) || e.hasAttr("hidden")) skipping++;
              else if (skipping == 0 && (e.isBlock() || e.normalName().equals("br"))) newline(out);
            } else if (skipping == 0 && node instanceof TextNode t) {
              String text = t.text();
              if (!text.isBlank() || (!out.isEmpty() && out.charAt(out.length() - 1) != '\n'))
                out.append(text);
            }
          }

          private void visitTail(Node node) {
            if (node instanceof Element e) {
              if (SKIP.contains(e.normalName()) || e.hasAttr("hidden")) skipping--;
              else if (skipping == 0 && e.isBlock()) newline(out);
            }
          }
        },
        root);
    return out.length() > max ? out.substring(0, max) : out.toString();
  }

  private static void newline(StringBuilder out) {
    if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') out.append('\n');
  }
}
