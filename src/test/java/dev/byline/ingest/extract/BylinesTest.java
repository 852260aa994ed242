package dev.byline.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The byline shapes sites print, each read into names, date and source. */
class BylinesTest {
  private static Bylines.Byline parse(String line) {
    Bylines.Byline b = Bylines.parse(line);
    assertThat(b).as(line).isNotNull();
    return b;
  }

  @Test
  void plain_and_glued_bylines() {
    assertThat(parse("By Wu Chaolan").authors()).containsExactly("Wu Chaolan");
    Bylines.Byline glued = parse("ByWu Chaolan April 10, 2023");
    assertThat(glued.authors()).containsExactly("Wu Chaolan");
    assertThat(glued.date().text()).isEqualTo("2023-04-10");
  }

  @Test
  void several_authors() {
    assertThat(parse("By Ana Tubić and Jonas Müller").authors())
        .containsExactly("Ana Tubić", "Jonas Müller");
    assertThat(parse("By Ana Tubić, Jonas Müller and Chloé Dubois").authors())
        .containsExactly("Ana Tubić", "Jonas Müller", "Chloé Dubois");
    assertThat(parse("By Ana Tubić & Jonas Müller").authors())
        .containsExactly("Ana Tubić", "Jonas Müller");
  }

  @Test
  void honorifics_and_job_titles_are_not_names() {
    assertThat(parse("Written by Dr. Helena Marsh, Science Correspondent").authors())
        .containsExactly("Helena Marsh");
    assertThat(parse("By Prof. Kwame Mensah, Senior Economics Editor").authors())
        .containsExactly("Kwame Mensah");
    assertThat(parse("By Jane Doe in Brussels").authors()).containsExactly("Jane Doe");
  }

  @Test
  void pipe_separated_byline_with_outlet_and_updated_date() {
    Bylines.Byline b = parse("By ZHAO LEI | China Daily | Updated: 2023-04-10 08:15");
    assertThat(b.authors()).containsExactly("Zhao Lei");
    assertThat(b.source()).isEqualTo("China Daily");
    assertThat(b.date().text()).isEqualTo("2023-04-10");
  }

  @Test
  void posted_on_date_by_name() {
    Bylines.Byline b = parse("Posted on March 3, 2021 by Daniel Okoro");
    assertThat(b.authors()).containsExactly("Daniel Okoro");
    assertThat(b.date().text()).isEqualTo("2021-03-03");
  }

  @Test
  void an_agency_byline_is_a_source_not_a_person() {
    Bylines.Byline b = parse("By Reuters");
    assertThat(b.authors()).isEmpty();
    assertThat(b.source()).isEqualTo("Reuters");
  }

  @Test
  void sentences_and_words_starting_with_by_are_not_bylines() {
    for (String line :
        List.of(
            "Bystanders watched the parade.",
            "By the end of the year prices had doubled and nobody knew why.",
            "BYD shares rose",
            "by and large",
            "Byzantine art on show")) {
      Bylines.Byline b = Bylines.parse(line);
      assertThat(b == null || b.authors().isEmpty()).as(line).isTrue();
    }
  }

  @Test
  void shouting_names_are_title_cased_keeping_apostrophes_and_hyphens() {
    assertThat(Names.titleCaseIfShouting("MARY O'NEILL-SMITH")).isEqualTo("Mary O'Neill-Smith");
    assertThat(Names.titleCaseIfShouting("Ana Tubić")).isEqualTo("Ana Tubić");
  }
}
