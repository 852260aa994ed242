package dev.byline.ingest.extract;

import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * Reads the short section label sites print just above a headline ({@code Markets}, {@code
 * SCIENCE}, {@code Climate & Energy}) as the article's category, in a text dump and in HTML. A label
 * stands alone: one or two words (three when written in capitals), no digits, no sentence
 * punctuation, and not one of a run of such lines or a block of several links, which is a menu.
 */
final class SectionLabels {
  private static final Pattern LABEL = Pattern.compile("[\\p{L}][\\p{L}&'’ -]{0,29}");
  private static final int MAX_WORDS = 2;
  private static final int MAX_WORDS_IN_CAPITALS = 3;

  /** How many elements before the headline element a label may stand (wrappers, empty icons). */
  private static final int MAX_ELEMENTS_BACK = 3;

  private static final Pattern AD =
      Pattern.compile(
          "(?i)^(?:ad ?choices|sponsored|promoted|advert|anzeige|publicidad|publicité)");

  /** Markup naming a menu: its items are links, not a label. */
  private static final Pattern MENU = Pattern.compile("(?i)nav|menu");

  private SectionLabels() {}

  /** Whether a line has a section label's shape. */
  static boolean isLabel(String line) {
    String text = line.strip();
    if (!LABEL.matcher(text).matches()
        || LineRules.isNoise(text)
        || LineRules.isFooter(text)
        || AD.matcher(text).find()) {
      return false;
    }
    int words = LineRules.words(text);
    boolean capitals = text.equals(text.toUpperCase(java.util.Locale.ROOT));
    return words >= 1 && words <= (capitals ? MAX_WORDS_IN_CAPITALS : MAX_WORDS);
  }

  /**
   * The label on the line above the headline of a text dump, or null.
   *
   * @param lines the dump's lines, blank ones included
   * @param titleLine the index of the headline's line
   */
  static String aboveLine(List<String> lines, int titleLine) {
    int label = previousNonBlank(lines, titleLine);
    if (label < 0 || !isLabel(lines.get(label))) return null;
    int before = previousNonBlank(lines, label);
    if (before >= 0 && isLabel(lines.get(before))) return null; // a menu's last item
    return lines.get(label).strip();
  }

  /**
   * The label printed just before the headline element (a kicker or eyebrow above an {@code
   * <h1>}), or null.
   */
  static String aboveElement(Element headline) {
    Element at = headline;
    for (int step = 0; step < MAX_ELEMENTS_BACK && at != null && !at.nameIs("body"); step++) {
      Element previous = at.previousElementSibling();
      if (previous == null) {
        at = at.parent(); // the headline opens its wrapper: the label stands before the wrapper
        continue;
      }
      String text = previous.text().strip();
      if (text.isEmpty()) {
        at = previous;
        continue;
      }
      if (!isLabel(text) || previous.select("a").size() > 1 || MENU.matcher(marks(previous)).find())
        return null;
      Element beforeLabel = previous.previousElementSibling();
      if (beforeLabel != null && isLabel(beforeLabel.text())) return null; // a menu's last item
      return text;
    }
    return null;
  }

  private static String marks(Element e) {
    return e.tagName() + " " + e.className() + " " + e.id() + " " + e.attr("role");
  }

  private static int previousNonBlank(List<String> lines, int index) {
    for (int i = index - 1; i >= 0; i--) {
      if (!lines.get(i).isBlank()) return i;
    }
    return -1;
  }
}
