package dev.byline.article;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses the date forms articles arrive with, keeping the precision given. Accepted: an ISO-8601
 * day ({@code 2023-04-10}), an ISO-8601 date-time with an offset or {@code Z}, RFC 1123 ({@code Mon,
 * 10 Apr 2023 08:00:00 GMT}) and the written English day ({@code April 10, 2023}, {@code Apr 10,
 * 2023}). A date-time without an offset is refused: its instant would be a guess.
 */
public final class DateParser {
  private static final int MIN_YEAR = 1000;
  private static final int MAX_YEAR = 9999;

  private static final Pattern ISO_DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern ISO_LOCAL_DATE_TIME =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?");

  private static final List<DateTimeFormatter> WRITTEN_DAYS =
      List.of(written("MMMM d, uuuu"), written("MMM d, uuuu"), written("MMM. d, uuuu"));

  private DateParser() {}

  private static final java.util.List<String> MONTH_PREFIXES =
      java.util.List.of(
          "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

  /**
   * The number (1-12) of an English month named in full or abbreviated ("Sept", "dec"): its first
   * three letters decide, in any case. The caller has matched a month name; anything else throws.
   */
  public static int monthNumber(String name) {
    int i = MONTH_PREFIXES.indexOf(name.substring(0, 3).toLowerCase(java.util.Locale.ROOT));
    if (i < 0) throw new IllegalArgumentException("not a month name: " + name);
    return i + 1;
  }

  private static DateTimeFormatter written(String pattern) {
    return new DateTimeFormatterBuilder()
        .parseCaseInsensitive()
        .appendPattern(pattern)
        .toFormatter(Locale.ENGLISH)
        .withResolverStyle(ResolverStyle.STRICT);
  }

  /**
   * Parses {@code text}, or explains why it cannot.
   *
   * @throws IllegalArgumentException with a message that quotes the value and lists the forms
   *     accepted
   */
  public static PublicationDate parse(String text) {
    String value = text == null ? "" : text.strip();
    return tryParse(value)
        .map(DateParser::checkRange)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    ISO_LOCAL_DATE_TIME.matcher(value).matches()
                        ? "date '" + value + "' has a time but no offset: add 'Z' or '+hh:mm'"
                        : "date '"
                            + value
                            + "' is not a date Byline reads (use 2023-04-10, 2023-04-10T08:00:00Z,"
                            + " 'Mon, 10 Apr 2023 08:00:00 GMT' or 'April 10, 2023')"));
  }

  private static Optional<PublicationDate> tryParse(String value) {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      if (ISO_DAY.matcher(value).matches()) {
        return Optional.of(PublicationDate.ofDay(LocalDate.parse(value)));
      }
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          PublicationDate.ofDateTime(
              OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
    } catch (DateTimeParseException ignored) {
      // not ISO with offset; try the next form
    }
    try {
      return Optional.of(
          PublicationDate.ofDateTime(
              ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toOffsetDateTime()));
    } catch (DateTimeParseException ignored) {
      // not RFC 1123; try the written forms
    }
    for (DateTimeFormatter format : WRITTEN_DAYS) {
      try {
        return Optional.of(PublicationDate.ofDay(LocalDate.parse(value, format)));
      } catch (DateTimeParseException ignored) {
        // try the next written form
      }
    }
    return Optional.empty();
  }

  private static PublicationDate checkRange(PublicationDate date) {
    if (date.year() < MIN_YEAR || date.year() > MAX_YEAR) {
      throw new IllegalArgumentException(
          "date '"
              + date.text()
              + "' is out of range (years "
              + MIN_YEAR
              + " to "
              + MAX_YEAR
              + ")");
    }
    return date;
  }
}
