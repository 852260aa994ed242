package dev.byline.ingest.extract;

import dev.byline.article.PublicationDate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Extracts an article from an HTML page. Metadata comes from, in order of trust: JSON-LD, {@code
 * article:*} and OpenGraph meta tags, {@code <meta name="author">} and friends ({@link
 * PageMetadata}), {@code <time>}, byline elements ({@link PageBylines}), and last the text rules of
 * {@link TextExtractor} over the page's visible text.
 * The body is chosen by {@link MainContent}.
 */
final class HtmlExtractor {
  private static final Pattern DECLARED_CHARSET =
      Pattern.compile("(?i)charset\\s*=\\s*[\"']?([\\w-]+)");
  private static final Pattern TITLE_SUFFIX = Pattern.compile("\\s+[|–—-]\\s+[^|–—-]{2,60}$");

  /** How much of the page's text the text rules read for metadata when the body is found. */
  private static final int TEXT_RULES_HEAD = 100_000;

  private HtmlExtractor() {}

  static Extraction extract(byte[] bytes, String url) {
    Document doc = parse(bytes, url);
    Extraction out = new Extraction();
    List<String> organisations = PageMetadata.read(doc, out);
    Headlines.Choice headline = Headlines.choose(doc, out.title);
    if (headline != null) {
      out.title = null;
      out.title(headline.text(), headline.from());
    }
    // The page's metadata names the date on purpose; the date shown under the headline comes
    // next, before the guesses from <time> elements by their class and from byline text.
    out.date(dateBesideHeadline(doc), "beside-headline");
    visibleMetadata(doc, out);

    MainContent.Result content = MainContent.find(doc, out.title, out.authorBios, out.authors);
    out.body(content.body(), "main-content");
    out.source(content.source(), "source-line");
    // The text rules see the page as a person would: they fill in what the markup did not say.
    // They read every line of the page, menus and link lists included, so for the body they stand
    // in only when the page's blocks gave next to nothing; for the header's metadata the top of the
    // page is enough (reading all of a 20 MB page's lines took seconds).
    boolean blocksGaveLittle = out.body == null || out.body.length() < 200;
    String pageText =
        blocksGaveLittle ? BlockText.of(doc.body()) : BlockText.of(doc.body(), TEXT_RULES_HEAD);
    Extraction fromText = TextExtractor.extract(pageText);
    if (blocksGaveLittle
        && (out.body == null || out.body.length() < 0.5 * lengthOf(fromText.body))) {
      out.body = null;
      out.provenance.remove("body");
      out.body(fromText.body, "text-rules");
    }
    out.title(fromText.title, fromText.provenance.get("title"));
    out.authors(fromText.authors, fromText.provenance.get("author"));
    // An organisation named as the author stands in only when no person is named anywhere: it is
    // what the page says ("Contributors to Wikimedia projects"), and better than no author.
    if (out.authors.isEmpty()) {
      if (!organisations.isEmpty()) {
        out.authors(List.of(organisations.get(0)), "organisation");
      } else {
        String named = PageBylines.organisation(doc, out.source);
        if (named != null) out.authors(List.of(named), "organisation");
      }
    }
    out.date(fromText.date, fromText.provenance.get("date"));
    out.source(fromText.source, fromText.provenance.get("source"));
    // A label above the text rules' headline is a guess on a page's text (a menu's last item may
    // stand there); the HTML's own headline element gave its label above.
    if (!"section-label".equals(fromText.provenance.get("category"))) {
      out.category(fromText.category, fromText.provenance.get("category"));
    }
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
    if (suffix.find()
        && TextExtractor.key(full.substring(0, suffix.start()))
            .equals(TextExtractor.key(out.title))) {
      out.source(full.substring(suffix.start()).replaceFirst("^\\s*[|–—-]\\s*", ""), "title-tag");
    }
  }

  /**
   * The charset a {@code <meta>} declaration names, as HTML's prescan takes it, or null for none:
   * a label no one knows is no declaration; a page whose declaration was read as ASCII is not in
   * UTF-16 (which means UTF-8 then), UTF-32 or EBCDIC, whatever it says; ISO-8859-1 and ASCII mean
   * windows-1252. A BOM, which jsoup reads first, still decides over any of it.
   */
  static String declared(String label) {
    Charset charset;
    try {
      charset = Charset.forName(label);
    } catch (IllegalArgumentException e) { // an illegal or unsupported name
      return null;
    }
    String name = charset.name();
    if (name.startsWith("UTF-16")) return "UTF-8";
    if (name.equals("ISO-8859-1") || name.equals("US-ASCII")) return "windows-1252";
    byte[] ascii = "<meta charset=".getBytes(StandardCharsets.US_ASCII);
    return java.util.Arrays.equals(ascii, "<meta charset=".getBytes(charset)) ? name : null;
  }

  private static int lengthOf(String s) {
    return s == null ? 0 : s.length();
  }

  /**
   * Parses with the charset the page declares (a BOM, then {@code <meta charset>}, {@link
   * #declared as browsers take it}); a page that declares none, or none it can be in, is read as
   * UTF-8 if it is valid UTF-8, else as windows-1252, as browsers do.
   */
  private static Document parse(byte[] bytes, String url) {
    String head = new String(bytes, 0, Math.min(bytes.length, 4_096), StandardCharsets.ISO_8859_1);
    Matcher declaration = DECLARED_CHARSET.matcher(head);
    String charset = declaration.find() ? declared(declaration.group(1)) : null;
    if (charset == null) charset = PageText.isUtf8(bytes) ? "UTF-8" : "windows-1252";
    Document doc;
    try {
      doc = Jsoup.parse(new ByteArrayInputStream(bytes), charset, url == null ? "" : url);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    streamSafe(doc);
    return doc;
  }

  /**
   * Cuts every run of combining marks in the page's text, attributes and scripts (JSON-LD) to
   * what {@link PageText#streamSafe} keeps, before any rule reads them. It only ever removes
   * characters, so a changed value is a shorter one.
   */
  private static void streamSafe(Document doc) {
    for (Element e : doc.getAllElements()) {
      for (org.jsoup.nodes.Attribute a : e.attributes()) {
        String value = a.getValue();
        String safe = PageText.streamSafe(value);
        if (safe.length() != value.length()) a.setValue(safe);
      }
      for (org.jsoup.nodes.TextNode t : e.textNodes()) {
        String text = t.getWholeText();
        String safe = PageText.streamSafe(text);
        if (safe.length() != text.length()) t.text(safe);
      }
      for (org.jsoup.nodes.DataNode d : e.dataNodes()) {
        String data = d.getWholeData();
        String safe = PageText.streamSafe(data);
        if (safe.length() != data.length()) d.setWholeData(safe);
      }
    }
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
        PublicationDate d = PageMetadata.date(e.attr("datetime"));
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
    Element headline = Headlines.element(doc, out.title);
    for (Element time : doc.select("time[datetime]")) {
      boolean published =
          time.hasAttr("pubdate")
              || "datePublished".equalsIgnoreCase(time.attr("itemprop"))
              || time.closest("article, [class*=byline], [class*=date], [class*=meta], header")
                  != null;
      if (published) {
        out.date(PageMetadata.date(time.attr("datetime")), "time-element");
      }
    }
    // A user name in the metadata ("andrew.keaveney") gives way to a person the page names.
    boolean onlyHandles = !out.authors.isEmpty() && out.authors.stream().allMatch(Names::isHandle);
    if (out.authors.isEmpty() || onlyHandles) {
      PageBylines.Found byline = PageBylines.find(doc, headline);
      if (byline != null && !(onlyHandles && byline.authors().stream().allMatch(Names::isHandle))) {
        out.authors.clear();
        out.authors(byline.authors(), "byline-element");
        out.date(byline.date(), "byline-element");
      }
    }
    if (out.category == null) {
      Element crumbs =
          doc.selectFirst(
              "nav[aria-label*=readcrumb], .breadcrumb, .breadcrumbs, [class*=breadcrumb], ol[itemtype*=BreadcrumbList]");
      if (crumbs != null) {
        List<String> items = new ArrayList<>();
        for (Element a : crumbs.select("li, a")) {
          String t = a.ownText().isBlank() ? a.text() : a.ownText();
          if (!t.isBlank() && (items.isEmpty() || !items.get(items.size() - 1).equals(t.strip())))
            items.add(t.strip());
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
    if (out.category == null && headline != null) {
      out.category(SectionLabels.aboveElement(headline), "section-label");
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
