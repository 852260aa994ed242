package dev.byline.ingest.extract;

import dev.byline.article.PublicationDate;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;

/**
 * Finds the visible byline of an HTML page. Candidates are elements the markup marks as the
 * author's, in tiers from the most to the least precise: microdata and {@code rel=author}; a class
 * naming a byline or an author, or a short text in a byline's shape ("By A", "Par A", "03/01/2017
 * by A"); a link to an author page. The byline printed beside the headline wins, the nearest
 * counting each tier of precision as some distance; without one there, the first of the most
 * precise tier in page order, unless the byline beside the headline names an organisation ("by
 * Example News"): then no person is the author. Navigation and comments are passed over, as are lines naming editors rather than writers
 * and lines the markup marks as a place or a date ("São Paulo" under the headline).
 */
final class PageBylines {
  /** What a visible byline gave: the names, and the date printed with them, or null. */
  record Found(List<String> authors, PublicationDate date) {}

  private static final String[] TIERS = {
    "[itemprop=author], [rel=author]",
    ".byline, .author, .author-name, [class*=byline], [class*=author], [class*=signature]",
    "a[href*=/author/], a[href*=/authors/], a[href*=/journaliste/], a[href*=/people/], a[href*=/profile/],"
        + " a[href*=/producers/], a[href*=/staff/]",
  };

  /** Where short texts in a byline's shape are looked for; they count with the class-marked tier. */
  private static final String TEXT_BLOCKS =
      "p, span, div, li, em, strong, small, address, a, button";

  /**
   * Where a name is never the article's author. Not footers, asides or sidebars: posts print their
   * author there, and page builders call the whole page a sidebar layout.
   */
  private static final String FURNITURE = "nav, [class*=comment], [id*=comment]";

  /** Parts of a byline block that hold a place or a date, not a name. */
  private static final String NOT_NAMES =
      "time, [class*=location], [class*=dateline], [class*=date], [class*=place]";

  private static final Pattern EDITOR =
      Pattern.compile("(?i)^\\s*(?:edited|editor|reviewed|fact[- ]checked|責任編輯|责任编辑).*");
  private static final Pattern PREFIXED =
      Pattern.compile(
          "^(?i:by|par|von|por|di|door|av|af|przez|written by|autor|auteur|author)\\s*:?\\s+\\p{Lu}.*|^(?:作者|记者|記者)[:：].*");

  /** How far from the headline a byline counts as printed beside it, in elements before and after. */
  private static final int BEFORE_HEADLINE = 30;

  private static final int AFTER_HEADLINE = 120;
  private static final int MAX_SCANNED = 5_000;

  /**
   * How many elements of distance one tier of precision is worth: microdata a few lines further
   * down beats a class named "byline", but not one in a card of other stories far below.
   */
  private static final int TIER_STEP = 25;

  private PageBylines() {}

  /**
   * The visible byline, or null.
   *
   * @param headline the page's headline element, or null when it is not known
   */
  static Found find(Document doc, Element headline) {
    Element body = doc.body();
    if (body == null) return null;
    IdentityHashMap<Element, Integer> position = positions(doc);
    int at = headline == null ? -1 : position.getOrDefault(headline, -1);
    if (at >= 0) at += headline.getAllElements().size() - 1; // the headline's last element
    Found first = null; // the first byline of the most precise tier that has one
    boolean organisationBeside = false; // "by Example News" under the headline
    Found beside = null;
    int besideScore = Integer.MAX_VALUE;
    for (int tier = 0; tier < TIERS.length; tier++) {
      Set<Element> seen = new HashSet<>();
      int looked = 0;
      for (Element e : candidates(body, tier)) {
        if (++looked > MAX_SCANNED || !seen.add(e)) continue;
        int distance = at < 0 ? Integer.MAX_VALUE : position.getOrDefault(e, -1) - at;
        boolean near = at >= 0 && distance >= -BEFORE_HEADLINE && distance <= AFTER_HEADLINE;
        if (!near && first != null) continue; // it could change nothing
        Found found = read(e);
        if (found == null) {
          if (near && tier < 2 && isOrganisation(e)) organisationBeside = true;
          continue;
        }
        if (first == null) first = found;
        // Above the headline counts three times as far; each tier less precise, TIER_STEP further.
        int score = (distance < 0 ? -3 * distance : distance) + TIER_STEP * tier;
        if (near && score < besideScore) {
          beside = found;
          besideScore = score;
        }
      }
      if (at < 0 && first != null) return first;
    }
    // A byline beside the headline naming an organisation is the page's answer: a person named far
    // from the headline is another story's author.
    if (beside == null && organisationBeside) return null;
    return beside != null ? beside : first;
  }

  private static boolean isOrganisation(Element e) {
    String text = Names.withoutPrefix(e.text());
    return text.length() <= 60 && Names.isOrganisation(text);
  }

  /**
   * The organisation a byline element names when it names no person ("EcoFlow", "Clemson News"),
   * or null: the author a page gives, to be used only when no person is named anywhere.
   *
   * @param siteName the site's name, or null; a byline element holding it is taken as the author
   */
  static String organisation(Document doc, String siteName) {
    Element body = doc.body();
    if (body == null) return null;
    for (Element e : body.select(TIERS[0] + ", " + TIERS[1])) {
      if (e.closest(FURNITURE) != null) continue;
      String text = Names.withoutPrefix(e.text());
      if (text.isEmpty()
          || text.length() > 60
          || text.chars().anyMatch(Character::isDigit)
          || Character.isLowerCase(text.charAt(0))
          || LineRules.words(text) > 6) {
        continue;
      }
      if (Names.isOrganisation(text)
          || text.equalsIgnoreCase(siteName == null ? "" : siteName.strip())) return text;
    }
    return null;
  }

  private static Elements candidates(Element body, int tier) {
    if (tier != 1) return body.select(TIERS[tier]);
    Elements out = body.select(TIERS[1]);
    int looked = 0;
    Set<Element> wrappers = wrappers(body);
    for (Element e : body.select(TEXT_BLOCKS)) {
      if (++looked > MAX_SCANNED) break; // a byline stands near the top, not 100,000 blocks down
      if (e.ownText().isBlank() && e.childrenSize() == 0) continue;
      if (wrappers.contains(e)) continue; // its text is not read (that was quadratic)
      String text = e.text().strip();
      if (text.length() <= 120 && (PREFIXED.matcher(text).matches() || Bylines.parse(text) != null))
        out.add(e);
    }
    return out;
  }

  /** Each element's place in page order. */
  private static IdentityHashMap<Element, Integer> positions(Document doc) {
    Elements all = doc.getAllElements();
    IdentityHashMap<Element, Integer> out = new IdentityHashMap<>(all.size() * 2);
    for (int i = 0; i < all.size(); i++) out.put(all.get(i), i);
    return out;
  }

  /** Letters and digits past which an element is a wrapper, not a byline. */
  private static final int MAX_BYLINE_LETTERS = 120;

  /** Nodes below an element past which it is a wrapper, not a byline (names, links, a date). */
  private static final int MAX_BYLINE_NODES = 500;

  /**
   * The elements under {@code root} too big to be a byline: more than {@link #MAX_BYLINE_LETTERS}
   * letters and digits, or more than {@link #MAX_BYLINE_NODES} nodes. One pass from the leaves up,
   * each count stopped just past its limit: reading each candidate's own text in turn walked the
   * rest of the page once per level when the page nests deep (unclosed elements nest 512 deep,
   * jsoup's cap, over everything after them).
   */
  private static Set<Element> wrappers(Element root) {
    IdentityHashMap<Element, int[]> counts = new IdentityHashMap<>();
    Set<Element> wrappers = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    LeavesFirst.walk(
        root,
        (node, depth) -> {
          int letters = 0;
          int nodes = 1;
          if (node instanceof TextNode t) {
            String s = t.getWholeText();
            for (int i = 0; i < s.length() && letters <= MAX_BYLINE_LETTERS; i++) {
              if (Character.isLetterOrDigit(s.charAt(i))) letters++;
            }
          } else if (node instanceof Element e) {
            int[] own = counts.remove(e); // read once: the map holds only open elements' counts
            if (own != null) {
              letters = own[0];
              nodes += own[1];
            }
            if (letters > MAX_BYLINE_LETTERS || nodes > MAX_BYLINE_NODES) wrappers.add(e);
          }
          if (depth > 0 && node.parent() instanceof Element parent) {
            int[] sum = counts.computeIfAbsent(parent, k -> new int[2]);
            sum[0] = Math.min(MAX_BYLINE_LETTERS + 1, sum[0] + letters);
            sum[1] = Math.min(MAX_BYLINE_NODES + 1, sum[1] + nodes);
          }
        });
    return wrappers;
  }

  /** The names an element gives: a line in a byline's shape first, else the first line of names. */
  private static Found read(Element e) {
    if (e.closest(FURNITURE) != null) return null;
    String all = e.text().strip();
    if (all.isEmpty() || all.length() > 200) return null;
    Set<String> notNames = new HashSet<>();
    for (Element part : e.select(NOT_NAMES)) notNames.add(part.text().strip());
    List<String> lines = BlockText.of(e).lines().toList();
    for (String line : lines) {
      Bylines.Byline byline = Bylines.parse(line.strip());
      if (byline != null && !byline.authors().isEmpty()) {
        DateFinder.Found anywhere = byline.date() == null ? DateFinder.first(all) : null;
        return new Found(byline.authors(), anywhere != null ? anywhere.date() : byline.date());
      }
    }
    for (String line : lines) {
      String text = line.strip();
      if (text.isEmpty() || notNames.contains(text) || EDITOR.matcher(text).matches()) continue;
      List<String> names = Names.parse(text);
      if (!names.isEmpty()) {
        DateFinder.Found anywhere = DateFinder.first(all); // "A<br>April 5, 2018"
        return new Found(names, anywhere != null ? anywhere.date() : null);
      }
    }
    return null;
  }
}
