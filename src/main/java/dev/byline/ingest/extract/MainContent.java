package dev.byline.ingest.extract;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
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

  /** How many times as long a lenient pass's text must be to replace a stricter pass's. */
  private static final double LENIENT_GAIN = 1.5;

  /**
   * Pages with more elements than this get the strictest pass only. The lenient passes are for an
   * article page whose wrapper a class name removed (the largest of the 140 real pages in the dev
   * set has under 10,000 elements), and each clones and scores the whole tree again: a page of
   * 249,000 one-line paragraphs that are not sentences took 9–13 s in four passes and the text
   * rules. The text rules still stand in when the one pass finds too little.
   */
  static final int RETRY_MAX_ELEMENTS = 25_000;

  /** Passes from strictest to most lenient: names of furniture are the first signal let go. */
  private static final List<Set<CandidateScorer.Rule>> PASSES =
      List.of(
          EnumSet.allOf(CandidateScorer.Rule.class),
          EnumSet.of(CandidateScorer.Rule.WEIGHT_CLASSES, CandidateScorer.Rule.CLEAN_CONDITIONALLY),
          EnumSet.of(CandidateScorer.Rule.CLEAN_CONDITIONALLY),
          EnumSet.noneOf(CandidateScorer.Rule.class));

  /** Elements that hold text blocks of their own (so their text is not one paragraph). */
  private static final Set<String> BLOCKS =
      Set.of(
          "p",
          "div",
          "section",
          "article",
          "li",
          "ul",
          "ol",
          "table",
          "h2",
          "h3",
          "h4",
          "blockquote",
          "pre");

  private static final Evaluator LINKS = Selector.evaluatorOf("a");

  private static final Set<String> HEADINGS = Set.of("h2", "h3", "h4", "h5", "h6");
  private static final Set<String> LEAVES =
      Set.of("p", "pre", "blockquote", "h2", "h3", "h4", "h5", "h6", "li", "dd", "dt");
  private static final Set<String> LISTS = Set.of("ul", "ol", "dl", "table");

  private MainContent() {}

  /** As {@link #find(Document, String, List)} with no author bios. */
  static Result find(Document original, String title) {
    return find(original, title, List.of(), List.of());
  }

  /**
   * The main text of {@code original}. {@code title} is the article's title as found, or null: a
   * first paragraph that only repeats it is the headline, not the body. {@code authorBios} are
   * what the metadata says about the authors: a paragraph that begins as one does is the "about
   * the author" box, not the article.
   */
  static Result find(Document original, String title, List<String> authorBios) {
    return find(original, title, authorBios, List.of());
  }

  /**
   * As {@link #find(Document, String, List)}; {@code authors} are the names found before the body
   * (metadata, byline elements): a paragraph that is only those names is the byline.
   */
  static Result find(
      Document original, String title, List<String> authorBios, List<String> authors) {
    List<String> bios = new ArrayList<>();
    for (String bio : authorBios) {
      String key = TextExtractor.key(bio);
      if (key.length() >= BIO_PREFIX) bios.add(key.substring(0, BIO_PREFIX));
    }
    Element body = original.body();
    if (body == null) return new Result(null, null);
    Result best = new Result(null, null);
    List<Set<CandidateScorer.Rule>> passes =
        body.getAllElements().size() > RETRY_MAX_ELEMENTS ? PASSES.subList(0, 1) : PASSES;
    for (Set<CandidateScorer.Rule> rules : passes) {
      Element chosen = CandidateScorer.find(body.clone(), rules);
      Result found = collect(chosen, title == null ? "" : TextExtractor.key(title), bios, authors);
      if (length(found.body()) >= ENOUGH_TEXT) return found;
      // A more lenient pass is for an article a stricter one lost (its wrapper removed by a
      // name): it must find clearly more, not the same short article with the cookie banner
      // the stricter pass removed by its name.
      if (length(found.body()) > LENIENT_GAIN * length(best.body())) best = found;
    }
    return best;
  }

  /** How much of an author's bio a paragraph must begin with to be that bio. */
  private static final int BIO_PREFIX = 60;

  private static boolean isBio(String text, List<String> bios) {
    if (bios.isEmpty() || text.length() < BIO_PREFIX) return false;
    String key = TextExtractor.key(text);
    for (String bio : bios) if (key.startsWith(bio)) return true;
    return false;
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

  /** Paragraphs of prose closed by a bracket that make it the text's style, not a credit. */
  private static final int CITATION_STYLE = 3;

  /** The paragraphs of the chosen block, in order, filtered by the line rules. */
  private static Result collect(
      Element top, String titleKey, List<String> bios, List<String> authors) {
    List<String> paragraphs = new ArrayList<>();
    String source = null;
    List<Element> blocks = new ArrayList<>();
    Set<Element> notes = Footnotes.listsIn(top);
    gather(top, blocks, notes, holdingBlocks(top));
    int ownText = top.textNodes().stream().mapToInt(t -> t.text().strip().length()).sum();
    if (ownText > 200) {
      // Text straight in the block, broken by <br>: read it line by line instead.
      blocks.clear();
      for (String line : BlockText.of(top).split("\n", -1)) {
        blocks.add(new Element("p").text(line));
      }
    }
    // A bracket closing a line is a photo's credit ("[Xinhua]"), unless the text closes its
    // paragraphs so: then it is the text's citation style ("[M1]"), and a paragraph, not a caption.
    int bracketed = 0;
    for (Element block : blocks) {
      String text = block.text();
      if (LineRules.endsWithBracket(text) && LineRules.isProse(text)) bracketed++;
    }
    boolean citesInBrackets = bracketed >= CITATION_STYLE;
    IdentityHashMap<Element, Boolean> linkLists = new IdentityHashMap<>();
    List<Integer> ranks = new ArrayList<>(); // of each paragraph kept: 1-6 for h1-h6, 0 for text
    for (int i = 0; i < blocks.size(); i++) {
      Element block = blocks.get(i);
      String text = block.text().strip();
      if (text.isEmpty()) continue;
      boolean footer = LineRules.isFooter(text);
      if (footer
          && !paragraphs.isEmpty()
          && endsArticle(block, paragraphs, blocks.subList(i + 1, blocks.size()), notes)) break;
      String found = TextExtractor.sourceOf(text);
      if (found != null) {
        if (source == null) source = found;
        continue;
      }
      // The headline repeated at the head of the text (a theme's title block) is not a paragraph.
      if (paragraphs.isEmpty() && TextExtractor.key(text).equals(titleKey)) continue;
      if (isBio(text, bios)) continue;
      // An h1 is the headline before the text begins, or repeats it; one further down is a
      // section heading (Medium, Blogger and slideshow pages use h1 for those).
      if (block.nameIs("h1") && (paragraphs.isEmpty() || TextExtractor.key(text).equals(titleKey)))
        continue;
      if (footer || LineRules.isNoise(text)) continue;
      if (LineRules.isCaption(text)
          && !HEADINGS.contains(block.normalName())
          && !(citesInBrackets && LineRules.isProse(text) && LineRules.endsWithBracket(text))) {
        continue;
      }
      if (Bylines.parse(text) != null || onlyNames(text, authors)) continue;
      if (LineRules.words(text) <= 6 && DateFinder.first(text) != null) continue; // a dateline
      // A short block of links is navigation, unless it is an item of a list that reads as prose.
      if (text.length() < 300
          && linkDensity(block) > 0.5
          && !inProseList(block, linkLists, notes)
          && !headingOfProse(block, blocks, i)) {
        continue;
      }
      // A heading of more than 20 words is a teaser's or a dek's, unless it ends as a sentence
      // does and is no longer than a lead: then it is a paragraph the site set in a heading's
      // type (a lead, a closing question). Longer, it is a promotion's box.
      int headingWords = HEADINGS.contains(block.normalName()) ? LineRules.words(text) : 0;
      if (headingWords > 20 && (headingWords > 40 || !LineRules.endsLikeSentence(text))) continue;
      paragraphs.add(text);
      ranks.add(headingRank(block));
    }
    // A heading whose section holds nothing (the next heading comes at once, at its rank or above)
    // heads what was left out: a list of links ("Jump to:"), a product card's buttons.
    List<String> sectioned = new ArrayList<>();
    int nextRank = 0; // of the paragraph kept after this one
    for (int i = paragraphs.size() - 1; i >= 0; i--) {
      int rank = ranks.get(i);
      if (rank > 0 && nextRank > 0 && nextRank <= rank) continue;
      sectioned.add(paragraphs.get(i));
      nextRank = rank;
    }
    paragraphs.clear();
    paragraphs.addAll(sectioned.reversed());
    // Headings or list items after the last real paragraph are the site's, not the story's.
    while (!paragraphs.isEmpty()
        && !LineRules.endsLikeSentence(paragraphs.get(paragraphs.size() - 1))
        && LineRules.words(paragraphs.get(paragraphs.size() - 1)) < 15) {
      paragraphs.remove(paragraphs.size() - 1);
    }
    // The authors' bios close many articles ("Ana Ruiz is a reporter covering the coast"); like a
    // bio the metadata gives, they are the "about the author" box, not the story.
    while (paragraphs.size() > 1 && isClosingBio(paragraphs.get(paragraphs.size() - 1), authors)) {
      paragraphs.remove(paragraphs.size() - 1);
    }
    return new Result(paragraphs.isEmpty() ? null : String.join("\n\n", paragraphs), source);
  }

  /**
   * The elements under {@code root} that hold a block somewhere below them (not counting
   * themselves: {@code select} matches the element itself too, which made every {@code div} look
   * like a container, and the text of a {@code div} that holds only text, a price line or a page
   * builder's paragraph, was lost). Found in one pass from the leaves up: asking each element in
   * turn walked its whole subtree once per level, and a page of unclosed elements nests 512 deep
   * (jsoup's cap, as browsers) over the rest of the page.
   */
  private static Set<Element> holdingBlocks(Element root) {
    Set<Element> holding = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    LeavesFirst.walk(
        root,
        (node, depth) -> {
          if (depth > 0 // not root itself
              && node instanceof Element e
              && (BLOCKS.contains(e.normalName()) || holding.contains(e))) {
            holding.add(e.parent());
          }
        });
    return holding;
  }

  /**
   * Whether a footer line ("Read more", "Sign up for our newsletter", "Related") is where the
   * article ends. Not when it is a link (a "Read more" button under each item of a list of news),
   * nor when at least half as much prose follows it inside the chosen block as came before it: a
   * newsletter box in the middle of a story, not the site's rails after it. A notice written as a
   * sentence ("Disclaimer: the sizes you see may differ…") is the story's own aside when two
   * paragraphs of prose or more follow it; a site's boilerplate after a copyright line is one. Nor
   * when the article's notes follow it (a "See also" above them): they are the article's.
   */
  private static boolean endsArticle(
      Element line, List<String> before, List<Element> after, Set<Element> notes) {
    if (linkDensity(line) > 0.5) return false;
    int proseBefore = 0;
    for (String paragraph : before) {
      if (LineRules.isProse(paragraph)) proseBefore += paragraph.length();
    }
    int proseAfter = 0;
    int paragraphsAfter = 0;
    for (Element block : after) {
      String text = block.text();
      if (LineRules.isFooter(text)) break;
      if (notes.contains(block.parent())) return false;
      if (LineRules.isProse(text) && linkDensity(block) < 0.25) {
        proseAfter += text.length();
        paragraphsAfter++;
      }
    }
    if (LineRules.isProse(line.text()) && paragraphsAfter >= 2) return false;
    return proseAfter < 0.5 * proseBefore || proseAfter == 0;
  }

  /**
   * Whether a paragraph is only the authors' names ("Ana Ruiz and Li Wei"): the byline, set
   * without a "By". What is left once the names are taken out may be the words that join them.
   */
  static boolean onlyNames(String text, List<String> authors) {
    if (authors.isEmpty() || text.length() > 200) return false;
    String rest = " " + words(text) + " ";
    boolean found = false;
    for (String author : authors) {
      String name = words(author);
      if (name.isEmpty()) continue;
      int at = rest.indexOf(" " + name + " ");
      if (at < 0) return false;
      rest = rest.substring(0, at) + " " + rest.substring(at + name.length() + 2);
      found = true;
    }
    if (!found) return false;
    int left = 0;
    for (String word : rest.strip().split("\\s+")) {
      if (word.isEmpty()) continue;
      if (word.length() > 4) return false;
      left++;
    }
    return left < authors.size();
  }

  /** 1 to 6 for h1 to h6, 0 for any other block. */
  private static int headingRank(Element block) {
    String tag = block.normalName();
    return tag.length() == 2 && tag.charAt(0) == 'h' && tag.charAt(1) >= '1' && tag.charAt(1) <= '6'
        ? tag.charAt(1) - '0'
        : 0;
  }

  /** Words beyond which a paragraph is more than an author's bio. */
  private static final int BIO_WORDS = 100;

  /** Words of a label before a colon ("About the author:") that a bio may begin with. */
  private static final int BIO_LABEL_WORDS = 4;

  /**
   * Whether a paragraph begins with the full name (two words or more) of one of the authors,
   * after a short label ending in a colon if any, and is no longer than a bio runs. Only the
   * closing paragraphs are asked: the story may name its author (a column's "Ana Ruiz writes…"),
   * the bios come last.
   */
  static boolean isClosingBio(String text, List<String> authors) {
    if (authors.isEmpty() || LineRules.words(text) > BIO_WORDS) return false;
    String rest = text;
    int colon = text.indexOf(':');
    if (colon > 0 && LineRules.words(text.substring(0, colon)) <= BIO_LABEL_WORDS) {
      rest = text.substring(colon + 1);
    }
    String start = words(rest) + " ";
    for (String author : authors) {
      String name = words(author);
      if (name.indexOf(' ') > 0 && start.startsWith(name + " ")) return true;
    }
    return false;
  }

  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  /** Lower-cased words, one space apart, punctuation gone. */
  private static String words(String s) {
    return NOT_WORD.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
  }

  /**
   * A list of links (a menu, related stories): its text is mostly links and its items begin with
   * one. A list whose items begin as sentences and link words inside them ("Neil has patches up to
   * <a>improve the tab unloader</a>") is prose, however much of it the links cover.
   */
  static boolean isLinkList(Element list) {
    if (linkDensity(list) <= 0.5) return false;
    if (!list.nameIs("ul") && !list.nameIs("ol")) return true;
    int items = 0;
    int linked = 0;
    for (Element item : list.children()) {
      if (!item.nameIs("li")) continue;
      items++;
      if (readsAsLink(item)) linked++;
    }
    return items == 0 || 2 * linked >= items;
  }

  private static boolean inProseList(
      Element block, IdentityHashMap<Element, Boolean> cache, Set<Element> notes) {
    Element list = block.parent();
    if (!block.nameIs("li") || list == null) return false;
    if (!list.nameIs("ul") && !list.nameIs("ol")) return false;
    if (notes.contains(list)) return true; // the article's notes: links to their sources
    return !cache.computeIfAbsent(list, MainContent::isLinkList);
  }

  /**
   * Whether a list item reads as a link: its first text is a link's, or what is not a link is no
   * more than a label ("See also:", "Related:"). Read in one pass that stops as soon as it knows.
   */
  private static boolean readsAsLink(Element item) {
    StringBuilder unlinked = new StringBuilder();
    boolean[] linkFirst = new boolean[1];
    NodeTraversor.filter(
        new NodeFilter() {
          private int inLink;
          private boolean seenText;

          @Override
          public FilterResult head(Node node, int depth) {
            if (node instanceof Element e && e.nameIs("a")) inLink++;
            else if (node instanceof TextNode t && !t.isBlank()) {
              if (!seenText) {
                seenText = true;
                if (inLink > 0) {
                  linkFirst[0] = true;
                  return FilterResult.STOP;
                }
              }
              if (inLink == 0) {
                unlinked.append(t.text()).append(' ');
                if (LineRules.words(unlinked.toString()) >= PROSE_ITEM_WORDS) {
                  return FilterResult.STOP;
                }
              }
            }
            return FilterResult.CONTINUE;
          }

          @Override
          public FilterResult tail(Node node, int depth) {
            if (node instanceof Element e && e.nameIs("a")) inLink--;
            return FilterResult.CONTINUE;
          }
        },
        item);
    return linkFirst[0] || LineRules.words(unlinked.toString()) < PROSE_ITEM_WORDS;
  }

  /** Words outside links that make a list item more than a label and a link. */
  private static final int PROSE_ITEM_WORDS = 4;

  /**
   * Whether {@code block} is a heading (h2–h6) whose next text block is prose, not links: a
   * section heading written as a link (a contents back-link, a product name), which the
   * link-density rule would take for navigation.
   */
  static boolean headingOfProse(Element block, List<Element> blocks, int i) {
    if (!HEADINGS.contains(block.normalName())) return false;
    for (int j = i + 1; j < blocks.size(); j++) {
      Element next = blocks.get(j);
      String t = next.text().strip();
      if (t.isEmpty()) continue;
      if (HEADINGS.contains(next.normalName())) return false;
      return LineRules.isProse(t) && linkDensity(next) < 0.5;
    }
    return false;
  }

  /** Leaf text blocks under {@code e}, in document order; {@code notes} are read as prose. */
  private static void gather(
      Element e, List<Element> out, Set<Element> notes, Set<Element> holdingBlocks) {
    for (Element child : e.children()) {
      String tag = child.normalName();
      if (LEAVES.contains(tag)) {
        out.add(child);
      } else if (tag.equals("h1")) {
        out.add(child); // read as the headline or a section heading (see collect)
      } else if (LISTS.contains(tag)) {
        // A list of links is navigation, unless it is the article's notes.
        if (notes.contains(child) || !isLinkList(child)) {
          gather(child, out, notes, holdingBlocks);
        }
      } else if (holdingBlocks.contains(child)) {
        gather(child, out, notes, holdingBlocks);
      } else if (!child.text().isBlank()) {
        out.add(child); // a block with inline markup only: one paragraph
      }
    }
  }
}
