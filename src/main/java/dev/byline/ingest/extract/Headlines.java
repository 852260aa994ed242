package dev.byline.ingest.extract;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Chooses an HTML page's headline among what the page offers: the {@code <h1>} a reader sees, the
 * title in the metadata (JSON-LD, OpenGraph), and the {@code <title>} tag. Metadata titles are
 * often the one written for search engines or social cards ("… | 2025"), and a page's only
 * {@code <h1>} is often the site's name or a section's ("Allergies Health Center"). So the visible
 * headline wins when it is confirmed: an {@code <h1>} that shares a good part of its words with the
 * metadata title or the {@code <title>} tag, and they with it, or a smaller part when the markup
 * calls it the title and it is a headline's length. Otherwise the metadata title, then the {@code
 * <title>} tag without its site suffix, then the first {@code <h1>}.
 *
 * <p>When the confirmed {@code <h1>} and the metadata title are the same headline but for a word or
 * two ("Dropbox ATF:" / "Dropbox’s ATF -", "&" / "and"), the metadata's wording stands: it is the
 * text the publisher files and syndicates (feeds, cards, search results), where the {@code <h1>} is
 * often retyped for display.
 */
final class Headlines {
  /** A headline and where it was found. */
  record Choice(String text, String from) {}

  private static final Pattern TITLE_SUFFIX = Pattern.compile("\\s+[|–—-]\\s+[^|–—-]{2,60}$");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

  /**
   * How much an {@code <h1>} and a title must share: 0.4 of the words of each. A site's name in an
   * {@code <h1>} is all in "Site: Headline" but covers little of it.
   */
  private static final double MIN_AGREEMENT = 0.4;

  /** What an {@code <h1>} the markup calls a title, of a headline's length, must share. */
  private static final double MIN_AGREEMENT_MARKED = 0.25;

  private static final int MARKED_MIN_WORDS = 5;

  /** A class naming a headline, not a site's title or logo. */
  private static final Pattern HEADLINE_CLASS = Pattern.compile("(?i)title|headline");

  private static final Pattern SITE_CLASS = Pattern.compile("(?i)site|logo|brand|widget|menu");

  /** How many words two wordings of one headline may differ by. */
  private static final int MAX_WORDING_EDITS = 2;

  private Headlines() {}

  /** The smaller of the shares of each text's words that the other has; 0 when either is empty. */
  private static double agreement(Set<String> a, Set<String> b) {
    if (a.isEmpty() || b.isEmpty()) return 0;
    int shared = 0;
    for (String w : a) if (b.contains(w)) shared++;
    return Math.min(shared / (double) a.size(), shared / (double) b.size());
  }

  /**
   * The headline, when the page's headings or {@code <title>} give a better one than the metadata.
   *
   * @param metaTitle the title from JSON-LD or meta tags, or null
   * @return the chosen headline, or null when the metadata title stands or the page offers none
   */
  static Choice choose(Document doc, String metaTitle) {
    Element titleTag = doc.selectFirst("title");
    String fullTitle = titleTag == null ? "" : titleTag.text().strip();
    Element best = null;
    double bestAgreement = 0;
    for (Element h1 : doc.select("h1")) {
      if (h1.closest("nav, footer, aside") != null || h1.text().length() > 300) continue;
      Set<String> words = words(h1.text());
      double agreement =
          Math.max(agreement(words, words(fullTitle)), agreement(words, words(metaTitle)));
      if (agreement > bestAgreement) {
        best = h1;
        bestAgreement = agreement;
      }
    }
    if (best != null
        && bestAgreement < MIN_AGREEMENT
        && !(bestAgreement >= MIN_AGREEMENT_MARKED && markedAsHeadline(best))) {
      best = null;
    }
    if (best != null) {
      if (metaTitle != null && sameHeadlineReworded(best.text(), metaTitle))
        return null; // the metadata title stands
      return new Choice(best.text().strip(), "h1");
    }
    if (metaTitle != null && !metaTitle.isBlank()) return null; // the metadata title stands
    if (!fullTitle.isEmpty()) {
      Matcher suffix = TITLE_SUFFIX.matcher(fullTitle);
      return new Choice(
          suffix.find() ? fullTitle.substring(0, suffix.start()).strip() : fullTitle, "title-tag");
    }
    Element h1 = doc.selectFirst("h1");
    return h1 == null || h1.text().isBlank() ? null : new Choice(h1.text().strip(), "h1");
  }

  /** Whether the markup calls this heading the page's title, and it is as long as a headline. */
  private static boolean markedAsHeadline(Element h1) {
    String marks = h1.className() + " " + h1.id() + " " + h1.attr("itemprop");
    return HEADLINE_CLASS.matcher(marks).find()
        && !SITE_CLASS.matcher(marks).find()
        && LineRules.words(h1.text()) >= MARKED_MIN_WORDS;
  }

  /**
   * Whether two texts are one headline in two wordings: their words, in order, differ by one or two
   * insertions, deletions or substitutions inside the headline. Not when one holds all the other's
   * words in a row: then they differ in case or punctuation, or by a site's name or a date at an
   * end ("Headline | Site"), and the displayed text is the cleaner one.
   */
  static boolean sameHeadlineReworded(String a, String b) {
    List<String> x = wordList(a);
    List<String> y = wordList(b);
    if (Math.abs(x.size() - y.size()) > MAX_WORDING_EDITS
        || Math.max(x.size(), y.size()) < 4
        || Collections.indexOfSubList(x, y) >= 0
        || Collections.indexOfSubList(y, x) >= 0) {
      return false; // the same words, or one with a site's name or a date added at an end
    }
    int[] previous = new int[y.size() + 1];
    int[] current = new int[y.size() + 1];
    for (int j = 0; j <= y.size(); j++) previous[j] = j;
    for (int i = 1; i <= x.size(); i++) {
      current[0] = i;
      for (int j = 1; j <= y.size(); j++) {
        int substitution = previous[j - 1] + (x.get(i - 1).equals(y.get(j - 1)) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    int edits = previous[y.size()];
    return edits >= 1 && edits <= MAX_WORDING_EDITS && edits * 4 <= Math.max(x.size(), y.size());
  }

  private static List<String> wordList(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) out.add(m.group());
    return out;
  }

  /**
   * The element that shows the headline: the first heading outside navigation whose text is the
   * title ({@code <h1>} before others), else the first {@code <h1>} of the article or the page; null when there is none.
   */
  static Element element(Document doc, String title) {
    String key = title == null ? "" : TextExtractor.key(title);
    if (!key.isEmpty()) {
      // <h1> first: a rail of other stories may repeat the headline in an <h3> above the article.
      for (String query : new String[] {"h1", "h2, h3, [itemprop=headline]"}) {
        for (Element h : doc.select(query)) {
          if (h.closest("nav, footer, aside") == null && TextExtractor.key(h.text()).equals(key))
            return h;
        }
      }
    }
    return doc.selectFirst("article h1, main h1, h1");
  }

  /** Lower-case words; in scripts without spaces, each character. */
  private static Set<String> words(String text) {
    Set<String> out = new HashSet<>();
    if (text == null) return out;
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      String w = m.group();
      if (w.codePoints().anyMatch(LineRules::isCjk)) {
        w.codePoints().forEach(c -> out.add(Character.toString(c)));
      } else {
        out.add(w);
      }
    }
    return out;
  }
}
