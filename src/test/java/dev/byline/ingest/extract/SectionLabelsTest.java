package dev.byline.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A short section label above the headline is the category, in text dumps and in HTML; a menu is not. */
class SectionLabelsTest {
  private static final String STORY =
      """
      By Nadia Fenwick

      Crews finished repairing the harbour wall on Monday after three weeks of work on its southern end.

      The council said the repairs cost less than planned and the quay reopens to boats next week.
      """;

  private static Extraction text(String dump) {
    return Extractor.extract(dump.getBytes(StandardCharsets.UTF_8), Extractor.Format.TEXT, null);
  }

  private static Extraction html(String body) {
    String page =
        "<html><head><title>Harbour wall repaired after three weeks</title></head><body>"
            + body
            + "<p>Crews finished repairing the harbour wall on Monday after three weeks of work on its southern end.</p>"
            + "<p>The council said the repairs cost less than planned and the quay reopens to boats next week.</p></body></html>";
    return Extractor.extract(page.getBytes(StandardCharsets.UTF_8), Extractor.Format.HTML, null);
  }

  @Test
  void a_label_line_above_the_headline_of_a_text_dump_is_the_category_not_the_title() {
    Extraction e = text("Markets\n\nHarbour wall repaired after three weeks\n\n" + STORY);
    assertThat(e.title).isEqualTo("Harbour wall repaired after three weeks");
    assertThat(e.category).isEqualTo("Markets");
    assertThat(
            text("SCIENCE AND NATURE\nHarbour wall repaired after three weeks\n" + STORY).category)
        .isEqualTo("SCIENCE AND NATURE");
  }

  @Test
  void the_last_item_of_a_menu_is_not_a_label() {
    Extraction e =
        text("Home\nWorld\nSport\nWeather\n\nHarbour wall repaired after three weeks\n\n" + STORY);
    assertThat(e.category).isNull();
    assertThat(
            text("Ferry timetables for the whole coast, updated daily.\nHarbour wall repaired after three weeks\n"
                    + STORY)
                .category)
        .isNull();
  }

  @Test
  void a_kicker_above_the_h1_is_the_category() {
    assertThat(
            html("<main><header><p class=\"kicker\">Coastal Affairs</p><h1>Harbour wall repaired after three weeks</h1></header>")
                .category)
        .isEqualTo("Coastal Affairs");
    assertThat(
            html("<main><div class=\"eyebrow\"><a href=\"/science\">SCIENCE</a></div><div><h1>Harbour wall repaired after three weeks</h1></div>")
                .category)
        .isEqualTo("SCIENCE");
  }

  @Test
  void a_sentence_or_a_menu_before_the_h1_is_not_a_label() {
    assertThat(
            html("<main><p>Ferry timetables for the whole coast, updated daily.</p><h1>Harbour wall repaired after three weeks</h1>")
                .category)
        .isNull();
    assertThat(html("<h1>Harbour wall repaired after three weeks</h1>").category)
        .as("the <title> is not a label")
        .isNull();
    assertThat(html("<p>AdChoices</p><h1>Harbour wall repaired after three weeks</h1>").category)
        .isNull();
    assertThat(
            html("<main><a href=\"/\">Home</a><a href=\"/world\">World</a><a href=\"/sport\">Sport</a><h1>Harbour wall repaired after three weeks</h1>")
                .category)
        .isNull();
  }
}
