package dev.byline.ingest.extract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * Finds an HTML page's main text, in the manner of Readability: page furniture (navigation,
 * headers, footers, asides, menus, cookie banners, share bars, related lists, comments) is removed;
 * paragraphs score their parent blocks by length and commas; the block with the most paragraph text
 * and the fewest links wins, with the siblings that look like more of the same article. Its
 * paragraphs are then filtered by the same line rules as text pages.
 */
final class MainContent {
  /** The body text, and a source line found in it ("(Source: …)"), if any. */
  record Result(String body, String source) {}

  private static final String REMOVED_TAGS =
      "script, style, noscript, template, iframe, object, embed, svg, canvas, form, button, input,"
          + " select, textarea, nav, header, footer, aside, figure, figcaption, picture, video, audio,"
          + " dialog, menu, [hidden], [aria-hidden=true], [role=navigation], [role=banner],"
          + " [role=contentinfo], [role=complementary], [role=dialog], [role=alertdialog]";
  private static final Pattern UNLIKELY =
      Pattern.compile(
          "(?i)-ad-|\\bads?\\b|advert|banner|breadcrumb|combx|comment|community|cookie|consent|disqus"
              + "|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar"
              + "|skyscraper|social|sponsor|supplemental|pagination|pager|popup|modal|newsletter"
              + "|subscribe|signup|share|sharing|promo|outbrain|taboola|recommend|most-?read|popular"
              + "|trending|tags|author-?bio|byline|dateline|toolbar|print|caption|credit|masthead|teaser");
  private static final Pattern MAYBE =
      Pattern.compile("(?i)article|body|column|content|main|post|story|entry|text|prose");
  private static final Pattern POSITIVE =
      Pattern.compile("(?i)article|body|content|entry|main|page|post|story|text|blog|prose");
  private static final Pattern NEGATIVE =
      Pattern.compile("(?i)hidden|banner|combx|comment|com-|contact|foot|footer|footnote|masthead|media"
          + "|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags"
          + "|tool|widget|teaser|card|list");

  /** Elements that hold text blocks of their own (so their text is not one paragraph). */
  private static final String BLOCKS = "p, div, section, article, li, ul, ol, table, h2, h3, h4, blockquote, pre";

  private MainContent() {}

  static Result find(Document original) {
    Document doc = original.clone();
    Element body = doc.body();
    if (body == null) return new Result(null, null);
    body.select(REMOVED_TAGS).remove();
    removeUnlikely(body);

    Element root = body;
    Elements articles = body.select("[itemprop=articleBody], article");
    if (articles.size() == 1 || (articles.size() > 1 && articles.first().is("[itemprop=articleBody]"))) {
      root = articles.first();
    } else if (body.select("main").size() == 1) {
      root = body.selectFirst("main");
    }
    Element top = bestCandidate(root);
    if (top == null) return new Result(null, null);
    return collect(top);
  }

  private static void removeUnlikely(Element body) {
    List<Element> doomed = new ArrayList<>();
    for (Element e : body.getAllElements()) {
      if (e == body || e.is("article, main, [itemprop=articleBody]")) continue;
      String marker = e.className() + " " + e.id();
      if (marker.isBlank()) continue;
      if (UNLIKELY.matcher(marker).find() && !MAYBE.matcher(marker).find()) doomed.add(e);
    }
    doomed.forEach(Element::remove);
  }

  private static Element bestCandidate(Element root) {
    Map<Element, Double> scores = new HashMap<>();
    for (Element p : root.select("p, pre, td, blockquote, div")) {
      if (p.is("div") && !p.children().select("p, div, section, article, table, ul, ol, pre, blockquote").isEmpty()) {
        continue; // a container, scored through its paragraphs
      }
      String text = p.text();
      if (text.length() < 25) continue;
      double score = 1 + text.split(",", -1).length - 1 + Math.min(text.length() / 100.0, 3);
      Element parent = p.parent();
      if (parent == null) continue;
      scores.merge(parent, score + classWeight(parent), (a, b) -> a + score);
      Element grand = parent.parent();
      if (grand != null) scores.merge(grand, score / 2 + classWeight(grand), (a, b) -> a + score / 2);
    }
    Element best = null;
    double bestScore = 0;
    for (Map.Entry<Element, Double> e : scores.entrySet()) {
      double score = e.getValue() * (1 - linkDensity(e.getKey()));
      if (score > bestScore) {
        bestScore = score;
        best = e.getKey();
      }
    }
    if (best == null) return root;
    // A lone paragraph-holder inside a bigger article block: take the block, it holds the rest.
    Element parent = best.parent();
    if (parent != null && parent != root.parent() && scores.getOrDefault(parent, 0.0) * (1 - linkDensity(parent)) > bestScore * 0.6
        && parent.text().length() < best.text().length() * 1.6) {
      best = parent;
    }
    return best;
  }

  private static double classWeight(Element e) {
    String marker = e.className() + " " + e.id();
    double weight = 0;
    if (NEGATIVE.matcher(marker).find()) weight -= 25;
    if (POSITIVE.matcher(marker).find()) weight += 25;
    if (e.is("article, main, [itemprop=articleBody]")) weight += 25;
    return weight;
  }

  static double linkDensity(Element e) {
    int length = e.text().length();
    if (length == 0) return 0;
    int links = 0;
    for (Element a : e.select("a")) links += a.text().length();
    return Math.min(1.0, links / (double) length);
  }

  /** The paragraphs of the chosen block, in order, filtered by the line rules. */
  private static Result collect(Element top) {
    List<String> paragraphs = new ArrayList<>();
    String source = null;
    List<Element> blocks = new ArrayList<>();
    gather(top, blocks);
    int ownText = top.textNodes().stream().mapToInt(t -> t.text().strip().length()).sum();
    if (ownText > 200) {
      // Text straight in the block, broken by <br>: read it line by line instead.
      blocks.clear();
      for (String line : BlockText.of(top).split("\n")) {
        blocks.add(new Element("p").text(line));
      }
    }
    for (Element block : blocks) {
      String text = block.text().strip();
      if (text.isEmpty()) continue;
      if (LineRules.isFooter(text) && !paragraphs.isEmpty()) break;
      String found = TextExtractor.sourceOf(text);
      if (found != null) {
        if (source == null) source = found;
        continue;
      }
      if (LineRules.isNoise(text) || LineRules.isCaption(text) || LineRules.isFooter(text)) continue;
      if (Bylines.parse(text) != null) continue;
      if (LineRules.words(text) <= 6 && DateFinder.first(text) != null) continue; // a dateline
      if (linkDensity(block) > 0.5 && text.length() < 300) continue;
      if (block.is("h2, h3, h4, h5, h6") && LineRules.words(text) > 20) continue;
      paragraphs.add(text);
    }
    // Headings or list items after the last real paragraph are the site's, not the story's.
    while (!paragraphs.isEmpty() && !LineRules.endsLikeSentence(paragraphs.get(paragraphs.size() - 1))
        && LineRules.words(paragraphs.get(paragraphs.size() - 1)) < 15) {
      paragraphs.remove(paragraphs.size() - 1);
    }
    return new Result(paragraphs.isEmpty() ? null : String.join("\n\n", paragraphs), source);
  }

  /** Leaf text blocks under {@code e}, in document order. */
  private static void gather(Element e, List<Element> out) {
    for (Element child : e.children()) {
      if (child.is("p, pre, blockquote, h2, h3, h4, h5, h6, li, dd, dt")) {
        out.add(child);
      } else if (child.is("h1")) {
        continue; // the headline, already the title
      } else if (child.is("ul, ol, dl, table")) {
        if (linkDensity(child) < 0.5) gather(child, out); // a list of links is navigation
      } else if (!child.select(BLOCKS).isEmpty()) {
        gather(child, out);
      } else if (!child.text().isBlank()) {
        out.add(child); // a block with inline markup only: one paragraph
      }
    }
  }
}
