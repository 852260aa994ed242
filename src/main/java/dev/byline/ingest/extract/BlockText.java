package dev.byline.ingest.extract;

import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/** The visible text of an element as a person reads it: a line per block, scripts and styles left out. */
final class BlockText {
  private static final Set<String> SKIP =
      Set.of("script", "style", "noscript", "template", "svg", "iframe", "object", "head", "select", "button");

  private BlockText() {}

  static String of(Element root) {
    if (root == null) return "";
    StringBuilder out = new StringBuilder();
    NodeTraversor.traverse(
        new NodeVisitor() {
          private int skipping;

          @Override
          public void head(Node node, int depth) {
            if (node instanceof Element e) {
              if (SKIP.contains(e.normalName()) || e.hasAttr("hidden")) skipping++;
              else if (skipping == 0 && (e.isBlock() || e.normalName().equals("br"))) newline(out);
            } else if (skipping == 0 && node instanceof TextNode t) {
              String text = t.text();
              if (!text.isBlank() || (!out.isEmpty() && out.charAt(out.length() - 1) != '\n')) out.append(text);
            }
          }

          @Override
          public void tail(Node node, int depth) {
            if (node instanceof Element e) {
              if (SKIP.contains(e.normalName()) || e.hasAttr("hidden")) skipping--;
              else if (skipping == 0 && e.isBlock()) newline(out);
            }
          }
        },
        root);
    return out.toString();
  }

  private static void newline(StringBuilder out) {
    if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') out.append('\n');
  }
}
