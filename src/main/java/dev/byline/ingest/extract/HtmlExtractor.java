package dev.byline.ingest.extract;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.byline.article.DateParser;
import dev.byline.article.PublicationDate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * Extracts an article from an HTML page. Metadata comes from, in order of trust: JSON-LD, {@code
 * article:*} and OpenGraph meta tags, {@code <meta name="author">} and friends, {@code <time>},
 * byline elements, and last the text rules of {@link TextExtractor} over the page's visible text.
 * The body is chosen by {@link MainContent}.
 */
final class HtmlExtractor {
  private static final JsonMapper LENIENT_JSON =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
          .build();
  private static final Set<String> ARTICLE_TYPES =
      Set.of(
          "newsarticle", "article", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
          "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "report",
          "techarticle", "scholarlyarticle", "liveblogposting", "socialmediaposting");
  private static final Pattern DECLARED_CHARSET = Pattern.compile("(?i)charset\\s*=\\s*[\"']?([\\w-]+)");
  private static final Pattern CDATA =
      Pattern.compile("(?s)\\s*(?://|/\\*)?\\s*<!\\[CDATA\\[\\s*(?:\\*/)?(.*?)(?://|/\\*)?\\s*\\]\\]>\\s*(?:\\*/)?\\s*");
  private static final Pattern TITLE_SUFFIX = Pattern.compile("\\s+[|–—-]\\s+[^|–—-]{2,60}$");

  /** How much of the page's text the text rules read for metadata when the body is found. */
  private static final int TEXT_RULES_HEAD = 100_000;

  private HtmlExtractor() {}

  static Extraction extract(byte[] bytes, String url) {
    Document doc = parse(bytes, url);
    Extraction out = new Extraction();
    jsonLd(doc, out);
    metaTags(doc, out);
    Headlines.Choice headline = Headlines.choose(doc, out.title);
    if (headline != null) {
      out.title = null;
      out.title(headline.text(), headline.from());
    }
    // The page's metadata names the date on purpose; the date shown under the headline comes
    // next, before the guesses from <time> elements by their class and from byline text.
    out.date(dateBesideHeadline(doc), "beside-headline");
    visibleMetadata(doc, out);

    MainContent.Result content = MainContent.find(doc);
    out.body(content.body(), "main-content");
    out.source(content.source(), "source-line");
    // The text rules see the page as a person would: they fill in what the markup did not say.
    // They read every line of the page, menus and link lists included, so for the body they stand
    // in only when the page's blocks gave next to nothing; for the header's metadata the top of the
    // page is enough (reading all of a 20 MB page's lines took seconds).
    boolean blocksGaveLittle = out.body == null || out.body.length() < 200;
    String pageText = blocksGaveLittle ? BlockText.of(doc.body()) : BlockText.of(doc.body(), TEXT_RULES_HEAD);
    Extraction fromText = TextExtractor.extract(pageText);
    if (blocksGaveLittle && (out.body == null || out.body.length() < 0.5 * lengthOf(fromText.body))) {
      out.body = null;
      out.provenance.remove("body");
      out.body(fromText.body, "text-rules");
    }
    out.title(fromText.title, fromText.provenance.get("title"));
    out.authors(fromText.authors, fromText.provenance.get("author"));
    out.date(fromText.date, fromText.provenance.get("date"));
    out.source(fromText.source, fromText.provenance.get("source"));
    out.category(fromText.category, fromText.provenance.get("category"));
    siteNameFromTitle(doc, out);
    out.url(url, "given");
    return out;
  }

  /** "Headline – Site Name" in {@code <title>}: the site is the source when nothing else said. */
  private static void siteNameFromTitle(Document doc, Extraction out) {
    Element titleTag = doc.selectFirst("title");
    if (titleTag == null || out.title == null) return;
    String full = titleTag.text().strip();
    Matcher suffix = TITLE_SUFFIX.matcher(full);
    if (suffix.find() && TextExtractor.key(full.substring(0, suffix.start())).equals(TextExtractor.key(out.title))) {
      out.source(full.substring(suffix.start()).replaceFirst("^\\s*[|–—-]\\s*", ""), "title-tag");
    }
  }

  private static int lengthOf(String s) {
    return s == null ? 0 : s.length();
  }

  /**
   * Parses with the charset the page declares (BOM, then {@code <meta charset>}); a page that
   * declares none and is not valid UTF-8 is read as windows-1252, as browsers do.
   */
  private static Document parse(byte[] bytes, String url) {
    String head = new String(bytes, 0, Math.min(bytes.length, 4_096), StandardCharsets.ISO_8859_1);
    String charset = null;
    if (!DECLARED_CHARSET.matcher(head).find() && !PageText.isUtf8(bytes)) {
      charset = "windows-1252";
    }
    try {
      return Jsoup.parse(new ByteArrayInputStream(bytes), charset, url == null ? "" : url);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }


  // ---- JSON-LD ----

  private static void jsonLd(Document doc, Extraction out) {
    for (Element script : doc.select("script[type=application/ld+json]")) {
      JsonNode root;
      try {
        root = LENIENT_JSON.readTree(withoutCdata(script.data()));
      } catch (IOException | RuntimeException e) {
        continue; // broken JSON-LD is common; the other sources still count
      }
      List<JsonNode> nodes = new ArrayList<>();
      flatten(root, nodes);
      for (JsonNode node : nodes) {
        if (hasType(node, ARTICLE_TYPES)) {
          fromArticleNode(node, out);
        } else if (hasType(node, Set.of("breadcrumblist"))) {
          JsonNode items = node.path("itemListElement");
          if (items.isArray() && items.size() > 0) {
            List<String> names = new ArrayList<>();
            items.forEach(item -> {
              String name = text(item.path("name"));
              if (name == null) name = text(item.path("item").path("name"));
              if (name != null) names.add(name);
            });
            String title = out.title;
            for (int i = names.size() - 1; i >= 0; i--) {
              if (title == null || !TextExtractor.key(names.get(i)).equals(TextExtractor.key(title))) {
                if (i > 0 || names.size() == 1) out.category(names.get(i), "json-ld-breadcrumb");
                break;
              }
            }
          }
        }
      }
    }
  }

  /**
   * The JSON inside a script that XHTML habits wrapped in {@code <![CDATA[ ... ]]>} (bare or
   * behind {@code //} or {@code /* *}{@code /} comments); any other text is returned as it is.
   * Readability's fixtures and several real sites (Wikipedia, NBC News, GitLab, Medium) do this, and
   * the JSON parser rejects the wrapper, which lost every JSON-LD field on those pages.
   */
  static String withoutCdata(String script) {
    Matcher m = CDATA.matcher(script);
    return m.matches() ? m.group(1) : script;
  }

  private static void flatten(JsonNode node, List<JsonNode> out) {
    if (node.isArray()) {
      node.forEach(n -> flatten(n, out));
    } else if (node.isObject()) {
      out.add(node);
      if (node.has("@graph")) flatten(node.get("@graph"), out);
    }
  }

  private static boolean hasType(JsonNode node, Set<String> types) {
    JsonNode type = node.path("@type");
    if (type.isTextual()) return types.contains(type.asText().toLowerCase(Locale.ROOT));
    if (type.isArray()) {
      for (JsonNode t : type) if (types.contains(t.asText().toLowerCase(Locale.ROOT))) return true;
    }
    return false;
  }

  private static void fromArticleNode(JsonNode node, Extraction out) {
    out.title(text(node.path("headline")), "json-ld");
    out.title(text(node.path("name")), "json-ld");
    // The publisher names the site; an organisation as author is often a byline's stand-in
    // ("Contributors to Wikimedia projects", "Staff"), so it is the source only when no publisher is.
    out.source(text(node.path("publisher").path("name")), "json-ld");
    List<String> authors = new ArrayList<>();
    JsonNode author = node.path("author");
    for (JsonNode a : author.isArray() ? author : List.of(author)) {
      if (a.isTextual()) authors.addAll(Names.fromMetadata(a.asText()));
      else if (a.isObject() && !hasType(a, Set.of("organization", "newsmediaorganization"))) {
        authors.addAll(Names.fromMetadata(text(a.path("name"))));
      } else if (a.isObject()) {
        out.source(text(a.path("name")), "json-ld");
      }
    }
    out.authors(authors, "json-ld");
    out.date(date(text(node.path("datePublished"))), "json-ld");
    out.date(date(text(node.path("dateCreated"))), "json-ld");
    JsonNode section = node.path("articleSection");
    out.category(section.isArray() && section.size() > 0 ? text(section.get(0)) : text(section), "json-ld");
    out.url(text(node.path("url")), "json-ld");
    JsonNode main = node.path("mainEntityOfPage");
    out.url(main.isTextual() ? main.asText() : text(main.path("@id")), "json-ld");
    out.language(text(node.path("inLanguage")));
  }

  private static String text(JsonNode node) {
    if (node == null || !node.isTextual()) return null;
    String s = org.jsoup.parser.Parser.unescapeEntities(node.asText(), false).strip();
    return s.isEmpty() ? null : s;
  }

  /** A metadata date: ISO with its offset when given, else any form {@link DateFinder} reads. */
  static PublicationDate date(String value) {
    if (value == null) return null;
    try {
      return DateParser.parse(value);
    } catch (IllegalArgumentException e) {
      DateFinder.Found found = DateFinder.first(value);
      return found == null ? null : found.date();
    }
  }

  // ---- meta tags ----

  private static void metaTags(Document doc, Extraction out) {
    Elements metas = doc.select("meta[content]"); // once, not once for each of twenty names
    out.title(meta(metas, "og:title"), "og");
    out.title(meta(metas, "twitter:title"), "meta");
    out.authors(Names.fromMetadata(meta(metas, "article:author")), "article-meta");
    out.authors(Names.fromMetadata(meta(metas, "author")), "meta-author");
    out.authors(Names.fromMetadata(meta(metas, "byl")), "meta-author");
    for (String name : List.of("article:published_time", "og:published_time", "datePublished", "date",
        "pubdate", "publishdate", "publish-date", "dc.date.issued", "dc.date", "dcterms.created",
        "parsely-pub-date", "sailthru.date", "article.published")) {
      out.date(date(meta(metas, name)), name.startsWith("article:") ? "article-meta" : "meta");
    }
    out.source(meta(metas, "og:site_name"), "og");
    out.category(meta(metas, "article:section"), "article-meta");
    Element canonical = doc.selectFirst("link[rel=canonical][href]");
    if (canonical != null) out.url(canonical.absUrl("href").isEmpty() ? canonical.attr("href") : canonical.absUrl("href"), "canonical");
    out.url(meta(metas, "og:url"), "og");
    String lang = doc.selectFirst("html") == null ? null : doc.selectFirst("html").attr("lang");
    out.language(lang == null || lang.isBlank() ? null : lang.split("[_]")[0]);
  }

  /** A meta tag's content, by {@code property}, {@code name} or {@code itemprop}. */
  private static String meta(Elements metas, String key) {
    for (Element m : metas) {
      for (String attr : List.of("property", "name", "itemprop")) {
        if (m.attr(attr).equalsIgnoreCase(key)) {
          String content = m.attr("content").strip();
          if (!content.isEmpty()) return content;
        }
      }
    }
    return null;
  }

  /** How far past the headline a shown date may stand, in elements and in characters of text. */
  private static final int BESIDE_HEADLINE_ELEMENTS = 40;
  private static final int BESIDE_HEADLINE_CHARS = 400;

  /**
   * The date the page shows just under its headline ({@code <time datetime>}, or a short text that
   * is a date), or null when none stands there. A reader takes that date for the article's, and it
   * is the one sites keep right: metadata often carries a template's or a first draft's date while
   * the page shows the date it was last revised ("Updated Jul 22, 2021"). The search stops where
   * the body begins, so a date inside the text is not taken.
   */
  static PublicationDate dateBesideHeadline(Document doc) {
    Element h1 = doc.selectFirst("article h1, main h1, h1");
    if (h1 == null) return null;
    org.jsoup.select.Elements all = doc.getAllElements();
    int start = all.indexOf(h1) + h1.getAllElements().size();
    int chars = 0;
    for (int i = start; i < Math.min(all.size(), start + BESIDE_HEADLINE_ELEMENTS); i++) {
      Element e = all.get(i);
      if (e.nameIs("time") && e.hasAttr("datetime")) {
        PublicationDate d = date(e.attr("datetime"));
        if (d != null) return d;
      }
      String own = e.ownText().strip();
      if (!own.isEmpty() && own.length() <= 80) {
        DateFinder.Found found = DateFinder.first(own);
        if (found != null) return found.date();
      }
      chars += own.length();
      if (chars > BESIDE_HEADLINE_CHARS) return null;
    }
    return null;
  }

  // ---- visible markup: <time>, byline elements, breadcrumbs ----

  private static void visibleMetadata(Document doc, Extraction out) {
    for (Element time : doc.select("time[datetime]")) {
      boolean published = time.hasAttr("pubdate") || "datePublished".equalsIgnoreCase(time.attr("itemprop"))
          || time.closest("article, [class*=byline], [class*=date], [class*=meta], header") != null;
      if (published) {
        out.date(date(time.attr("datetime")), "time-element");
      }
    }
    // A user name in the metadata ("andrew.keaveney") gives way to a person the page names.
    boolean onlyHandles = !out.authors.isEmpty() && out.authors.stream().allMatch(Names::isHandle);
    if (out.authors.isEmpty() || onlyHandles) {
      PageBylines.Found byline = PageBylines.find(doc);
      if (byline != null && !(onlyHandles && byline.authors().stream().allMatch(Names::isHandle))) {
        out.authors.clear();
        out.authors(byline.authors(), "byline-element");
        out.date(byline.date(), "byline-element");
      }
    }
    if (out.category == null) {
      Element crumbs = doc.selectFirst("nav[aria-label*=readcrumb], .breadcrumb, .breadcrumbs, [class*=breadcrumb], ol[itemtype*=BreadcrumbList]");
      if (crumbs != null) {
        List<String> items = new ArrayList<>();
        for (Element a : crumbs.select("li, a")) {
          String t = a.ownText().isBlank() ? a.text() : a.ownText();
          if (!t.isBlank() && (items.isEmpty() || !items.get(items.size() - 1).equals(t.strip()))) items.add(t.strip());
        }
        String title = out.title;
        for (int i = items.size() - 1; i >= 0; i--) {
          if (title == null || !TextExtractor.key(items.get(i)).equals(TextExtractor.key(title))) {
            out.category(items.get(i), "breadcrumb");
            break;
          }
        }
      }
    }
    if (out.category == null) {
      // WordPress and most blog engines mark the post's categories so.
      Element category = doc.selectFirst("a[rel~=(?i)\\bcategory\\b], [itemprop=articleSection]");
      if (category != null) out.category(category.text(), "category-link");
    }
    Element h1 = doc.selectFirst("article h1, main h1, h1");
    if (h1 != null) out.title(h1.text(), "h1");
    Element titleTag = doc.selectFirst("title");
    if (titleTag != null) {
      String full = titleTag.text().strip();
      Matcher suffix = TITLE_SUFFIX.matcher(full);
      out.title(suffix.find() ? full.substring(0, suffix.start()).strip() : full, "title-tag");
    }
  }
}
