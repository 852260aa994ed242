package dev.byline.ingest.extract;

import dev.byline.article.PublicationDate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads bylines in the shapes sites print them: {@code By Wu Chaolan}, {@code ByWu Chaolan April
 * 10, 2023} (glued), {@code By A and B}, {@code By A, B and C}, {@code Written by Dr. A, Science
 * Correspondent}, {@code By ZHAO LEI | China Daily | Updated: 2023-04-10 08:15}, {@code Posted on
 * March 3, 2021 by A}.
 */
final class Bylines {
  /** What a byline says. */
  record Byline(List<String> authors, PublicationDate date, String source) {}

  private static final int MAX_WORDS = 30;

  /** "Posted on March 3, 2021 by A", and the bare "03/01/2017 by A" of many templates. */
  private static final Pattern POSTED_ON_BY =
      Pattern.compile(
          "^(?:(?:posted|published|written|updated)(?: on)?\\s+)?(.{6,40}?)\\s+by\\s+(.+)$",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern NAME_PIECES = Pattern.compile("\\s*(?:,|\\band\\b)\\s*");
  private static final Pattern YEAR = Pattern.compile("(?<!\\d)(?:19|20)\\d\\d(?!\\d)");
  // "By" then a space, or glued straight onto a capitalised name ("ByWu Chaolan").
  private static final Pattern BY =
      Pattern.compile(
          "^(?:(?:written|words|story|text|reporting|reported|posted|article|photos and text"
              + "|(?:all|more) (?:articles|posts|stories))\\s+)?"
              + "(?:by|BY|By)(?:\\s*[:\\-]?\\s+|(?=\\p{Lu}\\p{Ll}))(.+)$",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern SEGMENTS = Pattern.compile("\\s*[|·•]\\s*|\\s+[–—-]\\s+");
  private static final Pattern UPDATED =
      Pattern.compile("\\b(?:updated|modified|last updated)\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern LABEL =
      Pattern.compile("^(?:published|posted|updated|date|on)\\b.*", Pattern.CASE_INSENSITIVE);

  private Bylines() {}

  /** The byline in this line, or null if the line is not one. */
  static Byline parse(String line) {
    String text = line.strip();
    if (text.isEmpty() || LineRules.words(text) > MAX_WORDS) {
      return null;
    }
    Matcher posted = POSTED_ON_BY.matcher(text);
    if (posted.matches() && (posted.start(1) > 0 || YEAR.matcher(posted.group(1)).find())) {
      DateFinder.Found date = DateFinder.first(posted.group(1));
      Byline rest = fromNames(posted.group(2));
      if (rest != null) {
        return new Byline(rest.authors(), date == null ? rest.date() : date.date(), rest.source());
      }
      return null;
    }
    Matcher by = BY.matcher(text);
    if (!by.matches()) {
      return null;
    }
    return fromNames(by.group(1));
  }

  private static Byline fromNames(String afterBy) {
    String[] segments = SEGMENTS.splitAsStream(afterBy).toArray(String[]::new);
    String names = segments[0];
    PublicationDate date = null;
    PublicationDate updated = null;
    String source = null;
    // A date in the name part ends the names: "Wu Chaolan April 10, 2023".
    DateFinder.Found inNames = DateFinder.first(names);
    if (inNames != null) {
      date = inNames.date();
      names = names.substring(0, inNames.start());
      names = names.replaceAll("(?i)\\s*(?:,|on|published|posted|updated)?\\s*$", "");
    }
    for (int i = 1; i < segments.length; i++) {
      String segment = segments[i].strip();
      DateFinder.Found found = DateFinder.first(segment);
      if (found != null) {
        if (UPDATED.matcher(segment).find()
            && !segment.toLowerCase(Locale.ROOT).contains("published")) {
          updated = updated == null ? found.date() : updated;
        } else if (date == null) {
          date = found.date();
        }
      } else if (source == null
          && !LABEL.matcher(segment).matches()
          && LineRules.words(segment) <= 5
          && !segment.isEmpty()
          && Character.isUpperCase(segment.charAt(0))) {
        source = segment;
      }
    }
    List<String> authors = Names.parse(names);
    if (authors.isEmpty()) {
      String agency = names.strip();
      if (Names.isAgency(agency)) {
        return new Byline(List.of(), date != null ? date : updated, agency);
      }
      return null;
    }
    for (String piece : NAME_PIECES.splitAsStream(names).toList()) {
      if (Names.isAgency(piece) && source == null) {
        source = piece.strip();
      }
    }
    return new Byline(authors, date != null ? date : updated, source);
  }
}
