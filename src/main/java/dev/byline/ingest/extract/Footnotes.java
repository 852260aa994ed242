package dev.byline.ingest.extract;

import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.Selector;

/**
 * An article's notes: a list whose items the text points to with in-page links ({@code <sup><a
 * href="#note-3">3</a></sup>} in a paragraph, {@code <li id="note-3">} below), as wikis, Markdown
 * footnotes and papers write them. The pointing is markup, not words, so it holds in any language.
 * A list of notes looks like furniture by every other signal (short items, full of links to the
 * sources, after a "See also"), and the article lost it.
 *
 * <p>Only links from running text count: a slider's dots ({@code <a href="#slide-2">2</a>}) point
 * to items too, from a block of no words.
 */
final class Footnotes {
  private static final Evaluator IN_PAGE_LINKS = Selector.evaluatorOf("a[href^=#]");
  private static final Evaluator LISTS = Selector.evaluatorOf("ol, ul");

  /** Words in the block around a link that make it running text, not a control. */
  private static final int RUNNING_TEXT_WORDS = 10;

  /** Items pointed to that make a list the notes: two, and at least half of its items. */
  private static final int MIN_NOTES = 2;

  private Footnotes() {}

  /** The lists of notes under {@code root}, by identity; empty when the text points to none. */
  static Set<Element> listsIn(Element root) {
    Set<String> targets = new HashSet<>();
    for (Element link : root.select(IN_PAGE_LINKS)) {
      String id = link.attr("href").substring(1);
      if (id.isEmpty()) continue;
      Element block = link.parent();
      while (block != null && !block.isBlock()) block = block.parent();
      if (block != null && LineRules.words(block.text()) >= RUNNING_TEXT_WORDS) targets.add(id);
    }
    Set<Element> lists = Collections.newSetFromMap(new IdentityHashMap<>());
    if (targets.isEmpty()) return lists;
    for (Element list : root.select(LISTS)) {
      int items = 0;
      int notes = 0;
      for (Element item : list.children()) {
        if (!item.nameIs("li")) continue;
        items++;
        if (!item.id().isEmpty() && targets.contains(item.id())) notes++;
      }
      if (notes >= MIN_NOTES && 2 * notes >= items) lists.add(list);
    }
    return lists;
  }
}
