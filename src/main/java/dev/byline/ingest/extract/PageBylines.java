package dev.byline.ingest.extract;

import dev.byline.article.PublicationDate;
import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Finds the visible byline of an HTML page: the first element, in page order, that the markup
 * marks as the author's ({@code rel=author}, {@code itemprop=author}, a class naming a byline or an
 * author, a link to an author page) or whose text starts with a byline prefix ("By", "Par",
 * "Von"…). Navigation and comments are passed over, as are lines
 * naming editors rather than writers.
 */
final class PageBylines {
  /** What a visible byline gave: the names, and the date printed with them, or null. */
  record Found(List<String> authors, PublicationDate date) {}

  private static final String MARKED =
      "[rel=author], [itemprop=author], .byline, .author, .author-name, [class*=byline], [class*=author],"
          + " [class*=signature], a[href*=/author/], a[href*=/authors/], a[href*=/journaliste/],"
          + " a[href*=/people/], a[href*=/profile/], a[href*=/producers/], a[href*=/staff/]";
  /**
   * Where a name is never the article's author. Not footers, asides or sidebars: posts print their
   * author there, and page builders call the whole page a sidebar layout.
   */
  private static final String FURNITURE = "nav, [class*=comment], [id*=comment]";
  private static final Pattern EDITOR = Pattern.compile("(?i)^\\s*(?:edited|editor|reviewed|fact[- ]checked|責任編輯|责任编辑).*");
  private static final Pattern PREFIXED =
      Pattern.compile("(?i)^(?:by|par|von|por|di|door|av|af|przez|written by|autor|auteur|author)\\s*:?\\s+\\p{Lu}.*|^(?:作者|记者|記者)[:：].*");

  private static final int MAX_SCANNED = 5_000;

  private PageBylines() {}

  /** The first visible byline, or null. */
  static Found find(Document doc) {
    Element body = doc.body();
    if (body == null) return null;
    for (Element e : body.select(MARKED)) {
      Found found = read(e);
      if (found != null) return found;
    }
    int looked = 0;
    for (Element e : body.select("p, span, div, li, em, strong, small, address, a")) {
      if (++looked > MAX_SCANNED) break; // a byline stands near the top, not 100,000 blocks down
      String own = e.ownText().strip();
      if (own.isEmpty() && e.childrenSize() == 0) continue;
      if (moreLettersThan(e, 120)) continue; // a wrapper: its text is not read (that was quadratic)
      String text = e.text().strip();
      if (text.length() > 120 || !PREFIXED.matcher(text).matches()) continue;
      Found found = read(e);
      if (found != null) return found;
    }
    return null;
  }

  /** Whether the element's text has more than {@code max} letters and digits, counted only that far. */
  private static boolean moreLettersThan(Element e, int max) {
    int[] letters = {0};
    NodeTraversor.filter(
        new NodeFilter() {
          @Override
          public FilterResult head(Node node, int depth) {
            if (node instanceof TextNode t) {
              String s = t.getWholeText();
              for (int i = 0; i < s.length(); i++) {
                if (Character.isLetterOrDigit(s.charAt(i)) && ++letters[0] > max) return FilterResult.STOP;
              }
            }
            return FilterResult.CONTINUE;
          }

          @Override
          public FilterResult tail(Node node, int depth) {
            return FilterResult.CONTINUE;
          }
        },
        e);
    return letters[0] > max;
  }

  private static Found read(Element e) {
    if (e.closest(FURNITURE) != null) return null;
    String all = e.text().strip();
    if (all.isEmpty() || all.length() > 200) return null;
    for (String line : BlockText.of(e).split("\n")) {
      String text = line.strip();
      if (text.isEmpty() || EDITOR.matcher(text).matches()) continue;
      Bylines.Byline byline = Bylines.parse(text);
      List<String> names = byline != null ? byline.authors() : Names.parse(text);
      if (!names.isEmpty()) {
        PublicationDate date = byline != null ? byline.date() : null;
        DateFinder.Found anywhere = date == null ? DateFinder.first(all) : null; // "By A<br>April 5, 2018"
        return new Found(names, anywhere != null ? anywhere.date() : date);
      }
    }
    return null;
  }
}
