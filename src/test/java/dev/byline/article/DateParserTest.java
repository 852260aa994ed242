package dev.byline.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DateParserTest {
  @Test
  void iso_day_keeps_day_precision() {
    PublicationDate d = DateParser.parse("2023-04-10");
    assertThat(d.text()).isEqualTo("2023-04-10");
    assertThat(d.hasTime()).isFalse();
    assertThat(d.instant()).isEqualTo(Instant.parse("2023-04-10T00:00:00Z"));
    assertThat(d.year()).isEqualTo(2023);
  }

  @Test
  void iso_date_time_keeps_its_offset_and_time() {
    PublicationDate d = DateParser.parse("2023-04-10T08:15:00+02:00");
    assertThat(d.text()).isEqualTo("2023-04-10T08:15:00+02:00");
    assertThat(d.hasTime()).isTrue();
    assertThat(d.instant()).isEqualTo(Instant.parse("2023-04-10T06:15:00Z"));
  }

  @Test
  void zulu_date_time_is_written_with_z_and_seconds() {
    assertThat(DateParser.parse("2023-04-10T08:00Z").text()).isEqualTo("2023-04-10T08:00:00Z");
  }

  @Test
  void rfc_1123_is_read_as_an_instant() {
    PublicationDate d = DateParser.parse("Mon, 10 Apr 2023 08:00:00 GMT");
    assertThat(d.text()).isEqualTo("2023-04-10T08:00:00Z");
    assertThat(d.hasTime()).isTrue();
  }

  @Test
  void written_english_day_is_read_as_a_day() {
    assertThat(DateParser.parse("April 10, 2023").text()).isEqualTo("2023-04-10");
    assertThat(DateParser.parse("Apr 10, 2023").text()).isEqualTo("2023-04-10");
    assertThat(DateParser.parse("april 9, 2023").text()).isEqualTo("2023-04-09");
  }

  @Test
  void date_time_without_offset_is_refused_with_the_reason() {
    assertThatThrownBy(() -> DateParser.parse("2023-04-10T08:00:00"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no offset");
  }

  @Test
  void nonsense_and_impossible_dates_are_refused_naming_the_value() {
    for (String bad : new String[] {"yesterday", "2023-02-30", "2023-13-01", "", "10/04/2023"}) {
      assertThatThrownBy(() -> DateParser.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + bad + "'");
    }
  }

  @Test
  void years_outside_four_digits_are_refused() {
    assertThatThrownBy(() -> DateParser.parse("0999-01-01"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
