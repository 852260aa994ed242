package dev.byline.ingest.extract;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.Selector;

/**
 * Finds the element that holds an article, Readability's way: every paragraph gives points to its
 * parent and, less and less, to four more ancestors (more for length and commas); each candidate's
 * points shrink by its link density; the best candidate is widened to the ancestor that several
 * near-best candidates share (an article split across page-builder blocks), to a parent that scores
 * better, and then joined by the siblings that look like more of the same article.
 *
 * <p>All signals are language-independent: text length, commas in any script, link density, tag
 * and position; class names only weigh in (±25) when {@link Rule#WEIGHT_CLASSES} is on.
 */
@SuppressWarnings(
    "ReferenceEquality") // jsoup nodes: Node.equals is identity too, and == says so plainly
final class CandidateScorer {
  /** The rules a pass applies; a pass that finds too little text is retried with fewer. */
  enum Rule {
    /** Remove elements whose class or id names furniture (unless they hold the article). */
    STRIP_UNLIKELY,
    /** Let class and id names add or take away points. */
    WEIGHT_CLASSES,
    /** Remove link lists, image galleries and forms inside the chosen article. */
    CLEAN_CONDITIONALLY
  }

  private static final int MIN_PARAGRAPH = 25;
  private static final int TOP_CANDIDATES = 5;
  private static final int MIN_SHARED_CANDIDATES = 3;
  private static final Set<String> DIV_BLOCKS =
      Set.of(
          "blockquote",
          "dl",
          "div",
          "img",
          "ol",
          "p",
          "pre",
          "table",
          "ul",
          "section",
          "article",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "figure",
          "header",
          "footer",
          "aside",
          "nav",
          "main",
          "form",
          "hr",
          "li");
  private static final Set<String> SCORED =
      Set.of("p", "pre", "td", "section", "h2", "h3", "h4", "h5", "h6");
  private static final Evaluator ARTICLE_ROOT =
      Selector.evaluatorOf("article, main, [itemprop=articleBody]");

  private final Set<Rule> rules;
  private final IdentityHashMap<Element, Double> scores = new IdentityHashMap<>();
  private TextStats stats;

  /** The candidate that scored best, before it was widened to the blocks around it. */
  private Element bestScored;

  private CandidateScorer(Set<Rule> rules) {
    this.rules = rules;
  }

  /**
   * The article in {@code body} (which this changes: pass a copy), as a new {@code div} holding the
   * chosen blocks in page order; never null, but possibly empty.
   */
  static Element find(Element body, Set<Rule> rules) {
    return new CandidateScorer(rules).run(body);
  }

  private Element run(Element body) {
    Furniture.removeNeverText(body);
    wrapLooseText(body);
    // Where the text alone points, before any name is believed: furniture removal spares it.
    stats = TextStats.of(body);
    score(body);
    Element textsChoice = choose(body);
    scores.clear();
    Furniture.strip(body, rules.contains(Rule.STRIP_UNLIKELY), textsChoice);
    stats = TextStats.of(body);
    score(body);
    Element top = choose(body);
    Element article = withSiblings(top, body);
    if (rules.contains(Rule.CLEAN_CONDITIONALLY)) {
      ArticleCleaner.clean(article, scores, rules.contains(Rule.WEIGHT_CLASSES), bestScored);
    }
    return article;
  }

  /**
   * Text standing straight in a block that also holds blocks ("text<br>text<div>…</div>") becomes
   * paragraphs of its own, so it is scored and kept like any paragraph.
   */
  private static void wrapLooseText(Element body) {
    for (Element e : body.select("div, section, article, main, td")) {
      if (!hasBlockChild(e)) continue;
      // The children are detached, then put back with the runs wrapped: moving each node of a run
      // while it was still in place removed it from the front of the parent's list, shifting the
      // rest (quadratic in a block of 100,000 inline elements).
      List<Node> children = new ArrayList<>(e.childNodes());
      e.empty();
      List<Node> rebuilt = new ArrayList<>(children.size());
      List<Node> run = new ArrayList<>();
      for (Node child : children) {
        boolean phrasing =
            child instanceof TextNode
                || (child instanceof Element c && !DIV_BLOCKS.contains(c.normalName()));
        if (phrasing) {
          run.add(child);
        } else {
          wrap(run, rebuilt);
          rebuilt.add(child);
        }
      }
      wrap(run, rebuilt);
      e.appendChildren(rebuilt);
    }
  }

  /** Adds {@code run} (detached nodes) to {@code out}: in a paragraph of its own if it has text. */
  private static void wrap(List<Node> run, List<Node> out) {
    boolean hasText = false;
    for (Node n : run) {
      if (n instanceof TextNode t ? !t.isBlank() : !((Element) n).text().isBlank()) {
        hasText = true;
        break;
      }
    }
    if (hasText) {
      Element p = new Element("p");
      p.appendChildren(run);
      out.add(p);
    } else {
      out.addAll(run);
    }
    run.clear();
  }

  private static boolean hasBlockChild(Element e) {
    for (Element child : e.children()) {
      if (DIV_BLOCKS.contains(child.normalName())) return true;
    }
    return false;
  }

  private boolean isParagraph(Element e) {
    String tag = e.normalName();
    return SCORED.contains(tag) || (tag.equals("div") && !hasBlockChild(e));
  }

  private void score(Element body) {
    for (Element e : body.getAllElements()) {
      if (e == body || !isParagraph(e)) continue;
      int length = stats.text(e);
      if (length < MIN_PARAGRAPH) continue;
      // A paragraph that is mostly links (a list of names, a tag cloud) is not prose, however many
      // commas it has.
      double points =
          (2 + stats.commas(e) + Math.min(length / 100, 3)) * (1 - stats.linkDensity(e));
      Element ancestor = e.parent();
      for (int level = 0; level < 5 && ancestor != null; level++) {
        double share = level == 0 ? 1 : level == 1 ? 2 : level * 3;
        final double add = points / share;
        Element a = ancestor;
        scores.put(a, scores.containsKey(a) ? scores.get(a) + add : initialScore(a) + add);
        if (ancestor == body) break;
        ancestor = ancestor.parent();
      }
    }
    scores.replaceAll((e, s) -> s * (1 - stats.linkDensity(e)));
  }

  private double initialScore(Element e) {
    double score =
        switch (e.normalName()) {
          case "div" -> 5;
          case "pre", "td", "blockquote" -> 3;
          case "address", "ol", "ul", "dl", "dd", "dt", "li", "form" -> -3;
          case "h1", "h2", "h3", "h4", "h5", "h6", "th" -> -5;
          default -> 0;
        };
    if (rules.contains(Rule.WEIGHT_CLASSES)) score += Furniture.classWeight(e);
    if (e.is(ARTICLE_ROOT) && !isOneOfTeasers(e)) score += 25;
    return score;
  }

  /**
   * An {@code <article>} beside other {@code <article>}s: one item of a list of stories (a rail of
   * teasers, a blog's index), which the tag does not make the page's article.
   */
  private static boolean isOneOfTeasers(Element e) {
    if (!e.normalName().equals("article")) return false;
    Element parent = e.parent();
    if (parent == null) return false;
    for (Element sibling : parent.children()) {
      if (sibling != e && sibling.normalName().equals("article")) return true;
    }
    return false;
  }

  private double scoreOf(Element e) {
    return scores.computeIfAbsent(e, this::initialScore);
  }

  private Element choose(Element body) {
    List<Element> top = new ArrayList<>();
    for (Map.Entry<Element, Double> entry : scores.entrySet()) {
      top.add(entry.getKey());
    }
    top.sort((a, b) -> Double.compare(scores.get(b), scores.get(a)));
    if (top.isEmpty() || top.get(0) == body) {
      bestScored = body;
      return body;
    }
    Element best = top.get(0);
    bestScored = best;
    double bestScore = scores.get(best);

    // Near-best candidates that share an ancestor: the article is split in blocks; take them all.
    List<Element> alternatives = new ArrayList<>();
    for (int i = 1; i < Math.min(top.size(), TOP_CANDIDATES); i++) {
      if (scores.get(top.get(i)) / bestScore >= 0.75) alternatives.add(top.get(i));
    }
    if (alternatives.size() >= MIN_SHARED_CANDIDATES) {
      for (Element parent = best.parent();
          parent != null && parent != body;
          parent = parent.parent()) {
        int holding = 0;
        for (Element alternative : alternatives) {
          if (isAncestor(parent, alternative)) holding++;
        }
        if (holding >= MIN_SHARED_CANDIDATES) {
          best = parent;
          break;
        }
      }
    }

    // A parent that scores better than what the best candidate gives it holds more of the article.
    double last = scoreOf(best);
    double threshold = last / 3;
    for (Element parent = best.parent();
        parent != null && parent != body;
        parent = parent.parent()) {
      Double parentScore = scores.get(parent);
      if (parentScore == null) continue;
      if (parentScore < threshold) break;
      if (parentScore > last) {
        best = parent;
        break;
      }
      last = parentScore;
    }
    while (best.parent() != null && best.parent() != body && best.parent().childrenSize() == 1) {
      best = best.parent();
    }
    return best;
  }

  /**
   * A block cut from the same cloth as the chosen one: same tag, and the same class names (none
   * counts) or a majority of them shared, a page that splits its story into sections in a row.
   */
  private static boolean isTwin(Element sibling, Element top) {
    if (!sibling.normalName().equals(top.normalName())) return false;
    if (sibling.className().equals(top.className())) return true;
    // Page builders number their panels ("panel-first-child", "panel-last-child"): twins share
    // most of their class names, not all.
    java.util.Set<String> a = sibling.classNames();
    java.util.Set<String> b = top.classNames();
    if (a.isEmpty() || b.isEmpty()) return false;
    int shared = 0;
    for (String c : a) if (b.contains(c)) shared++;
    return 2 * shared >= Math.max(a.size(), b.size()) + 1;
  }

  private static boolean isAncestor(Element ancestor, Element e) {
    for (Element p = e.parent(); p != null; p = p.parent()) {
      if (p == ancestor) return true;
    }
    return false;
  }

  /** The best candidate and the siblings that score well or read as paragraphs, in page order. */
  private Element withSiblings(Element top, Element body) {
    Element article = new Element("div");
    Element parent = top.parent();
    if (top == body || parent == null) {
      // Detached first, then appended: appending a child still in place removes it from its
      // parent's list, shifting the rest (quadratic in a block of 240,000 paragraphs).
      List<Node> children = new ArrayList<>(top.childNodes());
      top.empty();
      article.appendChildren(children);
      return article;
    }
    double topScore = scoreOf(top);
    double threshold = Math.max(10, topScore * 0.2);
    String topClass = top.className();
    List<Element> kept = new ArrayList<>();
    for (Element sibling : new ArrayList<>(parent.children())) {
      boolean keep = sibling == top;
      if (!keep) {
        double bonus =
            !topClass.isEmpty() && sibling.className().equals(topClass) ? topScore * 0.2 : 0;
        Double siblingScore = scores.get(sibling);
        if (siblingScore != null && siblingScore + bonus >= threshold) {
          keep = true;
        } else if (isTwin(sibling, top)
            && stats.text(sibling) >= 200
            && stats.linkDensity(sibling) < 0.25) {
          keep = true;
        } else if (isParagraph(sibling)) {
          int length = stats.text(sibling);
          double links = stats.linkDensity(sibling);
          if (length > 80 && links < 0.25) keep = true;
          else if (length > 0
              && length <= 80
              && links == 0
              && LineRules.endsLikeSentence(sibling.text())) keep = true;
        }
      }
      if (keep) kept.add(sibling);
    }
    parent.empty(); // detached in one step, as above; the page around them is not read again
    article.appendChildren(kept);
    return article;
  }
}
