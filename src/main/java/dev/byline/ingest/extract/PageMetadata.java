package dev.byline.ingest.extract;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.byline.article.DateParser;
import dev.byline.article.PublicationDate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads what a page's markup says about its article on purpose: JSON-LD first, then {@code
 * article:*}, OpenGraph and other {@code <meta>} tags. Each field keeps the first value found, so
 * JSON-LD outranks the meta tags. An organisation named as the author (JSON-LD {@code "@type":
 * "Organization"}, {@code <meta name="author" content="Example Team">}) is not a person: it is
 * returned apart, for the caller to use only when the page names no one.
 */
final class PageMetadata {
  private static final JsonMapper LENIENT_JSON =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
          .build();
  private static final Set<String> ARTICLE_TYPES =
      Set.of(
          "newsarticle",
          "article",
          "blogposting",
          "reportagenewsarticle",
          "analysisnewsarticle",
          "opinionnewsarticle",
          "reviewnewsarticle",
          "backgroundnewsarticle",
          "report",
          "techarticle",
          "scholarlyarticle",
          "liveblogposting",
          "socialmediaposting");
  private static final Set<String> ORGANISATION_TYPES =
      Set.of(
          "organization",
          "newsmediaorganization",
          "corporation",
          "governmentorganization",
          "educationalorganization");

  /** Meta tags naming the author, most used first. */
  private static final List<String> AUTHOR_TAGS =
      List.of(
          "article:author",
          "author",
          "byl",
          "article:author_name",
          "parsely-author",
          "sailthru.author",
          "dc.creator",
          "dcterms.creator");

  private static final Pattern CDATA =
      Pattern.compile(
          "(?s)\\s*(?://|/\\*)?\\s*<!\\[CDATA\\[\\s*(?:\\*/)?(.*?)(?://|/\\*)?\\s*\\]\\]>\\s*(?:\\*/)?\\s*");

  private PageMetadata() {}

  /**
   * Fills {@code out} from the page's JSON-LD and meta tags.
   *
   * @return the organisations the metadata names as the author, in the order found (often none)
   */
  static List<String> read(Document doc, Extraction out) {
    List<String> organisations = new ArrayList<>();
    jsonLd(doc, out, organisations);
    metaTags(doc, out, organisations);
    return organisations;
  }

  private static void jsonLd(Document doc, Extraction out, List<String> organisations) {
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
          fromArticleNode(node, out, organisations);
        } else if (hasType(node, Set.of("breadcrumblist"))) {
          JsonNode items = node.path("itemListElement");
          if (items.isArray() && items.size() > 0) {
            List<String> names = new ArrayList<>();
            items.forEach(
                item -> {
                  String name = text(item.path("name"));
                  if (name == null) name = text(item.path("item").path("name"));
                  if (name != null) names.add(name);
                });
            String title = out.title;
            for (int i = names.size() - 1; i >= 0; i--) {
              if (title == null
                  || !TextExtractor.key(names.get(i)).equals(TextExtractor.key(title))) {
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

  private static void fromArticleNode(JsonNode node, Extraction out, List<String> organisations) {
    out.title(text(node.path("headline")), "json-ld");
    out.title(text(node.path("name")), "json-ld");
    // The publisher names the site; an organisation as author is often a byline's stand-in
    // ("Contributors to Wikimedia projects", "Staff"), so it is the source only when no publisher
    // is.
    out.source(text(node.path("publisher").path("name")), "json-ld");
    List<String> authors = new ArrayList<>();
    JsonNode author = node.path("author");
    for (JsonNode a : author.isArray() ? author : List.of(author)) {
      if (a.isTextual()) {
        authors.addAll(Names.fromMetadata(a.asText()));
      } else if (a.isObject() && !hasType(a, ORGANISATION_TYPES)) {
        for (String name : texts(a.path("name"))) authors.addAll(Names.fromMetadata(name));
        String bio = text(a.path("description"));
        if (bio != null) out.authorBios.add(org.jsoup.Jsoup.parse(bio).text());
      } else if (a.isObject()) {
        String name = text(a.path("name"));
        out.source(name, "json-ld");
        if (name != null) organisations.add(name);
      }
    }
    out.authors(authors, "json-ld");
    out.date(date(text(node.path("datePublished"))), "json-ld");
    out.date(date(text(node.path("dateCreated"))), "json-ld");
    JsonNode section = node.path("articleSection");
    out.category(
        section.isArray() && section.size() > 0 ? text(section.get(0)) : text(section), "json-ld");
    out.url(text(node.path("url")), "json-ld");
    JsonNode main = node.path("mainEntityOfPage");
    out.url(main.isTextual() ? main.asText() : text(main.path("@id")), "json-ld");
    out.language(text(node.path("inLanguage")));
  }

  /** A text field's values: one string, or each string of an array ({@code "name": ["A | Outlet"]}). */
  private static List<String> texts(JsonNode node) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : node.isArray() ? node : List.of(node)) {
      String s = text(n);
      if (s != null) out.add(s);
    }
    return out;
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

  private static void metaTags(Document doc, Extraction out, List<String> organisations) {
    org.jsoup.select.Elements metas =
        doc.select("meta[content]"); // once, not once for each of twenty names
    out.title(meta(metas, "og:title"), "og");
    out.title(meta(metas, "twitter:title"), "meta");
    for (String name : AUTHOR_TAGS) {
      String value = meta(metas, name);
      List<String> people = Names.fromMetadata(value);
      out.authors(people, name.startsWith("article:") ? "article-meta" : "meta-author");
      if (people.isEmpty() && Names.isOrganisation(value)) organisations.add(value.strip());
    }
    for (String name :
        List.of(
            "article:published_time",
            "og:published_time",
            "datePublished",
            "date",
            "pubdate",
            "publishdate",
            "publish-date",
            "dc.date.issued",
            "dc.date",
            "dcterms.created",
            "parsely-pub-date",
            "sailthru.date",
            "article.published")) {
      out.date(date(meta(metas, name)), name.startsWith("article:") ? "article-meta" : "meta");
    }
    out.source(meta(metas, "og:site_name"), "og");
    out.category(meta(metas, "article:section"), "article-meta");
    Element canonical = doc.selectFirst("link[rel=canonical][href]");
    if (canonical != null)
      out.url(
          canonical.absUrl("href").isEmpty() ? canonical.attr("href") : canonical.absUrl("href"),
          "canonical");
    out.url(meta(metas, "og:url"), "og");
    String lang = doc.selectFirst("html") == null ? null : doc.selectFirst("html").attr("lang");
    out.language(
        lang == null || lang.isBlank()
            ? null
            : lang.substring(0, lang.contains("_") ? lang.indexOf('_') : lang.length()));
  }

  /** A meta tag's content, by {@code property}, {@code name} or {@code itemprop}. */
  private static String meta(org.jsoup.select.Elements metas, String key) {
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
}
