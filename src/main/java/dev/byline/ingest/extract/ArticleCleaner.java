package dev.byline.ingest.extract;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.Selector;

/**
 * Takes out of a chosen article the blocks that are in it but not of it, Readability's "clean
 * conditionally": lists of links (related stories, tag clouds), image strips, forms, blocks with
 * more list items than paragraphs. A block with ten commas or more is prose and always stays, and
 * so does every block that holds the candidate the article was chosen for, and the article's notes
 * ({@link Footnotes}) with the blocks that are little more than them.
 */
@SuppressWarnings(
    "ReferenceEquality") // jsoup nodes: Node.equals is identity too, and == says so plainly
final class ArticleCleaner {
  private static final Evaluator TABLE = Selector.evaluatorOf("table");
  private static final Evaluator TABLE_HEADINGS = Selector.evaluatorOf("th, caption, thead");
  private static final Evaluator FIGURE = Selector.evaluatorOf("figure");

  private ArticleCleaner() {}

  /**
   * Removes from {@code article} the blocks that are not of it. {@code kept} is the candidate that
   * scored best: neither it nor a block holding it is removed, whatever its class names say (a page
   * builder names every block of a page "widget", the article's too, and the article's own block
   * was removed as furniture).
   */
  static void clean(
      Element article, Map<Element, Double> scores, boolean weighClasses, Element kept) {
    Set<Element> holding = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Element e = kept; e != null; e = e.parent()) holding.add(e);
    TextStats stats = TextStats.of(article);
    // One traversal, not one a tag; a block inside one removed before is not inside the article.
    Map<String, List<Element>> byTag = new HashMap<>();
    for (Element e : article.getAllElements())
      byTag.computeIfAbsent(e.normalName(), t -> new ArrayList<>()).add(e);
    removeTeasers(article, byTag.getOrDefault("article", List.of()), stats, holding);
    Set<Element> notes = Footnotes.listsIn(article);
    for (String tag : List.of("form", "fieldset", "table", "ul", "ol", "div", "section")) {
      List<Element> blocks = byTag.getOrDefault(tag, List.of());
      // Innermost first, as each removal changes the figures of the blocks around it.
      for (int i = blocks.size() - 1; i >= 0; i--) {
        Element block = blocks.get(i);
        if (block.parent() == null
            || !isInside(block, article)
            || isDataTable(block)
            || holding.contains(block)
            || isNotes(block, notes, stats)) continue;
        if (shouldRemove(block, tag, stats, scores.get(block), weighClasses)) {
          List<Element> ancestors = new ArrayList<>();
          for (Element p = block.parent(); p != null; p = p.parent()) ancestors.add(p);
          stats.subtract(block, ancestors);
          block.remove();
        }
      }
    }
  }

  /**
   * Removes {@code <article>}s that stand side by side inside the chosen article: a rail of teasers
   * (latest news, related posts) or a thread of comments, each marked as an article of its own.
   * Not when together they are most of the text (a page that is a list of stories), nor one that
   * holds the best candidate. Each group of siblings is looked at once.
   */
  private static void removeTeasers(
      Element article, List<Element> articles, TextStats stats, Set<Element> holding) {
    int whole = stats.text(article);
    Set<Element> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Element e : articles) {
      Element parent = e.parent();
      if (parent == null || !seen.add(parent) || !isInside(e, article)) continue;
      List<Element> group = new ArrayList<>();
      int text = 0;
      for (Element sibling : parent.children()) {
        if (sibling.nameIs("article") && !holding.contains(sibling)) {
          group.add(sibling);
          text += stats.text(sibling);
        }
      }
      if (group.size() < 2 || text >= 0.5 * whole) continue;
      List<Element> ancestors = new ArrayList<>();
      for (Element p = parent; p != null; p = p.parent()) ancestors.add(p);
      for (Element teaser : group) {
        stats.subtract(teaser, ancestors);
        teaser.remove();
      }
    }
  }

  /** Share of a block's text its notes must hold for the block to be their wrapper. */
  private static final double NOTES_WRAPPER = 0.8;

  /** Whether {@code block} is a list of the article's notes, or a wrapper of little more. */
  private static boolean isNotes(Element block, Set<Element> notes, TextStats stats) {
    if (notes.isEmpty()) return false;
    if (notes.contains(block)) return true;
    int inNotes = 0;
    for (Element list : notes) if (isInside(list, block)) inNotes += stats.text(list);
    return inNotes > 0 && inNotes >= NOTES_WRAPPER * stats.text(block);
  }

  private static boolean isInside(Element e, Element root) {
    for (Element p = e.parent(); p != null; p = p.parent()) {
      if (p == root) return true;
    }
    return false;
  }

  private static boolean isDataTable(Element e) {
    return e.is(TABLE) && (e.selectFirst(TABLE_HEADINGS) != null);
  }

  private static boolean shouldRemove(
      Element block, String tag, TextStats stats, Double scored, boolean weighClasses) {
    int weight = weighClasses ? Furniture.classWeight(block) : 0;
    boolean isList = tag.equals("ul") || tag.equals("ol");
    // A scored list started at -3 as a candidate (lists are rarely the article's root), which says
    // nothing about whether it belongs in the article: counted here, a list whose items hold short
    // paragraphs (captions, a loose Markdown list, steps) scored below zero and was cut out.
    double score = scored == null ? 0 : isList ? scored + 3 : scored;
    if (weight + score < 0) return true;
    if (stats.commas(block) >= 10) return false;
    int paragraphs = stats.paragraphs(block);
    int images = stats.images(block);
    int listItems = stats.listItems(block) - 100;
    int inputs = stats.inputs(block);
    int length = stats.text(block);
    double headingDensity = length == 0 ? 0 : stats.headingText(block) / (double) length;
    double links = stats.linkDensity(block);
    int embeds = stats.embeds(block);
    boolean inFigure = block.closest(FIGURE) != null;
    return (!inFigure && images > 1 && paragraphs / (double) images < 0.5)
        || (!isList && listItems > paragraphs)
        || inputs > paragraphs / 3
        || (!isList
            && !inFigure
            && headingDensity < 0.9
            && length < 25
            && (images == 0 || images > 2)
            && links > 0)
        || (!isList && weight < 25 && links > 0.2)
        || (weight >= 25 && links > 0.5)
        || (isList && links > 0.5 && MainContent.isLinkList(block))
        || (embeds == 1 && length < 75)
        || embeds > 1;
  }
}
