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
