package dev.byline.ingest.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts an article from the text of a page as crawlers save it: a headline near the top, a
 * header of navigation, breadcrumb, byline and date, the article's paragraphs, then the site's
 * footer (source line, copyright, related stories). See {@code shared/seeds} for a real one.
 *
 * <p>The body is the run of prose that starts after the header and ends at the first footer
 * marker, or where three lines in a row are not sentences (a list of other stories' headlines).
 */
final class TextExtractor {
  private static final int TITLE_SEARCH_LINES = 15;
  private static final int MAX_TITLE_CHARS = 300;

  /** Lines in a row that are not sentences after which the article is taken to be over. */
  private static final int MAX_NON_PROSE_RUN = 3;

  private static final Pattern SOURCE_LINE =
      Pattern.compile(
          "^\\(?\\s*source\\s*:\\s*([^()]{2,80}?)\\s*\\)?\\s*\\.?$", Pattern.CASE_INSENSITIVE);
  private static final Pattern ORIGINALLY_PUBLISHED =
      Pattern.compile(
          "^(?:this|the) (?:article|story|piece|post|report|column) (?:was |is |has been )?(?:originally |first )?"
              + "(?:published|appeared|posted|printed)(?: (?:by|on|in|at))? (.{2,80}?)(?:[.,;]| and | under |$).*",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern DATELINE =
      Pattern.compile(
          "^\\p{Lu}[\\p{Lu}\\p{L} .'’-]{1,40}?(?:,\\s*[\\p{L}.]+\\.?\\s+\\d{1,2})?\\s*\\(([\\p{L}][\\p{L} .&'-]{1,38})\\)\\s*(?:--|-|–|—|:)\\s*\\S.*");
  private static final Pattern SECTION_LINE =
      Pattern.compile(
          "^(?:section|category|categories|filed under|posted in|topic)\\s*:\\s*([^,|]{2,40}).*$",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern BREADCRUMB_SEPARATOR =
      Pattern.compile("\\s+(?:/|»|›|>|\\||→|::)\\s+|\\s*[»›→]\\s*");
  private static final Pattern CRUMB = Pattern.compile("[\\p{L}][\\p{L}&'’ .-]{0,29}");
  private static final Pattern PUBLISHED_LABEL =
      Pattern.compile(
          "\\b(?:published|posted|first published|date)\\b\\s*(?:on)?\\s*:?",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern GLUED_TIMESTAMP = Pattern.compile("\\p{L}\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private TextExtractor() {}

  static Extraction extract(String raw) {
    Extraction out = new Extraction();
    List<String> lines = PageText.lines(raw);
    List<Integer> nonBlank = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).isEmpty()) nonBlank.add(i);
    }
    if (nonBlank.isEmpty()) {
      return out;
    }
    boolean anyProse = nonBlank.stream().anyMatch(i -> LineRules.isProse(lines.get(i)));
    // Without a single sentence there is no structure to read: the first line is the title.
    int titleLine = anyProse ? chooseTitle(lines, nonBlank) : nonBlank.get(0);
    out.title(shorten(lines.get(titleLine)), "headline");
    String titleKey = key(out.title);

    int bodyStart = -1;
    for (int i : nonBlank) {
      if (i > titleLine && isBodyStart(lines.get(i), titleKey)) {
        bodyStart = i;
        break;
      }
    }
    int headerEnd = bodyStart < 0 ? Math.min(lines.size(), titleLine + 12) : bodyStart;
    readHeader(lines, headerEnd, titleKey, out);
    if (anyProse) out.category(SectionLabels.aboveLine(lines, titleLine), "section-label");

    List<String> body = new ArrayList<>();
    int end = bodyStart < 0 ? -1 : readBody(lines, bodyStart, titleKey, out, body);
    if (body.isEmpty()) {
      // No recognisable structure: the whole text is the body, the first line the title.
      StringBuilder all = new StringBuilder();
      for (int i : nonBlank) all.append(lines.get(i)).append("\n\n");
      out.body(all.toString(), "whole-text");
    } else {
      out.body(String.join("\n\n", body), "text-rules");
      if (out.authors.isEmpty() && end >= 0) {
        // Blogs often print "Posted on … by …" under the post.
        for (int i = end; i < Math.min(lines.size(), end + 6); i++) {
          Bylines.Byline byline = Bylines.parse(lines.get(i));
          if (byline != null && !byline.authors().isEmpty()) {
            out.authors(byline.authors(), "byline");
            out.date(byline.date(), "byline");
            break;
          }
        }
      }
    }
    return out;
  }

  /** The headline: a short line near the top, preferably one the page repeats (alt text, heading). */
  private static int chooseTitle(List<String> lines, List<Integer> nonBlank) {
    int best = nonBlank.get(0);
    int bestScore = Integer.MIN_VALUE;
    int limit = Math.min(nonBlank.size(), TITLE_SEARCH_LINES);
    for (int n = 0; n < limit; n++) {
      int i = nonBlank.get(n);
      String line = lines.get(i);
      int words = LineRules.words(line);
      if (words < 2
          || words > 30
          || line.length() > MAX_TITLE_CHARS
          || Bylines.parse(line) != null
          || breadcrumb(line) != null
          || LineRules.isNoise(line)
          || LineRules.isFooter(line)
          || LineRules.isCaption(line)
          || GLUED_TIMESTAMP.matcher(line).find()
          || isDateOnly(line)
          || SOURCE_LINE.matcher(line).matches()) {
        continue;
      }
      int score = 0;
      if (words >= 3 && words <= 25) score += 2;
      if (line.endsWith(".")) score -= 2; // headlines seldom end with a full stop
      if (LineRules.isProse(line)) score -= 3; // a sentence of the story, not its headline
      if (words >= 5) score += 1;
      if (repeatsLater(lines, i)) score += 3;
      if (aboveBylineOrStory(lines, nonBlank, n)) score += 2; // headlines sit right above them
      score -= n / 5; // nearer the top is likelier
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    return best;
  }

  private static boolean aboveBylineOrStory(List<String> lines, List<Integer> nonBlank, int n) {
    for (int k = n + 1; k < Math.min(nonBlank.size(), n + 4); k++) {
      String next = lines.get(nonBlank.get(k));
      if (Bylines.parse(next) != null || LineRules.isProse(next)) return true;
    }
    return false;
  }

  private static boolean repeatsLater(List<String> lines, int index) {
    String k = key(lines.get(index));
    for (int i = index + 1; i < Math.min(lines.size(), index + 40); i++) {
      if (key(lines.get(i)).equals(k)) return true;
    }
    return false;
  }

  private static boolean isBodyStart(String line, String titleKey) {
    return LineRules.isProse(line)
        && !key(line).equals(titleKey)
        && !LineRules.isCaption(line)
        && !LineRules.isFooter(line)
        && !LineRules.isNoise(line)
        && Bylines.parse(line) == null
        && sourceOf(line) == null;
  }

  /** Byline, date, category and source from the lines above the body. */
  private static void readHeader(
      List<String> lines, int headerEnd, String titleKey, Extraction out) {
    for (int i = 0; i < headerEnd; i++) {
      String line = lines.get(i);
      if (line.isEmpty() || key(line).equals(titleKey)) continue;
      Bylines.Byline byline = Bylines.parse(line);
      if (byline != null) {
        out.authors(byline.authors(), "byline");
        out.date(byline.date(), "byline");
        out.source(byline.source(), "byline");
        continue;
      }
      String crumb = breadcrumb(line);
      if (crumb != null && !key(crumb).equals(titleKey)) {
        out.category(crumb, "breadcrumb");
        continue;
      }
      Matcher section = SECTION_LINE.matcher(line);
      if (section.matches()) {
        out.category(section.group(1), "section-line");
        continue;
      }
      out.source(sourceOf(line), "source-line");
    }
    // Dates: a labelled publication date first, then any date on a short header line.
    for (int i = 0; i < headerEnd && out.date == null; i++) {
      String line = lines.get(i);
      Matcher label = PUBLISHED_LABEL.matcher(line);
      if (label.find()) {
        DateFinder.Found found = DateFinder.first(line.substring(label.end()));
        if (found != null) out.date(found.date(), "published-label");
      }
    }
    for (int i = 0; i < headerEnd && out.date == null; i++) {
      String line = lines.get(i);
      if (LineRules.words(line) <= 14 && !LineRules.isCaption(line)) {
        DateFinder.Found found = DateFinder.first(line);
        if (found != null) out.date(found.date(), "header");
      }
    }
  }

  /** Collects the body from {@code start}; returns the line where it ended. */
  private static int readBody(
      List<String> lines, int start, String titleKey, Extraction out, List<String> body) {
    List<String> pending = new ArrayList<>(); // short lines kept only if prose follows (subheads)
    StringBuilder paragraph = new StringBuilder();
    int nonProseRun = 0;
    int i = start;
    for (; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isEmpty()) {
        flush(paragraph, body);
        continue;
      }
      if (LineRules.isFooter(line)) break;
      String source = sourceOf(line);
      if (source != null) {
        out.source(
            source,
            line.toLowerCase(Locale.ROOT).contains("source")
                ? "source-line"
                : "originally-published");
        flush(paragraph, body);
        continue;
      }
      if (key(line).equals(titleKey)
          || LineRules.isNoise(line)
          || LineRules.isCaption(line)
          || Bylines.parse(line) != null) {
        continue;
      }
      boolean text =
          LineRules.isProse(line)
              || (LineRules.endsLikeSentence(line) && LineRules.words(line) >= 4);
      if (!text) {
        nonProseRun++;
        if (nonProseRun >= MAX_NON_PROSE_RUN) break;
        flush(paragraph, body);
        pending.add(line);
        continue;
      }
      if (body.isEmpty() && paragraph.isEmpty()) {
        Matcher dateline = DATELINE.matcher(line);
        if (dateline.matches()) out.source(dateline.group(1).strip(), "dateline");
      }
      nonProseRun = 0;
      for (String p : pending) body.add(p);
      pending.clear();
      if (!paragraph.isEmpty()) {
        // A line that does not end a sentence was wrapped: join it to the next with a space.
        paragraph.append(LineRules.endsLikeSentence(paragraph.toString()) ? "\n" : " ");
      }
      paragraph.append(line);
    }
    flush(paragraph, body);
    return i;
  }

  private static void flush(StringBuilder paragraph, List<String> body) {
    if (!paragraph.isEmpty()) {
      body.add(paragraph.toString());
      paragraph.setLength(0);
    }
  }

  /** The source named by a source line ("(Source: X)", "This article was originally published by X"). */
  static String sourceOf(String line) {
    if (line.length() > 300) return null;
    Matcher m = SOURCE_LINE.matcher(line.strip());
    if (m.matches()) return m.group(1).strip();
    m = ORIGINALLY_PUBLISHED.matcher(line.strip());
    if (m.matches()) return m.group(1).strip().replaceAll("[.,;:]+$", "");
    return null;
  }

  /** The last crumb of a breadcrumb line ("Home » Technology » Gadgets" → "Gadgets"), or null. */
  static String breadcrumb(String line) {
    if (line.length() > 120 || line.toLowerCase(Locale.ROOT).startsWith("by ")) return null;
    String[] parts = BREADCRUMB_SEPARATOR.splitAsStream(line.strip()).toArray(String[]::new);
    if (parts.length < 2 || parts.length > 8) return null;
    for (String part : parts) {
      String p = part.strip();
      if (!CRUMB.matcher(p).matches() || LineRules.words(p) > 4) return null;
    }
    return parts[parts.length - 1].strip();
  }

  private static boolean isDateOnly(String line) {
    DateFinder.Found found = DateFinder.first(line);
    return found != null && LineRules.words(line) <= 6;
  }

  private static String shorten(String line) {
    return line.length() <= MAX_TITLE_CHARS
        ? line
        : line.substring(0, MAX_TITLE_CHARS).strip() + "…";
  }

  /** Comparison form of a line: case and spacing ignored. */
  static String key(String line) {
    return line == null
        ? ""
        : SPACES.matcher(line.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
  }
}
