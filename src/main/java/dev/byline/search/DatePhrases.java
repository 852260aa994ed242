package dev.byline.search;

import dev.byline.article.DateParser;
import dev.byline.article.PublicationDate;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a date phrase typed in the search box ({@code floods last week}, {@code elections since
 * 2020}, {@code strike in April 2023}, {@code budget 2019..2021}, {@code before 2010}) as a date
 * range, relative to a given today, and returns the rest of the words as the query. One phrase per
 * query, the first that matches; parsing is deterministic.
 *
 * <p>Only where a person clearly meant a date filter: the phrase must open or close the query, the
 * query must be short (at most {@value #MAX_WORDS} words) and not a question or sentence (no
 * {@code ?}, no {@code ,} or {@code ;} between words, no closing full stop). "The proliferation of information today, and
 * how…", "the 1979 totals … in 1979." and "what happened this year?" are words to search, not
 * filters.
 */
final class DatePhrases {
  /** What was understood: the phrase as typed, the range (either end may be open), the rest. */
  record Understood(String text, PublicationDate from, PublicationDate to, String rest) {}

  private static final String MONTH =
      "(january|february|march|april|may|june|july|august|september|october|november|december"
          + "|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\.?";
  private static final String YEAR = "((?:19|20)\\d{2})";
  private static final String DAY = "(\\d{1,2})(?:st|nd|rd|th)?";

  /**
   * @param maxRestWords most words the rest of the query may have for the phrase to be read
   */
  private record Rule(
      Pattern pattern, BiFunction<Matcher, LocalDate, LocalDate[]> range, int maxRestWords) {}

  /** Words beside "2024-2025" for it to be a span: a short query's (see {@code Ranking}). */
  private static final int MAX_WORDS_BESIDE_A_HYPHENATED_SPAN = 3;

  private static final List<Rule> RULES =
      List.of(
          rule(
              "(?:on\\s+)?" + MONTH + "\\s+" + DAY + ",?\\s+" + YEAR,
              (m, t) -> day(m.group(3), DateParser.monthNumber(m.group(1)), m.group(2))),
          rule(
              "(?:on\\s+)?" + DAY + "\\s+(?:of\\s+)?" + MONTH + ",?\\s+" + YEAR,
              (m, t) -> day(m.group(3), DateParser.monthNumber(m.group(2)), m.group(1))),
          rule(
              "(?:on\\s+)?" + YEAR + "-(\\d{2})-(\\d{2})",
              (m, t) -> day(m.group(1), Integer.parseInt(m.group(2)), m.group(3))),
          rule("(?:on\\s+)?(\\d{1,2})/(\\d{1,2})/" + YEAR, (m, t) -> slashed(m)),
          rule(
              "(?:between\\s+)?" + YEAR + "\\s*(?:\\.\\.|–|—|to|and)\\s*" + YEAR,
              // Either way round: "2020 to 2019" is the span of both years, not an empty one.
              (m, t) -> years(m)),
          // With a plain hyphen, in a short query only ("tutoring 2024-2025"): in a pasted
          // sentence ("… rebuilt over 1972-1979") the years are words of a period.
          new Rule(
              Pattern.compile(
                  "(?<![\\p{L}\\p{N}\"'’-])" + YEAR + "-" + YEAR + "(?![\\p{L}\\p{N}\"'’-])"),
              (m, t) -> years(m),
              MAX_WORDS_BESIDE_A_HYPHENATED_SPAN),
          rule("(?:in\\s+)?" + MONTH + "\\s+" + YEAR, (m, t) -> month(m.group(1), m.group(2))),
          rule(
              "since\\s+" + MONTH + "\\s+" + YEAR,
              (m, t) -> new LocalDate[] {month(m.group(1), m.group(2))[0], null}),
          rule(
              "(?:since|after|from)\\s+" + YEAR,
              (m, t) ->
                  new LocalDate[] {
                    m.group().toLowerCase(Locale.ROOT).startsWith("after")
                        ? yearStart(m.group(1)).plusYears(1)
                        : yearStart(m.group(1)),
                    null
                  }),
          rule(
              "before\\s+" + YEAR,
              (m, t) -> new LocalDate[] {null, yearStart(m.group(1)).minusDays(1)}),
          rule(
              "in\\s+" + YEAR,
              (m, t) -> new LocalDate[] {yearStart(m.group(1)), yearEnd(m.group(1))}),
          rule(
              "(?:in\\s+the\\s+)?(?:last|past)\\s+(\\d{1,3})\\s+(day|week|month|year)s?",
              (m, t) -> new LocalDate[] {minus(t, Integer.parseInt(m.group(1)), m.group(2)), t}),
          rule(
              "since\\s+last\\s+(week|month|year)",
              (m, t) -> new LocalDate[] {previousStart(t, m.group(1)), null}),
          // "last year" said in December 2026 is 2025 to one reader and the twelve months
          // before to another: both (an article of 18 November 2025 was not found). "past year"
          // is the twelve months; "last week" the seven days, as the issue reads it.
          rule("last\\s+(month|year)", (m, t) -> new LocalDate[] {previousStart(t, m.group(1)), t}),
          rule(
              "(?:last|past)\\s+(day|week|month|year)",
              (m, t) -> new LocalDate[] {minus(t, 1, m.group(1)), t}),
          rule(
              "this\\s+week",
              (m, t) -> new LocalDate[] {t.minusDays(t.getDayOfWeek().getValue() - 1L), t}),
          rule("this\\s+month", (m, t) -> new LocalDate[] {t.withDayOfMonth(1), t}),
          rule("this\\s+year", (m, t) -> new LocalDate[] {t.withDayOfYear(1), t}),
          rule("yesterday", (m, t) -> new LocalDate[] {t.minusDays(1), t.minusDays(1)}),
          rule("today", (m, t) -> new LocalDate[] {t, t}));

  /** Longer queries are read as words only. */
  static final int MAX_WORDS = 8;

  private static final Pattern SENTENCE = Pattern.compile("\\?|[,;](\\s|$)|\\.$");

  /** The comma of a date written "July 24, 2015" or "24 July, 2015": no sentence's. */
  private static final Pattern DATE_COMMA =
      Pattern.compile(
          "(?<=\\d(?:st|nd|rd|th)?|" + MONTH.replace("(", "(?:") + "),(?=\\s+(?:19|20)\\d{2})",
          Pattern.CASE_INSENSITIVE);

  private DatePhrases() {}

  private static Rule rule(String regex, BiFunction<Matcher, LocalDate, LocalDate[]> range) {
    return new Rule(
        Pattern.compile(
            "(?<![\\p{L}\\p{N}\"'’])" + regex + "(?![\\p{L}\\p{N}\"'’])", Pattern.CASE_INSENSITIVE),
        range,
        MAX_WORDS);
  }

  /** The first date phrase in {@code query} (outside quotes), or null if there is none. */
  static Understood parse(String query, LocalDate today) {
    query = query.strip();
    if (query.split("\\s+").length > MAX_WORDS
        || SENTENCE.matcher(DATE_COMMA.matcher(query).replaceAll("")).find()) return null;
    for (Rule rule : RULES) {
      Matcher m = rule.pattern().matcher(query);
      while (m.find()) {
        if (insideQuotes(query, m.start())) continue;
        if (m.start() > 0 && m.end() < query.length()) continue; // in the middle: words
        LocalDate[] range;
        try {
          range = rule.range().apply(m, today);
        } catch (DateTimeException e) {
          continue;
        }
        String rest =
            (query.substring(0, m.start()) + " " + query.substring(m.end()))
                .replaceAll("\\s+", " ")
                .strip();
        if (!rest.isEmpty() && rest.split(" ").length > rule.maxRestWords()) continue;
        return new Understood(
            m.group().strip(),
            range[0] == null ? null : PublicationDate.ofDay(range[0]),
            range[1] == null ? null : PublicationDate.ofDay(range[1]),
            rest);
      }
    }
    return null;
  }

  private static boolean insideQuotes(String query, int position) {
    int quotes = 0;
    for (int i = 0; i < position; i++) if (query.charAt(i) == '"') quotes++;
    return quotes % 2 == 1;
  }

  /** The span of the two years matched, either way round. */
  private static LocalDate[] years(Matcher m) {
    String first = m.group(1).compareTo(m.group(2)) <= 0 ? m.group(1) : m.group(2);
    String last = first.equals(m.group(1)) ? m.group(2) : m.group(1);
    return new LocalDate[] {yearStart(first), yearEnd(last)};
  }

  private static LocalDate yearStart(String year) {
    return LocalDate.of(Integer.parseInt(year), 1, 1);
  }

  private static LocalDate yearEnd(String year) {
    return LocalDate.of(Integer.parseInt(year), 12, 31);
  }

  private static LocalDate[] month(String name, String year) {
    YearMonth ym = YearMonth.of(Integer.parseInt(year), DateParser.monthNumber(name));
    return new LocalDate[] {ym.atDay(1), ym.atEndOfMonth()};
  }

  /** One day, as written: an impossible one (31 February) throws, and no phrase is read. */
  private static LocalDate[] day(String year, int month, String day) {
    LocalDate d = LocalDate.of(Integer.parseInt(year), month, Integer.parseInt(day));
    return new LocalDate[] {d, d};
  }

  /**
   * A day written with slashes: day first where the first number cannot be a month ("24/7/2015"),
   * month first where the second cannot ("7/24/2015"); otherwise ("3/4/2015") the order is the
   * writer's custom, unknown here, and no phrase is read.
   */
  private static LocalDate[] slashed(Matcher m) {
    int first = Integer.parseInt(m.group(1));
    int second = Integer.parseInt(m.group(2));
    if (first > 12 && second <= 12) return day(m.group(3), second, m.group(1));
    if (second > 12 && first <= 12) return day(m.group(3), first, m.group(2));
    if (first == second) return day(m.group(3), first, m.group(2));
    throw new DateTimeException("day and month cannot be told apart");
  }

  /** The first day of the calendar week (Monday), month or year before today's. */
  private static LocalDate previousStart(LocalDate today, String unit) {
    return switch (unit.toLowerCase(Locale.ROOT)) {
      case "week" -> today.minusWeeks(1).minusDays(today.getDayOfWeek().getValue() - 1L);
      case "month" -> today.minusMonths(1).withDayOfMonth(1);
      default -> today.minusYears(1).withDayOfYear(1);
    };
  }

  private static LocalDate minus(LocalDate today, int n, String unit) {
    return switch (unit.toLowerCase(Locale.ROOT)) {
      case "day" -> today.minusDays(n);
      case "week" -> today.minusWeeks(n);
      case "month" -> today.minusMonths(n);
      default -> today.minusYears(n);
    };
  }
}
