package dev.byline.ingest.extract;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a line of page text is, by its shape: prose, a footer marker (where the article ends), a
 * caption, a share bar, an editor's line. The text and HTML extractors share these rules, so both
 * keep the same things out of the body.
 */
final class LineRules {
  private LineRules() {}

  /** Short lines where the article is over: headings of what the site adds after the story. */
  private static final Pattern FOOTER_HEADING =
      Pattern.compile(
          "^(?:related(?: articles| stories| news| posts| coverage| content| links| topics| reading)?"
              + "|more (?:from|on|stories|news|in|like this|to read|to explore)\\b.*"
              + "|most (?:read|popular|viewed|shared|commented)\\b.*"
              + "|you (?:may|might) (?:also )?(?:like|enjoy|be interested in)\\b.*"
              + "|(?:read|see) (?:more|next|also)|recommended(?: for you| stories| reading| articles)?"
              + "|trending(?: now| stories| topics)?|top stories|latest(?: news| stories| articles)?"
              + "|special coverage|editor'?s picks?|further reading|see also|in other news|elsewhere"
              + "|comments?(?: \\(\\d+\\))?|leave a (?:comment|reply)\\b.*|\\d+ comments?|join the conversation"
              + "|share (?:this|on)\\b.*|follow us\\b.*|sign up\\b.*|subscribe\\b.*|newsletters?"
              + "|tags?:.*|topics?:.*|filed under:?.*|about the authors?|more articles by\\b.*)[:.]?$",
          Pattern.CASE_INSENSITIVE);

  /** Notices of any length that end the article: copyright, disclaimers, credits of the desk. */
  private static final Pattern FOOTER_NOTICE =
      Pattern.compile(
          "^(?:address of this article\\b.*|please understand that\\b.*"
              + "|copyright\\s*(?:©|\\(c\\))?\\s*\\d{4}.*|©.*|\\(c\\) \\d{4}.*"
              + "|this (?:material|content|article) may not be (?:published|reproduced|copied)\\b.*"
              + "|(?:additional )?reporting by\\b.*|writing by\\b.*|editing by\\b.*|compiled by\\b.*"
              + "|disclaimer\\b.*)$",
          Pattern.CASE_INSENSITIVE);

  /**
   * The notice that may stand anywhere in its line, apart from the others so that it is tried only
   * on lines that hold its words: tried at every position of every paragraph, it was the largest
   * cost of a very long page.
   */
  private static final Pattern ALL_RIGHTS_RESERVED =
      Pattern.compile(".*\\ball rights reserved\\b.*", Pattern.CASE_INSENSITIVE);

  /** Lines that are never body but do not end it. */
  private static final Pattern NOISE =
      Pattern.compile(
          "^(?:advertisement|advertising|sponsored|ad|skip (?:to|ad)\\b.*|click here\\b.*|print|email|e-mail"
              + "|tweet|share|facebook|twitter|linkedin|whatsapp|pinterest|reddit|copy link|save|listen"
              + "|(?:facebook|twitter|x|linkedin|whatsapp|email|e-mail|print|share|copy link|reddit|telegram)"
              + "(?:[\\s|,/·•]+(?:facebook|twitter|x|linkedin|whatsapp|email|e-mail|print|share|copy link|reddit|telegram))+"
              + "|\\(?editor:.*\\)?|\\(?edited by\\b.*\\)?|\\[?email\\s*protected\\]?.*|also read:?.*|read more:.*"
              + "|see more:.*|watch:.*|image:.*|photo:.*|photos?:.*|video:.*|\\d+ min(?:ute)?s? read"
              + "|back to top|home|menu|search|log ?in|sign in|close|next|previous|loading\\.*)$",
          Pattern.CASE_INSENSITIVE);

  /**
   * A photo credit at the end of a caption: "[Xinhua]", "(AP Photo/Jane Doe)", "Photo: Getty". A
   * bracket of numbers is a citation ("[13]", "[4, 5]"), not a credit. {@link #mayBeCaption} must
   * let through every line this matches.
   */
  private static final Pattern CAPTION =
      Pattern.compile(
          ".*(?:\\[(?![\\d\\s,–-]*\\])[^\\]]{2,40}\\]|\\((?:(?:AP|AFP|Reuters|EPA|Getty|Xinhua|PA|File)\\b[^)]{0,60}"
              + "|photo[^)]{0,60}|image[^)]{0,60}|credit[^)]{0,60}|pictured[^)]{0,60})\\))\\s*$"
              + "|^(?:photo|image|picture|caption|credit)s?(?: by)?\\s*[:/].*"
              + "|.*\\b(?:photo|image|picture) (?:by|courtesy of|credit):?\\s+\\S.*",
          Pattern.CASE_INSENSITIVE);

  /** A bracket closing a line: a credit ("[Xinhua]") or a text's own citation style ("[M1]"). */
  private static final Pattern BRACKET_END =
      Pattern.compile("\\[(?![\\d\\s,–-]*\\])[^\\]]{2,40}\\]\\s*$");

  static boolean endsWithBracket(String line) {
    return line.indexOf(']') >= 0 && BRACKET_END.matcher(line).find();
  }

  private static final Pattern TERMINAL =
      Pattern.compile(".*[.!?…。！？｡]['\"”’)\\]」』）】]*$|.*[:;：；]$", Pattern.DOTALL);

  static boolean isFooter(String line) {
    String s = line.strip();
    if (s.length() > 2_000) {
      return false;
    }
    return (words(s) <= 10 && FOOTER_HEADING.matcher(s).matches())
        || FOOTER_NOTICE.matcher(s).matches()
        || (s.toLowerCase(Locale.ROOT).contains("all rights reserved")
            && ALL_RIGHTS_RESERVED.matcher(s).matches());
  }

  static boolean isNoise(String line) {
    String s = line.strip();
    return s.length() < 200 && NOISE.matcher(s).matches();
  }

  /** A caption: a credit as above, on a line no longer than captions run (a paragraph is not one). */
  static boolean isCaption(String line) {
    return line.length() < 600
        && words(line) <= 40
        && mayBeCaption(line)
        && CAPTION.matcher(line.strip()).matches();
  }

  /**
   * False only for lines {@link #CAPTION} cannot match: no bracket to close, and none of its words.
   * A quick look first, since the pattern tried at every position of every paragraph was the
   * largest cost of a very long page.
   */
  private static boolean mayBeCaption(String line) {
    if (line.indexOf(')') >= 0 || line.indexOf(']') >= 0) return true;
    String lower = line.toLowerCase(Locale.ROOT);
    return lower.contains("photo")
        || lower.contains("image")
        || lower.contains("picture")
        || lower.contains("caption")
        || lower.contains("credit");
  }

  /**
   * Words in a line. Chinese and Japanese do not put spaces between words, so there two characters
   * count as a word (about the mean word length), and a CJK sentence weighs what a Latin one does.
   */
  static int words(String line) {
    int words = 0;
    int cjk = 0;
    boolean inWord = false;
    for (int i = 0; i < line.length(); ) {
      int c = line.codePointAt(i);
      i += Character.charCount(c);
      if (isCjk(c)) {
        cjk++;
        inWord = false;
      } else if (Character.isWhitespace(c) || c == '\u00a0' || c == '\u3000') {
        inWord = false;
      } else if (!inWord) {
        words++;
        inWord = true;
      }
    }
    return words + (cjk + 1) / 2;
  }

  static boolean isCjk(int c) {
    if (c < 0x2E80) return false; // below the CJK blocks: most text, answered fast
    Character.UnicodeScript script = Character.UnicodeScript.of(c);
    return script == Character.UnicodeScript.HAN
        || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA
        || script == Character.UnicodeScript.HANGUL;
  }

  static boolean endsLikeSentence(String line) {
    return TERMINAL.matcher(line.strip()).matches();
  }

  /**
   * Prose: a sentence or more of running text. Headlines, menu items and lists of other stories'
   * titles are short or lack a sentence's final punctuation.
   */
  static boolean isProse(String line) {
    int words = words(line);
    return (words >= 10 && endsLikeSentence(line)) || words >= 30;
  }
}
