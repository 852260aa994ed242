package dev.byline.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Dates, sources and breadcrumbs as pages write them. */
class TextRulesTest {
  @Test
  void dates_in_the_forms_sites_use() {
    assertThat(DateFinder.first("April 10, 2023").date().text()).isEqualTo("2023-04-10");
    assertThat(DateFinder.first("10 April 2023").date().text()).isEqualTo("2023-04-10");
    assertThat(DateFinder.first("Apr. 10, 2023").date().text()).isEqualTo("2023-04-10");
    assertThat(DateFinder.first("2023-04-10").date().text()).isEqualTo("2023-04-10");
    assertThat(DateFinder.first("2023/04/10 08:15").date().text()).isEqualTo("2023-04-10");
    assertThat(DateFinder.first("Updated 3rd March 2021, 10:00").date().text())
        .isEqualTo("2021-03-03");
  }

  @Test
  void a_timestamp_glued_to_a_word_is_not_a_publication_date() {
    assertThat(DateFinder.first("sport2024-06-03 18:45:316")).isNull();
    assertThat(DateFinder.first("id12023-04-10")).isNull();
    assertThat(DateFinder.first("2023-02-30")).isNull();
  }

  @Test
  void source_lines() {
    assertThat(TextExtractor.sourceOf("(Source: People's Daily Online)"))
        .isEqualTo("People's Daily Online");
    assertThat(TextExtractor.sourceOf("Source: The Harbour Courier"))
        .isEqualTo("The Harbour Courier");
    assertThat(TextExtractor.sourceOf("This article was originally published by The Conversation."))
        .isEqualTo("The Conversation");
    assertThat(
            TextExtractor.sourceOf(
                "This story first appeared in The Valley Naturalist and is republished with permission."))
        .isEqualTo("The Valley Naturalist");
    assertThat(TextExtractor.sourceOf("The source of the river is in the hills.")).isNull();
  }

  @Test
  void datelines_name_the_agency_and_photo_credits_do_not() {
    Extraction wire =
        TextExtractor.extract(
            "Storm closes ports\n\nLONDON (Reuters) - Ports along the east coast closed on Tuesday as a storm brought winds of over a hundred kilometres an hour.\n");
    assertThat(wire.source).isEqualTo("Reuters");
    Extraction xinhua =
        TextExtractor.extract(
            "Forum opens\n\nBEIJING, April 14 (Xinhua) -- A forum on rural schools opened in Beijing on Friday with delegates from forty countries attending.\n");
    assertThat(xinhua.source).isEqualTo("Xinhua");
    Extraction caption =
        TextExtractor.extract(
            "Forum opens\n\nDelegates arrive at the forum hall in the morning. [Xinhua]\n\nA forum on rural schools opened on Friday with delegates from forty countries attending the talks.\n");
    assertThat(caption.source).isNull();
    assertThat(caption.body).doesNotContain("Delegates arrive");
    Extraction ap =
        TextExtractor.extract(
            "Flood waters rise\n\nResidents wade through a flooded street in the lower town. (AP Photo/Jane Roe)\n\nFlood waters rose again overnight in the lower town, and the army was called in to help with sandbags.\n");
    assertThat(ap.source).isNull();
    assertThat(ap.body).doesNotContain("AP Photo");
  }

  @Test
  void breadcrumbs_give_the_last_section() {
    assertThat(TextExtractor.breadcrumb("News / Society")).isEqualTo("Society");
    assertThat(TextExtractor.breadcrumb("Home » Technology » Gadgets")).isEqualTo("Gadgets");
    assertThat(TextExtractor.breadcrumb("Home > World > Europe")).isEqualTo("Europe");
    assertThat(TextExtractor.breadcrumb("2023/04/10")).isNull();
    assertThat(
            TextExtractor.breadcrumb(
                "He said the 50/50 split was fair and the rest was up to them"))
        .isNull();
  }

  @Test
  void footers_end_the_body_and_short_headline_lists_are_not_body() {
    Extraction e =
        TextExtractor.extract(
            """
        Council backs new bridge

        The council voted on Tuesday to build a new footbridge over the river, linking the station to the market square.

        Work will begin in the spring and should take eighteen months, the council said.

        Reporting by Jane Roe; Editing by John Poe

        Quarry plan draws objections
        Cyclist sets record
        Brickworks to close""");
    assertThat(e.body).endsWith("the council said.");
    assertThat(e.body).doesNotContain("Quarry").doesNotContain("Jane Roe");
  }

  @Test
  void text_without_structure_is_all_body_with_the_first_line_as_title() {
    Extraction e =
        TextExtractor.extract("just some words\nand more words here\nno sentences at all");
    assertThat(e.title).isEqualTo("just some words");
    assertThat(e.body).contains("no sentences at all");
  }
}
