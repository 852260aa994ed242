package dev.byline.ingest.extract;

import dev.byline.article.DateParser;
import dev.byline.article.PublicationDate;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds calendar dates written the ways news sites write them: {@code April 10, 2023}, {@code 10
 * April 2023}, {@code Apr. 10, 2023}, {@code 2023-04-10}, {@code 2023/04/10 08:15}. A date glued to
 * a word ({@code sport2024-06-03}, a crawl timestamp) is not a date a person wrote, so it is not
 * found. {@code 23.07.2025} is read day first, as the countries that write dates with dots do.
 * Dates are returned with day precision: a time without a zone would be a guess.
 */
final class DateFinder {
  /** One date found in a text, with where it stands. */
  record Found(PublicationDate date, int start, int end) {}

  private static final String MONTH =
      "(January|February|March|April|May|June|July|August|September|October|November|December"
          + "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)";
  private static final Pattern NUMERIC =
      Pattern.compile(
          "(?<![\\p{L}\\d])(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2})?)?(?![\\d])");
  private static final Pattern DOTTED_DAY_FIRST =
      Pattern.compile("(?<![\\p{L}\\d.])(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})(?![\\d])");
  private static final Pattern MONTH_FIRST =
      Pattern.compile(
          "(?<![\\p{L}\\d])" + MONTH + "\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern DAY_FIRST =
      Pattern.compile(
          "(?<![\\p{L}\\d])(\\d{1,2})(?:st|nd|rd|th)?\\s+" + MONTH + "\\.?,?\\s+(\\d{4})(?!\\d)",
          Pattern.CASE_INSENSITIVE);

  private static final int MIN_YEAR = 1900;

  private DateFinder() {}

  /** Every date in {@code text}, in order of position. */
  static List<Found> findAll(String text) {
    List<Found> found = new ArrayList<>();
    if (text.length() > 2_000) {
      text = text.substring(0, 2_000); // dates worth finding stand in short lines
    }
    if (!hasYearDigits(text)) return found; // most lines: the four patterns need not run
    Matcher m = NUMERIC.matcher(text);
    while (m.find()) {
      add(
          found,
          m,
          Integer.parseInt(m.group(1)),
          Integer.parseInt(m.group(3)),
          Integer.parseInt(m.group(4)));
    }
    m = DOTTED_DAY_FIRST.matcher(text);
    while (m.find()) {
      add(
          found,
          m,
          Integer.parseInt(m.group(3)),
          Integer.parseInt(m.group(2)),
          Integer.parseInt(m.group(1)));
    }
    m = MONTH_FIRST.matcher(text);
    while (m.find()) {
      add(found, m, Integer.parseInt(m.group(3)), month(m.group(1)), Integer.parseInt(m.group(2)));
    }
    m = DAY_FIRST.matcher(text);
    while (m.find()) {
      add(found, m, Integer.parseInt(m.group(3)), month(m.group(2)), Integer.parseInt(m.group(1)));
    }
    found.sort((a, b) -> Integer.compare(a.start(), b.start()));
    return found;
  }

  /** Whether {@code text} has four ASCII digits in a row, as every form found here does. */
  private static boolean hasYearDigits(String text) {
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      run = c >= '0' && c <= '9' ? run + 1 : 0;
      if (run == 4) return true;
    }
    return false;
  }

  /** The first date in {@code text}, or null. */
  static Found first(String text) {
    List<Found> all = findAll(text);
    return all.isEmpty() ? null : all.get(0);
  }

  private static int month(String name) {
    return DateParser.monthNumber(name);
  }

  private static void add(List<Found> found, Matcher m, int year, int month, int day) {
    int maxYear = LocalDate.now(ZoneOffset.UTC).getYear() + 1;
    if (year < MIN_YEAR || year > maxYear) {
      return;
    }
    try {
      found.add(
          new Found(PublicationDate.ofDay(LocalDate.of(year, month, day)), m.start(), m.end()));
    } catch (DateTimeException e) {
      // not a real day (2023-02-30): not a date
    }
  }
}
