package dev.byline.ingest.extract;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.Evaluator;
import org.jsoup.select.Selector;

/**
 * Finds an HTML page's main text: {@link CandidateScorer} chooses the blocks of the article (after
 * {@link Furniture} is taken away), and their paragraphs are filtered by the same line rules as text
 * pages. A pass that finds less than a short article's worth of text is run again with fewer rules
 * (class names are a weak signal, and the first to be let go), and the longest result is kept.
 */
final class MainContent {
  /** The body text, and a source line found in it ("(Source: …)"), if any. */
  record Result(String body, String source) {}

  /** Below this many characters a pass is taken to have missed the article, and is retried. */
  private static final int ENOUGH_TEXT = 500;
  /** Passes from strictest to most lenient: names of furniture are the first signal let go. */
  private static final List<Set<CandidateScorer.Rule>> PASSES =
      List.of(
          EnumSet.allOf(CandidateScorer.Rule.class),
          EnumSet.of(CandidateScorer.Rule.WEIGHT_CLASSES, CandidateScorer.Rule.CLEAN_CONDITIONALLY),
          EnumSet.of(CandidateScorer.Rule.CLEAN_CONDITIONALLY),
          EnumSet.noneOf(CandidateScorer.Rule.class));

  /** Elements that hold text blocks of their own (so their text is not one paragraph). */
  private static final Evaluator BLOCKS = Selector.evaluatorOf("p, div, section, article, li, ul, ol, table, h2, h3, h4, blockquote, pre");
  private static final Evaluator LINKS = Selector.evaluatorOf("a");

  private static final Set<String> HEADINGS = Set.of("h2", "h3", "h4", "h5", "h6");
  private static final Set<String> LEAVES = Set.of("p", "pre", "blockquote", "h2", "h3", "h4", "h5", "h6", "li", "dd", "dt");
  private static final Set<String> LISTS = Set.of("ul", "ol", "dl", "table");

  private MainContent() {}

  static Result find(Document original) {
    Element body = original.body();
    if (body == null) return new Result(null, null);
    Result best = new Result(null, null);
    for (Set<CandidateScorer.Rule> rules : PASSES) {
      Element chosen = CandidateScorer.find(body.clone(), rules);
      Result found = collect(chosen);
      if (length(found.body()) >= ENOUGH_TEXT) return found;
      if (length(found.body()) > length(best.body())) best = found;
    }
    return best;
  }

  private static int length(String s) {
    return s == null ? 0 : s.length();
  }

  static double linkDensity(Element e) {
    Elements anchors = e.select(LINKS);
    if (anchors.isEmpty()) return 0; // no link: the text need not be read
    int length = e.text().length();
    if (length == 0) return 0;
    int links = 0;
    for (Element a : anchors) links += a.text().length();
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
      boolean footer = LineRules.isFooter(text);
      if (footer && !paragraphs.isEmpty()) break;
      String found = TextExtractor.sourceOf(text);
      if (found != null) {
        if (source == null) source = found;
        continue;
      }
      if (footer || LineRules.isNoise(text) || LineRules.isCaption(text)) continue;
      if (Bylines.parse(text) != null) continue;
      if (LineRules.words(text) <= 6 && DateFinder.first(text) != null) continue; // a dateline
      if (text.length() < 300 && linkDensity(block) > 0.5) continue;
      if (HEADINGS.contains(block.normalName()) && LineRules.words(text) > 20) continue;
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
      String tag = child.normalName();
      if (LEAVES.contains(tag)) {
        out.add(child);
      } else if (tag.equals("h1")) {
        continue; // the headline, already the title
      } else if (LISTS.contains(tag)) {
        if (linkDensity(child) < 0.5) gather(child, out); // a list of links is navigation
      } else if (child.selectFirst(BLOCKS) != null) { // the first is enough: selecting all was quadratic on deep pages
        gather(child, out);
      } else if (!child.text().isBlank()) {
        out.add(child); // a block with inline markup only: one paragraph
      }
    }
  }
}
