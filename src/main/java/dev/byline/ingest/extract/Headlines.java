package dev.byline.ingest.extract;

import java.util.HashSet;
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
 * metadata title or the {@code <title>} tag, and they with it. Otherwise the metadata title, then the {@code <title>} tag without
 * its site suffix, then the first {@code <h1>}.
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

  private Headlines() {}

  /** The smaller of the shares of each text's words that the other has; 0 when either is empty. */
  private static double agreement(Set<String> a, Set<String> b) {
    if (a.isEmpty() || b.isEmpty()) return 0;
    int shared = 0;
    for (String w : a) if (b.contains(w)) shared++;
    return Math.min(shared / (double) a.size(), shared / (double) b.size());
  }

  /**
   * @param metaTitle the title from JSON-LD or meta tags, or null
   * @return the chosen headline, or null when the page offers none
   */
  static Choice choose(Document doc, String metaTitle) {
    Element titleTag = doc.selectFirst("title");
    String fullTitle = titleTag == null ? "" : titleTag.text().strip();
    Element best = null;
    double bestAgreement = 0;
    for (Element h1 : doc.select("h1")) {
      if (h1.closest("nav, footer, aside") != null || h1.text().length() > 300) continue;
      Set<String> words = words(h1.text());
      double agreement = Math.max(agreement(words, words(fullTitle)), agreement(words, words(metaTitle)));
      if (agreement > bestAgreement) {
        best = h1;
        bestAgreement = agreement;
      }
    }
    if (bestAgreement < MIN_AGREEMENT) best = null;
    if (best != null) return new Choice(best.text().strip(), "h1");
    if (metaTitle != null && !metaTitle.isBlank()) return null; // the metadata title stands
    if (!fullTitle.isEmpty()) {
      Matcher suffix = TITLE_SUFFIX.matcher(fullTitle);
      return new Choice(suffix.find() ? fullTitle.substring(0, suffix.start()).strip() : fullTitle, "title-tag");
    }
    Element h1 = doc.selectFirst("h1");
    return h1 == null || h1.text().isBlank() ? null : new Choice(h1.text().strip(), "h1");
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
          if (h.closest("nav, footer, aside") == null && TextExtractor.key(h.text()).equals(key)) return h;
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
