package dev.byline.ingest.extract;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.Selector;

/**
 * A page's furniture: what sites put around an article (navigation, menus, cookie banners, share
 * bars, newsletter boxes, related rails, comments) and how it is recognised, by tag, by ARIA role
 * and by class or id names.
 *
 * <p>Names are a weak signal: a whole page sits in {@code div.with-sidebar-layout} or {@code
 * div.panel-two-col-sidebar}, and deleting it by its name deletes the article. So no element is
 * removed as furniture while it holds the article's marked root ({@code <main>}, {@code
 * itemprop=articleBody}) or the block that the text alone (paragraph lengths, commas, link density)
 * points to. Its furniture children are still looked at one by one.
 */
@SuppressWarnings(
    "ReferenceEquality") // jsoup nodes: Node.equals is identity too, and == says so plainly
final class Furniture {
  /** Never text a reader reads as the article: scripts, forms' controls, media, dialogs. */
  static final String ALWAYS_REMOVED =
      "script, style, noscript, template, iframe, object, embed, svg, canvas, button, input,"
          + " select, textarea, picture, video, audio, dialog, [hidden], [aria-hidden=true],"
          + " [aria-modal=true]";

  /**
   * Furniture by tag, role or microdata; removed unless it holds the article. An element the markup
   * calls the author ({@code itemprop=author}) is a byline or an "about the author" box, whatever
   * language its bio is in: the author is read from it before, and neither is the article's text.
   */
  static final String FURNITURE_TAGS =
      "nav, header, footer, aside, form, figure, figcaption, menu, [role=navigation], [role=banner],"
          + " [role=contentinfo], [role=complementary], [role=dialog], [role=alertdialog], [role=menu],"
          + " [role=menubar], [itemprop=author]";

  private static final Pattern UNLIKELY =
      Pattern.compile(
          "(?i)-ad-|\\bads?\\b|advert|banner|breadcrumb|combx|comment|community|cookie|consent|disqus"
              + "|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar"
              + "|skyscraper|social|sponsor|supplemental|pagination|pager|popup|modal|newsletter"
              + "|subscribe|signup|share|sharing|promo|outbrain|taboola|recommend|most-?read|popular"
              + "|trending|tags|author-?bio|byline|dateline|toolbar|print|caption|credit|masthead|teaser"
              + "|agegate|ad-break|cover-wrap|ai2html");
  private static final Pattern MAYBE =
      Pattern.compile("(?i)article|body|column|content|main|post|story|entry|text|prose|shadow");
  private static final Pattern POSITIVE =
      Pattern.compile(
          "(?i)article|body|content|entry|hentry|h-entry|main|page|post|story|text|blog|prose");
  // Not "widget", which Readability lists: page builders (Elementor, SiteOrigin, WordPress text
  // widgets) call every block of a page a widget, the article's own block too, and the -25 let a
  // rail of teasers beat the article.
  private static final Pattern NEGATIVE =
      Pattern.compile(
          "(?i)-ad-|hidden|\\bhid\\b|banner|combx|comment|com-|contact|foot|footer|footnote|gdpr|masthead"
              + "|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor"
              + "|shopping|tags|tool|teaser|card");
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
  // Selectors asked of every element are parsed once (parsing one per element was a fifth of the
  // time).
  private static final Evaluator NEVER_BY_NAME =
      Selector.evaluatorOf(
          "a, article, main, [itemprop=articleBody], table, tbody, tr, td, code, pre");
  private static final Evaluator LIST = Selector.evaluatorOf("ul, ol, li, dl");
  private static final Evaluator ARTICLE_ROOT =
      Selector.evaluatorOf("main, [itemprop=articleBody]");
  private static final Pattern DISPLAY_NONE =
      Pattern.compile("(?i)display\\s*:\\s*none|visibility\\s*:\\s*hidden");

  private Furniture() {}

  /** Removes what is never text a reader reads: scripts, controls, media, hidden elements. */
  static void removeNeverText(Element body) {
    body.select(ALWAYS_REMOVED).remove();
    for (Element e : body.select("[style]")) {
      if (DISPLAY_NONE.matcher(e.attr("style")).find()) e.remove();
    }
  }

  /**
   * Removes furniture tags and (when {@code byName}) elements whose class or id names furniture,
   * except the ones that hold the article: {@code textsChoice} (the block the text alone points to)
   * or the page's marked article root.
   */
  static void strip(Element body, boolean byName, Element textsChoice) {
    Set<Element> spared = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Element e = textsChoice; e != null; e = e.parent()) spared.add(e);
    List<Element> doomed = new ArrayList<>(body.select(FURNITURE_TAGS));
    if (byName) {
      Map<String, Boolean> unlikely =
          new HashMap<>(); // pages repeat their class names: match each once
      for (Element e : body.getAllElements()) {
        if (e.equals(body) || e.is(NEVER_BY_NAME)) continue;
        String marker = head(e.className()) + " " + head(e.id());
        if (marker.isBlank()) continue;
        if (unlikely.computeIfAbsent(marker, Furniture::namesFurniture) && !isSectionAnchor(e)) {
          doomed.add(e);
        }
      }
    }
    for (Element e : doomed) {
      if (e.parent() == null) continue; // inside something already removed
      if (holdsArticle(e, spared)) continue;
      if (e.nameIs("header") && leadsArticle(e)) continue; // the standfirst, not furniture
      e.remove();
    }
  }

  /**
   * Class names that say what an element has or lacks, not what it is: "no_caption",
   * "has-sidebar", "fig--has-shares", "with-comments". A block of the article marked as having no
   * caption was removed as a caption.
   */
  private static final Pattern STATE =
      Pattern.compile("(?i)(?:^|\\s)\\S*\\b(?:no|has|with|without)[-_]\\S*");

  private static boolean namesFurniture(String marker) {
    String names = withoutStates(marker);
    return UNLIKELY.matcher(names).find() && !MAYBE.matcher(names).find();
  }

  /** {@code className} without the names that say what the element has or lacks. */
  static String withoutStates(String className) {
    return STATE.matcher(className).replaceAll(" ");
  }

  /**
   * A section whose id is its heading's text as an anchor ({@code id="sharing-with-a-developer"}
   * around "Sharing with a developer"), as documentation generators and wikis write them: the id
   * names the section's subject, not furniture, whatever words the heading uses.
   */
  static boolean isSectionAnchor(Element e) {
    String id = e.id();
    if (id.isEmpty() || UNLIKELY.matcher(e.className()).find()) return false;
    Element heading = e.selectFirst("h1, h2, h3, h4, h5, h6");
    if (heading == null) return false;
    String slug =
        NOT_WORD
            .matcher(heading.text().toLowerCase(Locale.ROOT))
            .replaceAll("-")
            .replaceAll("^-+|-+$", "");
    return !slug.isEmpty()
        && slug.equals(
            NOT_WORD
                .matcher(id.toLowerCase(Locale.ROOT))
                .replaceAll("-")
                .replaceAll("^-+|-+$", ""));
  }

  /** A header in the article's root that holds its first paragraph of prose: the standfirst. */
  static boolean leadsArticle(Element header) {
    Element root = header.closest("article, main, [itemprop=articleBody]");
    if (root == null) return false;
    for (Element p : root.select("p")) {
      if (LineRules.isProse(p.text()) && MainContent.linkDensity(p) < 0.5) {
        for (Element a = p.parent(); a != null; a = a.parent()) if (a == header) return true;
        return false;
      }
    }
    return false;
  }

  private static boolean holdsArticle(Element e, Set<Element> spared) {
    // A list is never the article's wrapper, however much text its items hold (a gallery's
    // captions).
    if (e.is(LIST)) return false;
    if (spared.contains(e)) return true;
    // Not <article>: rails of teasers are made of them.
    return e.selectFirst(ARTICLE_ROOT) != null;
  }

  /** Readability's class weight: names that promise the article +25, names of furniture -25. */
  static int classWeight(Element e) {
    int weight = 0;
    String className = head(e.className());
    if (!className.isEmpty()) {
      if (NEGATIVE.matcher(className).find()) weight -= 25;
      if (POSITIVE.matcher(className).find()) weight += 25;
    }
    String id = head(e.id());
    if (!id.isEmpty()) {
      if (NEGATIVE.matcher(id).find()) weight -= 25;
      if (POSITIVE.matcher(id).find()) weight += 25;
    }
    return weight;
  }

  /** Characters of a class or id attribute the rules read: a page's are a few dozen. */
  private static final int MAX_NAME_CHARS = 1_000;

  /**
   * The first {@link #MAX_NAME_CHARS} of a class or id: an 8 MB class attribute was read whole by
   * both patterns at every scoring pass (seconds of CPU for one page).
   */
  private static String head(String name) {
    return name.length() > MAX_NAME_CHARS ? name.substring(0, MAX_NAME_CHARS) : name;
  }
}
