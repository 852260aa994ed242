package dev.byline.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Who a page names as its author: people split and cleaned, the byline beside the headline over
 * names elsewhere on the page, and an organisation only when no person is named.
 */
class AuthorsTest {
  private static final String ARTICLE =
      "<p>Crews finished repairing the harbour wall on Monday after three weeks of work on its southern end.</p>"
          + "<p>The council said the repairs cost less than planned and the quay reopens to boats next week.</p>";

  private static Extraction page(String head, String body) {
    String html =
        "<html><head><title>Harbour wall repaired</title>"
            + head
            + "</head><body>"
            + body
            + "</body></html>";
    return Extractor.extract(html.getBytes(StandardCharsets.UTF_8), Extractor.Format.HTML, null);
  }

  @Test
  void a_middle_name_or_nickname_in_brackets_is_dropped_but_a_counter_is_no_name() {
    assertThat(Names.parse("Rui (Tomás Vieira) Alves")).containsExactly("Rui Alves");
    assertThat(Names.parse("Richard (R.J.) Okafor")).containsExactly("Richard Okafor");
    assertThat(Names.parse("人氣(23925)")).isEmpty();
  }

  @Test
  void byline_prefixes_in_many_languages_are_dropped() {
    assertThat(Names.parse("Par Lucie Marchal et Paul Girard"))
        .containsExactly("Lucie Marchal", "Paul Girard");
    assertThat(Names.parse("Von Anna Keller und Jonas Brandt"))
        .containsExactly("Anna Keller", "Jonas Brandt");
    assertThat(Names.parse("Por Ana Ruiz y Pedro Gil")).containsExactly("Ana Ruiz", "Pedro Gil");
    assertThat(Names.parse("Di Marco Bellini")).containsExactly("Marco Bellini");
    assertThat(Names.parse("作者：王小明")).containsExactly("王小明");
  }

  @Test
  void lower_case_words_inside_a_name_must_be_particles() {
    assertThat(Names.parse("Heard on All Things Considered")).isEmpty();
    assertThat(Names.parse("Pieter de Vries")).containsExactly("Pieter de Vries");
    assertThat(Names.parse("Ana dos Santos")).containsExactly("Ana dos Santos");
  }

  @Test
  void an_outlet_after_a_pipe_ends_the_names() {
    assertThat(Names.parse("Lena Ortiz-Baum | The Valley Newsroom"))
        .containsExactly("Lena Ortiz-Baum");
  }

  @Test
  void a_prefix_after_a_separator_marks_where_the_names_start() {
    assertThat(
            Names.parse(
                "Le Quotidien | 04.05.2015 à 13h36 | Par Lucie Marchal (avec Paul Girard et Inès Roy)"))
        .containsExactly("Lucie Marchal", "Paul Girard", "Inès Roy");
  }

  @Test
  void publications_and_desks_are_not_people() {
    assertThat(Names.parse("Tech Insider")).isEmpty();
    assertThat(Names.parse("Tech Industry")).isEmpty();
    assertThat(Names.isOrganisation("Harbour Tools Team")).isTrue();
    assertThat(Names.isOrganisation("Centre for Coastal Research")).isTrue();
    assertThat(Names.isOrganisation("Kooman, F.")).isFalse();
  }

  @Test
  void a_date_then_by_and_an_author_box_link_are_bylines() {
    assertThat(
            Bylines.parse(
                    "03/01/2017 by Mara Quist, Candidate Representative to the Liaison Committee")
                .authors())
        .containsExactly("Mara Quist");
    assertThat(Bylines.parse("All articles by Tomas Reyes").authors())
        .containsExactly("Tomas Reyes");
    assertThat(Bylines.parse("The 10 best walks of 2023 by far")).isNull();
  }

  @Test
  void the_byline_beside_the_headline_beats_author_links_in_the_menu() {
    Extraction e =
        page(
            "",
            "<div class=\"menu\"><ul><li><a href=\"/author/olga-brandt\">Olga Brandt</a></li>"
                + "<li><a href=\"/author/ken-moss\">Ken Moss</a></li></ul></div>"
                + "<main><h1>Harbour wall repaired</h1><div class=\"meta\"><span class=\"author\">Nadia Fenwick</span></div>"
                + ARTICLE
                + "</main>");
    assertThat(e.authors).containsExactly("Nadia Fenwick");
  }

  @Test
  void a_headline_repeated_in_a_rail_above_the_article_does_not_move_the_headline() {
    Extraction e =
        page(
            "",
            "<div class=\"rail\"><h3>Harbour wall repaired</h3><span class=\"author\">Olga Brandt</span></div>"
                + "<p>filler</p>".repeat(150)
                + "<main><h1>Harbour wall repaired</h1><span class=\"author\">Nadia Fenwick</span>"
                + ARTICLE
                + "</main>");
    assertThat(e.authors).containsExactly("Nadia Fenwick");
  }

  @Test
  void microdata_beats_a_class_and_a_byline_line_beats_a_section_label_in_the_same_block() {
    Extraction e =
        page(
            "",
            "<main><h1>Harbour wall repaired</h1><div class=\"authorInfo\"><p>Coastal Industry</p>"
                + "<p>by <a rel=\"author\" href=\"/p/nf\">Nadia Fenwick</a></p></div>"
                + ARTICLE
                + "</main>");
    assertThat(e.authors).containsExactly("Nadia Fenwick");
  }

  @Test
  void a_byline_under_the_headline_beats_microdata_in_a_card_of_other_stories_further_down() {
    Extraction e =
        page(
            "",
            "<main><h1>Harbour wall repaired</h1><p class=\"byline\">By Nadia Fenwick</p>"
                + ARTICLE
                + "<p>More of the story follows here.</p>".repeat(60)
                + "<div class=\"card\"><a href=\"/other\">Ferry fares rise</a><span itemprop=\"author\">Olga Brandt</span></div></main>");
    assertThat(e.authors).containsExactly("Nadia Fenwick");
  }

  @Test
  void an_organisation_in_the_byline_beside_the_headline_is_not_replaced_by_a_person_far_below() {
    Extraction e =
        page(
            "",
            "<main><h1>Harbour wall repaired</h1><div class=\"meta-author\">by <a href=\"/author/quay-news\">Quay News</a></div>"
                + ARTICLE
                + "<p>More of the story follows here.</p>".repeat(150)
                + "<div class=\"related\"><a href=\"/other\">Ferry fares rise</a><span class=\"meta-author\">by Olga Brandt</span></div></main>");
    assertThat(e.authors).containsExactly("Quay News");
  }

  @Test
  void a_place_marked_in_the_byline_block_is_not_an_author() {
    Extraction e =
        page(
            "",
            "<main><h1>Harbour wall repaired</h1><div class=\"c-signature\">"
                + "<strong class=\"c-signature__location\">Porto Alegre</strong></div>"
                + ARTICLE
                + "</main>");
    assertThat(e.authors).isEmpty();
  }

  @Test
  void json_ld_author_names_given_as_an_array_are_read() {
    Extraction e =
        page(
            "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"author\":"
                + "{\"@type\":\"Person\",\"name\":[\"Lena Ortiz-Baum | The Valley Newsroom\"]}}</script>",
            "<main><h1>Harbour wall repaired</h1>" + ARTICLE + "</main>");
    assertThat(e.authors).containsExactly("Lena Ortiz-Baum");
  }

  @Test
  void an_organisation_is_the_author_only_when_no_person_is_named() {
    String orgAuthor =
        "<script type=\"application/ld+json\">{\"@type\":\"Article\","
            + "\"author\":{\"@type\":\"Organization\",\"name\":\"Contributors to the harbour wiki\"},"
            + "\"publisher\":{\"@type\":\"Organization\",\"name\":\"Harbour Foundation\"}}</script>";
    Extraction alone =
        page(orgAuthor, "<main><h1>Harbour wall repaired</h1>" + ARTICLE + "</main>");
    assertThat(alone.authors).containsExactly("Contributors to the harbour wiki");
    assertThat(alone.source).isEqualTo("Harbour Foundation");
    Extraction withPerson =
        page(
            orgAuthor,
            "<main><h1>Harbour wall repaired</h1><p class=\"byline\">By Nadia Fenwick</p>"
                + ARTICLE
                + "</main>");
    assertThat(withPerson.authors).containsExactly("Nadia Fenwick");
    Extraction meta =
        page(
            "<meta name=\"author\" content=\"Harbour Tools Team\">",
            "<main><h1>Harbour wall repaired</h1>" + ARTICLE + "</main>");
    assertThat(meta.authors).containsExactly("Harbour Tools Team");
  }

  @Test
  void a_byline_element_holding_the_site_name_is_the_author_when_no_person_is_named() {
    Extraction e =
        page(
            "<meta property=\"og:site_name\" content=\"Quaywatt\">",
            "<main><h1>Harbour wall repaired</h1><div class=\"post-author\"><span class=\"post-author-name\">Quaywatt</span>"
                + "<time datetime=\"2025-04-29\">2025/4/29</time></div>"
                + ARTICLE
                + "</main>");
    assertThat(e.authors).containsExactly("Quaywatt");
  }

  @Test
  void the_author_name_meta_tag_is_read() {
    Extraction e =
        page(
            "<meta name=\"article:author_name\" content=\"Nadia Fenwick\">",
            "<main><h1>Harbour wall repaired</h1>" + ARTICLE + "</main>");
    assertThat(e.authors).containsExactly("Nadia Fenwick");
  }
}
