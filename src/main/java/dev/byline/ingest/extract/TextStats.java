package dev.byline.ingest.extract;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Text measures of every element under a root, taken in one pass: visible text length (runs of
 * white space counted as one), the part of it inside links, inside {@code <p>} elements, and the
 * commas. Asking an element for its text again and again is quadratic on deep pages (a 20 MB page
 * took seconds); these figures are linear. A snapshot: after the tree changes, take a new one.
 */
final class TextStats {
  private static final int TEXT = 0;
  private static final int LINKS = 1;
  private static final int PARAGRAPHS = 2;
  private static final int COMMAS = 3;
  private static final int P_COUNT = 4;
  private static final int IMAGES = 5;
  private static final int LIST_ITEMS = 6;
  private static final int INPUTS = 7;
  private static final int EMBEDS = 8;
  private static final int HEADING_TEXT = 9;
  private static final int SIZE = 10;

  private final IdentityHashMap<Element, int[]> byElement = new IdentityHashMap<>();

  private TextStats() {}

  static TextStats of(Element root) {
    TextStats stats = new TextStats();
    Deque<int[]> open = new ArrayDeque<>();
    NodeTraversor.traverse(
        new NodeVisitor() {
          @Override
          public void head(Node node, int depth) {
            if (node instanceof Element) {
              open.push(new int[SIZE]);
            } else if (node instanceof TextNode t && !open.isEmpty()) {
              int[] top = open.peek();
              String s = t.getWholeText();
              boolean space = true;
              for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c) || c == '\u00a0') {
                  if (!space) top[TEXT]++;
                  space = true;
                } else {
                  top[TEXT]++;
                  space = false;
                  if (isComma(c)) top[COMMAS]++;
                }
              }
            }
          }

          @Override
          public void tail(Node node, int depth) {
            if (!(node instanceof Element e)) return;
            int[] mine = open.pop();
            String tag = e.normalName();
            if (tag.equals("a")) mine[LINKS] = mine[TEXT];
            switch (tag) {
              case "p" -> {
                mine[PARAGRAPHS] = mine[TEXT];
                mine[P_COUNT]++;
              }
              case "img" -> mine[IMAGES]++;
              case "li" -> mine[LIST_ITEMS]++;
              case "input" -> mine[INPUTS]++;
              case "embed", "object", "iframe" -> mine[EMBEDS]++;
              case "h1", "h2", "h3", "h4", "h5", "h6" -> mine[HEADING_TEXT] = mine[TEXT];
              default -> {}
            }
            stats.byElement.put(e, mine);
            if (!open.isEmpty()) {
              int[] parent = open.peek();
              for (int i = 0; i < SIZE; i++) parent[i] += mine[i];
            }
          }
        },
        root);
    return stats;
  }

  /** Commas in the scripts that use them: Latin, Arabic, CJK full-width and ideographic. */
  static boolean isComma(char c) {
    return c == ',' || c == '\u060C' || c == '\uFF0C' || c == '\u3001' || c == '\uFE50';
  }

  private int[] figures(Element e) {
    int[] s = byElement.get(e);
    return s == null ? new int[SIZE] : s;
  }

  int text(Element e) {
    return figures(e)[TEXT];
  }

  int links(Element e) {
    return figures(e)[LINKS];
  }

  int paragraphText(Element e) {
    return figures(e)[PARAGRAPHS];
  }

  int commas(Element e) {
    return figures(e)[COMMAS];
  }

  int paragraphs(Element e) {
    return figures(e)[P_COUNT];
  }

  int images(Element e) {
    return figures(e)[IMAGES];
  }

  int listItems(Element e) {
    return figures(e)[LIST_ITEMS];
  }

  int inputs(Element e) {
    return figures(e)[INPUTS];
  }

  int embeds(Element e) {
    return figures(e)[EMBEDS];
  }

  int headingText(Element e) {
    return figures(e)[HEADING_TEXT];
  }

  /**
   * Takes a removed element's figures out of its former ancestors' (pass them from the nearest
   * up), so later decisions about the ancestors see the tree as it now is.
   */
  void subtract(Element removed, Iterable<Element> formerAncestors) {
    int[] gone = figures(removed);
    for (Element a : formerAncestors) {
      int[] s = byElement.get(a);
      if (s == null) continue;
      for (int i = 0; i < SIZE; i++) s[i] = Math.max(0, s[i] - gone[i]);
    }
  }

  /** Share of the element's text that is link text, 0 to 1. */
  double linkDensity(Element e) {
    int text = text(e);
    return text == 0 ? 0 : Math.min(1.0, links(e) / (double) text);
  }
}
