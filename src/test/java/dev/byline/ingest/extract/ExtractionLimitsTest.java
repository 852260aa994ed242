package dev.byline.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.byline.article.Article;
import dev.byline.article.ArticleJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A page whose metadata does not fit an article's limits (a site name of 500 characters, a {@code
 * lang} attribute that is no language tag, 150 authors) loses that metadata, never the article:
 * what extraction gives is always accepted by {@code POST /api/articles}'s validation.
 */
class ExtractionLimitsTest {
  private static final long SEED = Long.getLong("limits.seed", System.nanoTime());

  static {
    System.out.println("ExtractionLimitsTest seed: " + SEED + " (-Dlimits.seed=" + SEED + ")");
  }

  private static final String BODY =
      "<p>"
          + "The regional council met on Tuesday to discuss the harbour bridge, its cost and its"
          + " route across the estuary, and heard from the ferry operators. ".repeat(6)
          + "</p>";

  private static Extraction extract(String html) {
    return Extractor.extract(html.getBytes(StandardCharsets.UTF_8), Extractor.Format.HTML, null);
  }

  private static Article accepted(Extraction extraction) {
    JsonNode json = extraction.toJson();
    return ArticleJson.read(json); // throws InvalidArticleException if it would be rejected
  }

  /** The longest run of combining marks in {@code s}. */
  private static int longestMarkRun(String s) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      run = Character.getType(s.charAt(i)) == Character.NON_SPACING_MARK ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return longest;
  }

  /**
   * A run of combining marks (U+0301, Thai U+0E31) made every word-boundary test of the header
   * rules walk back over the whole run: 40,000 marks took 16 s to index, 600,000 in an HTML page
   * ran on for minutes after the client left (found by probing a running server). Text has no
   * use for more than 30 marks on one base character (Unicode's stream-safe format, UAX #15), so
   * a page keeps 30 of a run and the rest are dropped before any rule reads it.
   */
  @Test
  void a_run_of_combining_marks_is_cut_to_thirty_before_the_rules_read_the_page() {
    String marks = "\u0301".repeat(200_000) + "\u0e31".repeat(50_000);
    String text =
        "Harbour council meets\n\n"
            + marks
            + "\n\nThe council met on Monday and said the works would finish in May, after the"
            + " ferry operators asked for more time.\n";
    String html =
        "<html><head><title>T"
            + marks
            + "</title><meta property='og:title' content='Harbour"
            + marks
            + "'></head><body><h1>Harbour council"
            + marks
            + "</h1><p>"
            + marks
            + "</p>"
            + BODY
            + "</body></html>";
    for (Extractor.Format format : Extractor.Format.values()) {
      String page = format == Extractor.Format.TEXT ? text : html;
      Extraction extraction =
          org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
              java.time.Duration.ofSeconds(20),
              () -> Extractor.extract(page.getBytes(StandardCharsets.UTF_8), format, null),
              format + ": a bound on a hostile page, not a speed target (it took minutes)");
      assertThat(extraction.body).as(format + " body").contains("council");
      assertThat(longestMarkRun(extraction.body)).as(format + " body").isLessThanOrEqualTo(30);
      assertThat(longestMarkRun(extraction.title)).as(format + " title").isLessThanOrEqualTo(30);
    }
    assertThat(PageText.streamSafe("e" + "\u0301".repeat(31) + "x" + "\u0301".repeat(3)))
        .isEqualTo("e" + "\u0301".repeat(30) + "x" + "\u0301".repeat(3));
    String ordinary = "Caf\u00e9 cafe\u0301 \u0e01\u0e31\u0e49";
    assertThat(PageText.streamSafe(ordinary)).isSameAs(ordinary);
  }

  /**
   * Elements left open nest until jsoup's depth cap (512, as browsers), and the rest of the page
   * hangs under the deepest one: the body rules asked each level again whether a block lay
   * somewhere below it, walking the whole rest of the page once per level. 200,000 open spans (1.2
   * MB) took 10 s to index (found by probing a running server); the page's element limit
   * (250,000) allows a little more.
   */
  @Test
  void a_page_of_unclosed_elements_is_read_in_one_pass_not_once_per_level() {
    String html =
        "<html><body><h1>Harbour council</h1>"
            + "<span>".repeat(240_000)
            + BODY
            + "<div><p>The ferry operators asked for more time.</p></div>";
    Extraction extraction =
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
            java.time.Duration.ofSeconds(10),
            () -> extract(html),
            "a bound on a hostile page, not a speed target (it took 10 s and more)");
    assertThat(extraction.body).contains("harbour bridge").contains("ferry operators asked");
  }

  /**
   * Moving an element's children one by one to a new parent removed each from the front of the old
   * parent's list, shifting the rest: 240,000 paragraphs in a body (1.9 MB) took 5-9 s to index
   * (found by probing a running server). Text runs split by comments are nodes but not elements,
   * so the page's element limit does not bound them: a million of them in a body, or beside a
   * block in one {@code div} (the loose-text wrapper moved them the same way), ran for more than 60
   * and 90 s. An 8 MB class attribute (read whole by the class-name rules at each scoring pass, 5
   * s) is kept here as a bound, though it ran inside it before on a quiet machine.
   */
  @Test
  void a_block_of_very_many_children_is_moved_in_one_step() {
    // Under the bound on elements and comments, which a million such runs now pass.
    String runs = "word <!---->".repeat(Extractor.MAX_ELEMENTS - 10_000);
    java.util.Map<String, String> pages =
        java.util.Map.of(
            "body",
            "<html><body>" + BODY + runs + "</body></html>",
            "beside a block",
            "<html><body><div><div>" + BODY + "</div>" + runs + "</div></body></html>",
            "attribute",
            "<html><body><div class='" + "a ".repeat(4_000_000) + "'>" + BODY + "</div>");
    pages.forEach(
        (name, html) -> {
          Extraction extraction =
              org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                  java.time.Duration.ofSeconds(20),
                  () -> extract(html),
                  name + ": a bound on a hostile page, not a speed target (it ran for minutes)");
          assertThat(extraction.body).as(name).contains("harbour bridge");
        });
  }

  @Test
  void metadata_too_long_or_malformed_is_passed_over_and_the_article_kept() {
    String html =
        "<html lang='x-klingon-really-long-tag'><head><title>Harbour bridge approved</title>"
            + "<meta property='og:site_name' content='"
            + "Daily ".repeat(80)
            + "'><meta property='article:section' content='"
            + "Section ".repeat(60)
            + "'><meta name='author' content='"
            + "Ann ".repeat(120)
            + "'></head><body><article><h1>Harbour bridge approved</h1>"
            + BODY
            + "</article></body></html>";
    Article article = accepted(extract(html));
    assertThat(article.title()).isEqualTo("Harbour bridge approved");
    assertThat(article.body()).contains("harbour bridge");
    assertThat(article.source()).isNull();
    assertThat(article.category()).isEmpty();
    assertThat(article.author()).isEmpty();
    assertThat(article.language()).isNull();
  }

  @Test
  void a_later_candidate_that_fits_fills_the_field() {
    String html =
        "<html><head><title>Bridge | The Harbour Gazette</title>"
            + "<script type='application/ld+json'>{\"@type\":\"NewsArticle\","
            + "\"publisher\":{\"name\":\""
            + "Gazette ".repeat(60)
            + "\"}}</script>"
            + "<meta property='og:site_name' content='The Harbour Gazette'>"
            + "</head><body><article><h1>Bridge</h1>"
            + BODY
            + "</article></body></html>";
    assertThat(accepted(extract(html)).source()).isEqualTo("The Harbour Gazette");
  }

  @Test
  void random_hostile_metadata_never_costs_the_article() {
    Random random = new Random(SEED);
    for (int round = 0; round < 200; round++) {
      StringBuilder head = new StringBuilder("<title>" + text(random, 1, 40) + "</title>");
      head.append("<meta property='og:site_name' content='").append(text(random, 0, 600));
      head.append("'><meta property='article:section' content='").append(text(random, 0, 600));
      head.append("'><meta name='author' content='");
      List<String> names = new ArrayList<>();
      for (int i = random.nextInt(160); i > 0; i--) names.add(text(random, 1, 400));
      head.append(String.join(", ", names)).append("'>");
      String lang = random.nextBoolean() ? text(random, 0, 30).replace(' ', '-') : "en";
      String html =
          "<html lang='"
              + lang
              + "'><head>"
              + head
              + "</head><body><article><h1>"
              + text(random, 1, 1500)
              + "</h1>"
              + BODY
              + "</article></body></html>";
      Extraction extraction = extract(html);
      Article article = accepted(extraction); // never rejected
      assertThat(article.body()).as("seed %d round %d", SEED, round).contains("harbour bridge");
      assertThat(article.author().size()).isLessThanOrEqualTo(ArticleJson.MAX_LIST_SIZE);
    }
  }

  @Test
  void a_page_of_more_elements_than_an_article_page_has_is_refused_with_the_reason() {
    StringBuilder html = new StringBuilder("<html><body><article><h1>Tallies</h1>");
    for (int i = 0; i < Extractor.MAX_ELEMENTS; i++) html.append("<p>a, b</p>");
    byte[] page =
        html.append("</article></body></html>").toString().getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Extractor.extract(page, Extractor.Format.HTML, null))
        .isInstanceOf(dev.byline.errors.InvalidRequestException.class)
        .hasMessageContaining("more than " + Extractor.MAX_ELEMENTS + " elements");
  }

  @Test
  void a_page_of_more_comments_or_lines_than_an_article_page_has_is_refused_with_the_reason() {
    // An outside hunt (7 December): a 32 MB page of one paragraph whose text runs are split by
    // comments ("a<!---->" 4 million times) took 26 s of CPU, 49 MB of them ran a 1 GB heap out
    // of memory; the element bound did not count comments.
    StringBuilder html = new StringBuilder("<html><body><article><h1>Tallies</h1><p>");
    for (int i = 0; i < Extractor.MAX_ELEMENTS; i++) html.append("a<!---->");
    byte[] page =
        html.append("</p></article></body></html>").toString().getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Extractor.extract(page, Extractor.Format.HTML, null))
        .isInstanceOf(dev.byline.errors.InvalidRequestException.class)
        .hasMessageContaining("more than " + Extractor.MAX_ELEMENTS + " elements");
    // And a text page of 25 MB of one-letter lines: 20 s of CPU, out of memory at 49 MB.
    byte[] lines =
        ("Tallies\n\n" + "a\n".repeat(Extractor.MAX_LINES)).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Extractor.extract(lines, Extractor.Format.TEXT, null))
        .isInstanceOf(dev.byline.errors.InvalidRequestException.class)
        .hasMessageContaining("more than " + Extractor.MAX_LINES + " lines");
  }

  private static String text(Random random, int min, int max) {
    int words = min + random.nextInt(max - min + 1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < words; i++) {
      if (i > 0) out.append(' ');
      out.append("abcdefghij".charAt(random.nextInt(10))).append("xy".repeat(random.nextInt(3)));
    }
    return out.toString();
  }
}
