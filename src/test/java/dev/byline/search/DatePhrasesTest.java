package dev.byline.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DatePhrasesTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 28); // a Saturday

  private static String read(String query) {
    DatePhrases.Understood u = DatePhrases.parse(query, TODAY);
    if (u == null) return "none";
    return (u.from() == null ? "*" : u.from().text())
        + ".."
        + (u.to() == null ? "*" : u.to().text())
        + " ["
        + u.text()
        + "] rest="
        + u.rest();
  }

  @Test
  void the_phrases_of_the_issue() {
    assertThat(read("floods last week"))
        .isEqualTo("2026-11-21..2026-11-28 [last week] rest=floods");
    assertThat(read("elections since 2020")).isEqualTo("2020-01-01..* [since 2020] rest=elections");
    assertThat(read("strike in April 2023"))
        .isEqualTo("2023-04-01..2023-04-30 [in April 2023] rest=strike");
    assertThat(read("budget 2019..2021"))
        .isEqualTo("2019-01-01..2021-12-31 [2019..2021] rest=budget");
    // Years the other way round are the same span (was an empty range, 2020-01-01..2019-12-31,
    // that the from and to parameters refuse: an outside hunt).
    assertThat(read("ferry from 2020 to 2019"))
        .isEqualTo("2019-01-01..2020-12-31 [2020 to 2019] rest=ferry from");
    assertThat(read("before 2010")).isEqualTo("*..2009-12-31 [before 2010] rest=");
  }

  @Test
  void more_forms() {
    assertThat(read("ferry after 2015")).isEqualTo("2016-01-01..* [after 2015] rest=ferry");
    assertThat(read("harbour in 2019")).isEqualTo("2019-01-01..2019-12-31 [in 2019] rest=harbour");
    assertThat(read("past 3 months storms"))
        .isEqualTo("2026-08-28..2026-11-28 [past 3 months] rest=storms");
    assertThat(read("council this year"))
        .isEqualTo("2026-01-01..2026-11-28 [this year] rest=council");
    assertThat(read("yesterday")).isEqualTo("2026-11-27..2026-11-27 [yesterday] rest=");
    assertThat(read("between 2001 and 2003 roads"))
        .isEqualTo("2001-01-01..2003-12-31 [between 2001 and 2003] rest=roads");
  }

  /**
   * What an outside probe (sixteenth session) typed and was read as words, or read too narrowly:
   * a day written out ("obama july 24, 2015" ranked the article 5th), a span with a plain hyphen,
   * "since last year", and "last year" in December meaning the year before to many readers.
   */
  @Test
  void a_day_a_hyphenated_span_and_last_year_as_readers_mean_them() {
    assertThat(read("obama july 24, 2015"))
        .isEqualTo("2015-07-24..2015-07-24 [july 24, 2015] rest=obama");
    assertThat(read("obama July 24th 2015"))
        .isEqualTo("2015-07-24..2015-07-24 [July 24th 2015] rest=obama");
    assertThat(read("24 July 2015 obama"))
        .isEqualTo("2015-07-24..2015-07-24 [24 July 2015] rest=obama");
    assertThat(read("obama on 2015-07-24"))
        .isEqualTo("2015-07-24..2015-07-24 [on 2015-07-24] rest=obama");
    assertThat(read("obama 7/24/2015")).isEqualTo("2015-07-24..2015-07-24 [7/24/2015] rest=obama");
    assertThat(read("obama 24/7/2015")).isEqualTo("2015-07-24..2015-07-24 [24/7/2015] rest=obama");
    // Which of 3 and 4 is the month is the writer's custom: words. An impossible day too.
    assertThat(read("obama 3/4/2015")).isEqualTo("none");
    assertThat(read("obama february 31, 2015")).isEqualTo("none");
    // The comma of a date is no sentence's; another comma still is.
    assertThat(read("floods, storms july 24, 2015")).isEqualTo("none");
    assertThat(read("tutoring 2024-2025"))
        .isEqualTo("2024-01-01..2025-12-31 [2024-2025] rest=tutoring");
    // With a plain hyphen in a pasted sentence, the years of a period are words.
    assertThat(read("the dock built and rebuilt over 1972-1979")).isEqualTo("none");
    assertThat(read("tutoring since last year"))
        .isEqualTo("2025-01-01..* [since last year] rest=tutoring");
    assertThat(read("tutoring last year"))
        .isEqualTo("2025-01-01..2026-11-28 [last year] rest=tutoring");
    assertThat(read("rates last month"))
        .isEqualTo("2026-10-01..2026-11-28 [last month] rest=rates");
    assertThat(read("rates past year")).isEqualTo("2025-11-28..2026-11-28 [past year] rest=rates");
  }

  @Test
  void words_that_only_look_like_dates_are_left_alone() {
    assertThat(read("glacier")).isEqualTo("none");
    assertThat(read("\"since 2020\" slogan")).isEqualTo("none");
    assertThat(read("route 2020x")).isEqualTo("none");
    assertThat(read("may day parade")).isEqualTo("none");
  }

  @Test
  void dates_are_read_only_where_a_person_clearly_meant_a_filter() {
    // inside a sentence or a question: words
    assertThat(read("the proliferation of information today, and how automation can help"))
        .isEqualTo("none");
    assertThat(read("what happened to the harbour this year?")).isEqualTo("none");
    assertThat(read("online searches were conducted via the major systems in 1979."))
        .isEqualTo("none");
    assertThat(read("information in today's libraries")).isEqualTo("none");
    // in the middle of the words: words
    assertThat(read("nehru last week attack")).isEqualTo("none");
    // opening or closing a short query: a filter
    assertThat(read("nehru attack last week"))
        .isEqualTo("2026-11-21..2026-11-28 [last week] rest=nehru attack");
    assertThat(read("in April 2023 strike"))
        .isEqualTo("2023-04-01..2023-04-30 [in April 2023] rest=strike");
  }
}
