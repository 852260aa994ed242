package dev.byline.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which of a page's headings and metadata titles becomes the article's title. */
class HeadlinesTest {
  private static final String ARTICLE =
      "<p>Crews finished repairing the harbour wall on Monday after three weeks of work on its southern end.</p>"
          + "<p>The council said the repairs cost less than planned and the quay reopens to boats next week.</p>";

  private static String title(String head, String body) {
    String html = "<html><head>" + head + "</head><body>" + body + ARTICLE + "</body></html>";
    return Extractor.extract(html.getBytes(StandardCharsets.UTF_8), Extractor.Format.HTML, null)
        .title;
  }

  @Test
  void the_metadata_wording_stands_when_the_h1_is_the_same_headline_but_for_a_word() {
    assertThat(
            title(
                "<title>Harbour wall repaired for boats and ferries - Quay News</title>"
                    + "<meta property=\"og:title\" content=\"Harbour wall repaired for boats &amp; ferries\">",
                "<h1>Harbour wall repaired for boats and ferries</h1>"))
        .isEqualTo("Harbour wall repaired for boats & ferries");
  }

  @Test
  void the_displayed_h1_stands_when_the_metadata_only_adds_a_site_name_or_differs_in_punctuation() {
    assertThat(
            title(
                "<meta property=\"og:title\" content=\"Harbour wall repaired for boats | Quay News\">",
                "<h1>Harbour wall repaired for boats</h1>"))
        .isEqualTo("Harbour wall repaired for boats");
    assertThat(
            title(
                "<meta property=\"og:title\" content=\"Harbour Wall Repaired For Boats!\">",
                "<h1>Harbour wall repaired for boats</h1>"))
        .isEqualTo("Harbour wall repaired for boats");
  }

  @Test
  void different_headlines_are_not_rewordings() {
    assertThat(
            Headlines.sameHeadlineReworded(
                "Harbour wall repaired for boats", "Council approves new harbour budget"))
        .isFalse();
    assertThat(
            Headlines.sameHeadlineReworded(
                "How we designed the quay: a new wall", "How we designed the quay’s new wall"))
        .isTrue();
  }

  @Test
  void an_h1_the_markup_calls_the_title_needs_less_agreement_with_a_search_title() {
    assertThat(
            title(
                "<title>Harbour wall repairs: costs, dates, and more in 2025 | Quay News</title>",
                "<h1 class=\"story_title\">Everything you need to know about the harbour wall repairs</h1>"))
        .isEqualTo("Everything you need to know about the harbour wall repairs");
  }

  @Test
  void a_short_section_heading_is_not_taken_for_the_title() {
    assertThat(
            title(
                "<title>Harbour wall repaired after three weeks of work | Quay News</title>",
                "<h1 class=\"page-title\">Harbour News</h1>"))
        .isEqualTo("Harbour wall repaired after three weeks of work");
  }
}
