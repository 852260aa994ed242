package dev.byline.article;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * When an article was published, with the precision its source gave: a day ({@code 2023-04-10})
 * or an instant with its offset ({@code 2023-04-10T08:00:00+02:00}).
 *
 * @param text the normalised ISO-8601 form, as it is stored and returned
 * @param day the calendar day as written in the source (its own offset, not UTC)
 * @param instant the moment used for ranges and sorting: for a day, its start in UTC
 * @param hasTime whether the source gave a time of day
 */
public record PublicationDate(String text, LocalDate day, Instant instant, boolean hasTime) {

  public static PublicationDate ofDay(LocalDate day) {
    return new PublicationDate(
        day.toString(), day, day.atStartOfDay(ZoneOffset.UTC).toInstant(), false);
  }

  public static PublicationDate ofDateTime(OffsetDateTime dateTime) {
    // The ISO formatter always writes seconds and writes a zero offset as "Z".
    return new PublicationDate(
        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(dateTime),
        dateTime.toLocalDate(),
        dateTime.toInstant(),
        true);
  }

  public long epochMillis() {
    return instant.toEpochMilli();
  }

  public int year() {
    return day.getYear();
  }

  @Override
  public String toString() {
    return text;
  }
}
