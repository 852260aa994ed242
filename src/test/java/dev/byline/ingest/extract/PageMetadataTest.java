package dev.byline.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Which of a page's metadata candidates become the article's date, source and URL; a URL
 * candidate an article cannot hold is passed over, and the article is kept.
 */
class PageMetadataTest {
  private static Extraction extract(String head) {
    String html =
        "<html><head><title>Harbour wall repaired</title>"
            + head
            + "</head><body><article><h1>Harbour wall repaired</h1>"
            + "<p>Crews finished repairing the harbour wall on Monday after three weeks of work on its southern end.</p>"
            + "<p>The council said the repairs cost less than planned and the quay reopens to boats next week.</p></article></body></html>";
    return Extractor.extract(html.getBytes(StandardCharsets.UTF_8), Extractor.Format.HTML, null);
  }

  @Test
  void json_ld_wrapped_in_cdata_is_still_read() {
    Extraction e =
        extract(
            "<script type=\"application/ld+json\">\n  <![CDATA[\n  {\"@type\":\"NewsArticle\","
                + "\"datePublished\":\"2015-10-15T02:19:15Z\",\"publisher\":{\"name\":\"Harbour Times\"}}\n  ]]>\n</script>"
                + "<meta property=\"article:published_time\" content=\"2015-12-11T14:28:34Z\">");
    assertThat(e.date.toString()).startsWith("2015-10-15");
    assertThat(e.source).isEqualTo("Harbour Times");
  }

  @Test
  void json_ld_behind_commented_cdata_markers_is_still_read() {
    assertThat(PageMetadata.withoutCdata("//<![CDATA[\n{\"a\":1}\n//]]>")).isEqualTo("{\"a\":1}\n");
    assertThat(PageMetadata.withoutCdata("/*<![CDATA[*/{\"a\":1}/*]]>*/")).isEqualTo("{\"a\":1}");
    assertThat(PageMetadata.withoutCdata("{\"a\":\"<![CDATA[x]]>\"}"))
        .isEqualTo("{\"a\":\"<![CDATA[x]]>\"}");
  }

  @Test
  void the_publisher_names_the_site_even_when_an_organisation_is_the_author() {
    Extraction e =
        extract(
            "<script type=\"application/ld+json\">{\"@type\":\"Article\","
                + "\"author\":{\"@type\":\"Organization\",\"name\":\"Contributors to the harbour wiki\"},"
                + "\"publisher\":{\"@type\":\"Organization\",\"name\":\"Harbour Foundation\"}}</script>");
    assertThat(e.source).isEqualTo("Harbour Foundation");
  }

  private static Extraction page(String head, String body) {
    String html =
        "<html><head><title>Harbour wall repaired</title>"
            + head
            + "</head><body>"
            + body
            + "</body></html>";
    return Extractor.extract(html.getBytes(StandardCharsets.UTF_8), Extractor.Format.HTML, null);
  }

  private static final String ARTICLE =
      "<p>Crews finished repairing the harbour wall on Monday after three weeks of work on its southern end.</p>"
          + "<p>The council said the repairs cost less than planned and the quay reopens to boats next week.</p>";

  @Test
  void the_date_under_the_headline_outranks_a_time_element_in_the_site_header() {
    Extraction e =
        page(
            "",
            "<header><span class=\"date\"><time datetime=\"2025-01-31\">Today</time></span></header>"
                + "<main><h1>Harbour wall repaired</h1><div><span>By Ann Lee</span><span>01 March 2017</span></div>"
                + ARTICLE
                + "</main>");
    assertThat(e.date.toString()).startsWith("2017-03-01");
  }

  @Test
  void the_metadata_date_outranks_the_date_under_the_headline() {
    Extraction e =
        page(
            "<meta property=\"article:published_time\" content=\"2016-05-02T10:00:00Z\">",
            "<main><h1>Harbour wall repaired</h1><p><time datetime=\"2017-03-01\">Updated 1 March 2017</time></p>"
                + ARTICLE
                + "</main>");
    assertThat(e.date.toString()).startsWith("2016-05-02");
  }

  @Test
  void a_date_written_in_the_body_is_not_taken_for_the_shown_date() {
    assertThat(
            HtmlExtractor.dateBesideHeadline(
                org.jsoup.Jsoup.parse(
                    "<main><h1>Harbour wall repaired</h1>"
                        + ARTICLE
                        + ARTICLE
                        + ARTICLE
                        + ARTICLE
                        + "<p>Work resumes on 4 May 2026.</p></main>")))
        .isNull();
  }

  @Test
  void a_date_written_with_dots_is_read_day_first() {
    assertThat(DateFinder.first("Elliot Raba 23.07.2025 · 5 min read").date().toString())
        .startsWith("2025-07-23");
    assertThat(DateFinder.first("release 1.23.07.2025")).isNull();
  }

  @Test
  void the_same_moment_written_in_the_publishers_offset_gives_the_publishers_day() {
    Extraction e =
        extract(
            "<script type=\"application/ld+json\">{\"@type\":\"Article\",\"dateCreated\":\"2017-02-24T01:18:13Z\"}</script>"
                + "<meta property=\"article:published_time\" content=\"2017-02-23T17:18:13-08:00\">");
    assertThat(e.date.day()).hasToString("2017-02-23");
    Extraction other =
        extract(
            "<script type=\"application/ld+json\">{\"@type\":\"Article\",\"dateCreated\":\"2017-02-24T01:18:13Z\"}</script>"
                + "<meta property=\"article:published_time\" content=\"2017-02-20T17:18:13-08:00\">");
    assertThat(other.date.day()).hasToString("2017-02-24");
  }

  @Test
  void a_javascript_canonical_url_loses_only_the_url() {
    Extraction e =
        extract(
            "<link rel=\"canonical\" href=\"javascript:alert(1)\"><meta property=\"og:url\" content=\"https://news.example/harbour-wall\">");
    assertThat(e.url).isEqualTo("https://news.example/harbour-wall");
    Extraction none =
        extract(
            "<link rel=\"canonical\" href=\"javascript:alert(1)\"><meta property=\"og:url\" content=\"javascript:void(0)\">");
    assertThat(none.url).isNull();
    assertThat(none.title).isEqualTo("Harbour wall repaired");
  }
}
