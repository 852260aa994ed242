package dev.byline.ingest.extract;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Cleans the names in a byline: splits "A, B and C", drops honorifics, job titles, places and
 * outlets, and writes all-capital names in title case ({@code ZHAO LEI} → {@code Zhao Lei}).
 */
final class Names {
  private static final Pattern HONORIFIC =
      Pattern.compile(
          "^(?:(?:Dr|Prof|Professor|Mr|Mrs|Ms|Mx|Sir|Dame|Rev|Fr|Capt|Col|Gen|Lt|Sgt|Hon)\\.?\\s+)+",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern JOB_WORDS =
      Pattern.compile(
          "\\b(correspondent|editor|reporter|writer|staff|contributor|columnist|chief|bureau|senior"
              + "|analyst|producer|journalist|photographer|intern|desk|team|newsroom|special"
              + "|associate|deputy|managing|political|science|health|business|sports?|opinion"
              + "|culture|technology|economics|affairs|digital|guest|freelance|agencies|agency)\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern SPLIT = Pattern.compile("\\s*(?:,|;|\\band\\b|&|\\bund\\b|\\bet\\b)\\s*");
  private static final Pattern PLACE = Pattern.compile("\\s+in\\s+\\p{Lu}[\\p{L} .'-]*$");
  private static final Pattern NAME_WORD = Pattern.compile("[\\p{L}][\\p{L}'’.-]*");

  /** News agencies: in a byline they are the source, never a person. */
  static final Set<String> AGENCIES =
      Set.of(
          "reuters", "ap", "associated press", "afp", "agence france-presse", "xinhua", "bloomberg",
          "dpa", "efe", "ansa", "kyodo", "pa", "press association", "upi", "tass", "ria novosti",
          "cnn", "bbc", "anadolu", "yonhap", "pti", "ians", "aap", "cp", "the canadian press");

  private Names() {}

  /** The person names in a byline's name part ("Dr. A, Science Correspondent" → [A]). */
  static List<String> parse(String names) {
    String text = PLACE.matcher(names.strip()).replaceAll("");
    Set<String> out = new LinkedHashSet<>();
    for (String piece : SPLIT.split(text)) {
      String name = HONORIFIC.matcher(piece.strip()).replaceAll("").strip();
      name = name.replaceAll("[\\s.,:;|–—-]+$", "").strip();
      if (isName(name)) {
        out.add(titleCaseIfShouting(name));
      }
    }
    return new ArrayList<>(out);
  }

  /** Whether the text is an agency name ("Reuters", "AP"). */
  static boolean isAgency(String text) {
    return AGENCIES.contains(text.strip().toLowerCase(Locale.ROOT));
  }

  private static boolean isName(String text) {
    if (text.isEmpty() || text.length() > 60 || isAgency(text) || JOB_WORDS.matcher(text).find()) {
      return false;
    }
    String[] words = text.split("\\s+");
    if (words.length < 2 || words.length > 5) {
      return false;
    }
    for (String word : words) {
      if (!NAME_WORD.matcher(word).matches()) {
        return false;
      }
    }
    // Names start with capitals, bar particles such as "van", "de", "bin".
    return Character.isUpperCase(words[0].charAt(0))
        && Character.isUpperCase(words[words.length - 1].charAt(0));
  }

  static String titleCaseIfShouting(String name) {
    if (!name.equals(name.toUpperCase(Locale.ROOT))) {
      return name;
    }
    StringBuilder out = new StringBuilder(name.length());
    boolean start = true;
    for (char c : name.toCharArray()) {
      out.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
      start = c == ' ' || c == '-' || c == '\'' || c == '’';
    }
    return out.toString();
  }
}
