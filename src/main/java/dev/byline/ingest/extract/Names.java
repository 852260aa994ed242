package dev.byline.ingest.extract;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Cleans the names in a byline: drops the prefix ("By", "Par", "Von", "Por", "Di", "作者"), splits
 * "A, B and C" (and "A et B", "A y B", "A und B"), drops honorifics, job titles, places, outlets
 * and organisations, and writes all-capital names in title case ({@code ZHAO LEI} → {@code Zhao
 * Lei}).
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

  /** Between names: commas and the word for "and" or "with" in the languages of the news. */
  private static final Pattern SPLIT =
      Pattern.compile(
          "\\s*(?:[,;&、，/|•]|\\b(?:and|und|et|y|e|en|og|och|ve|avec|with|mit|con|com)\\b)\\s*",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS); // so "Renée" is one word

  /** What bylines put before the names, in several languages: "By", "Par", "Von", "作者：". */
  private static final Pattern PREFIX =
      Pattern.compile(
          "^(?:(?:written|words|story|text|texte|reporting|reported|posted|article|photos and text)\\s+)?"
              + "(?:by|par|von|por|di|da|door|av|af|przez|autor(?:a|es)?|auteur|author|authors|escrito por"
              + "|redacción)\\s*[:：/／|]?\\s+",
          Pattern.CASE_INSENSITIVE);

  /**
   * A byline prefix after a separator ("Le Monde | 04.05.2015 | Par A"): the names start there, and
   * what stands before it (the outlet, a date) names no one.
   */
  private static final Pattern PREFIX_AFTER_SEPARATOR =
      Pattern.compile("^.*\\s[|•·]\\s*(?=(?i:by|par|von|por|di|door|av|af|przez)\\s+\\p{Lu})");

  /**
   * A parenthesis left once links and co-authors are read: a middle name or a nickname ("Bruno
   * (Henrique) Rodrigues", "Richard (R.J.) Eskow"). Not one with digits: "人氣(23925)" is a counter.
   */
  private static final Pattern ASIDE = Pattern.compile("\\s*\\([^)\\d]*\\)");

  /** The small words a name may hold in lower case: "Ludwig van Beethoven", "Michiel de Jong". */
  private static final Set<String> PARTICLES =
      Set.of(
          "van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "dos", "das", "do",
          "la", "le", "ten", "ter", "bin", "binti", "ibn", "al", "el", "zu", "y", "e", "st.", "mac",
          "af", "av");

  private static final Pattern CJK_PREFIX = Pattern.compile("^(?:作者|文|记者|記者|撰文)\\s*[:：/／|]?\\s*");

  /** A parenthesis that is not a name: a link, a handle, an e-mail, a role. */
  private static final Pattern PARENTHESIS =
      Pattern.compile("\\((?:https?:|www\\.|@|[^)]*@)[^)]*\\)|<[^>]*@[^>]*>");

  /** "(avec A et B)", "(with A)": co-authors in brackets. */
  private static final Pattern WITH_IN_BRACKETS =
      Pattern.compile("\\(\\s*(?:avec|with|mit|con|com)\\s+([^)]*)\\)", Pattern.CASE_INSENSITIVE);

  /** Words that make a name an organisation's or a desk's, not a person's. */
  private static final Pattern ORGANISATION =
      Pattern.compile(
          "\\b(?:inc|llc|ltd|gmbh|corp|company|group|team|news|media|press|daily|magazine|insider|times|journal"
              + "|tribune|herald|gazette|chronicle|newsroom|industry|blog|online|editorial|organi[sz]ation"
              + "|network|department|center|centre|university|institute|foundation|society|association"
              + "|agency|office|ministry|council|committee|contributors|admin|administrator|webmaster"
              + "|operations|marketing|communications|the)\\b",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);

  private static final Pattern HANDLE = Pattern.compile("[\\p{L}\\d][\\p{L}\\d._-]{1,39}");
  private static final Pattern PLACE = Pattern.compile("\\s+in\\s+\\p{Lu}[\\p{L} .'-]*$");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern NAME_WORD = Pattern.compile("[\\p{L}][\\p{L}'’.-]*");

  /** News agencies: in a byline they are the source, never a person. */
  static final Set<String> AGENCIES =
      Set.of(
          "reuters",
          "ap",
          "associated press",
          "afp",
          "agence france-presse",
          "xinhua",
          "bloomberg",
          "dpa",
          "efe",
          "ansa",
          "kyodo",
          "pa",
          "press association",
          "upi",
          "tass",
          "ria novosti",
          "cnn",
          "bbc",
          "anadolu",
          "yonhap",
          "pti",
          "ians",
          "aap",
          "cp",
          "the canadian press");

  private Names() {}

  /**
   * The person names in a byline's name part ("Par Dr. A, Science Correspondent" → [A]; "A (avec B
   * et C)" → [A, B, C]). A prefix such as "By" or "Von" is dropped; names end at the first job
   * title or organisation after them ("A, Senior Technologist, ACLU Project" → [A]).
   */
  static List<String> parse(String names) {
    String text = WITH_IN_BRACKETS.matcher(names.strip()).replaceAll(", $1");
    text = PARENTHESIS.matcher(text).replaceAll(" ").strip();
    text = PREFIX_AFTER_SEPARATOR.matcher(text).replaceFirst("");
    text = PREFIX.matcher(text).replaceFirst("");
    text = ASIDE.matcher(text).replaceAll("");
    text = CJK_PREFIX.matcher(text).replaceFirst("");
    text = PLACE.matcher(text.strip()).replaceAll("");
    Set<String> out = new LinkedHashSet<>();
    for (String piece : SPLIT.splitAsStream(text).toList()) {
      String name = HONORIFIC.matcher(piece.strip()).replaceAll("").strip();
      name = name.replaceAll("[\\s.,:;|–—-]+$", "").strip();
      if (name.isEmpty()) continue;
      if (isName(name)) {
        out.add(titleCaseIfShouting(name));
      } else if (!out.isEmpty()
          && (JOB_WORDS.matcher(name).find() || ORGANISATION.matcher(name).find())) {
        break; // a job title or a workplace: what follows describes the person, it names no one
      }
    }
    return new ArrayList<>(out);
  }

  /**
   * The person names in a metadata field (JSON-LD {@code author.name}, {@code <meta name=author>}):
   * as {@link #parse}, but a field holding one handle ("stephenlega") is taken as it is, since
   * the site itself said this is the author.
   */
  static List<String> fromMetadata(String value) {
    if (value == null || value.isBlank() || value.startsWith("http")) return List.of();
    List<String> names = parse(value);
    if (!names.isEmpty()) return names;
    String single = value.strip();
    if (HANDLE.matcher(single).matches()
        && !isAgency(single)
        && !ORGANISATION.matcher(single).find()) {
      return List.of(single);
    }
    return List.of();
  }

  /** The text without a byline prefix ("By", "Par", "作者："). */
  static String withoutPrefix(String text) {
    return CJK_PREFIX
        .matcher(PREFIX.matcher(text.strip()).replaceFirst(""))
        .replaceFirst("")
        .strip();
  }

  /**
   * Whether a metadata author value names an organisation or a desk ("Example Team", "Center for
   * Drug Evaluation and Research") rather than a person: such a value is the author only when the
   * page names no one.
   */
  static boolean isOrganisation(String value) {
    if (value == null
        || value.isBlank()
        || value.length() > 80
        || value.contains("@")
        || value.contains("://")) {
      return false;
    }
    return ORGANISATION.matcher(value).find() && !isAgency(value.strip());
  }

  /** Whether a name looks like a user name rather than a person's ("andrew.keaveney", "admin2"). */
  static boolean isHandle(String name) {
    return !name.contains(" ") && !name.codePoints().anyMatch(LineRules::isCjk);
  }

  /** Whether the text is an agency name ("Reuters", "AP"). */
  static boolean isAgency(String text) {
    return AGENCIES.contains(text.strip().toLowerCase(Locale.ROOT));
  }

  private static boolean isName(String text) {
    if (text.isEmpty()
        || text.length() > 60
        || isAgency(text)
        || JOB_WORDS.matcher(text).find()
        || ORGANISATION.matcher(text).find()
        || text.matches("(?iU).*\\b(?:at|of|for)\\b.*")) {
      return false;
    }
    if (text.codePoints().allMatch(c -> LineRules.isCjk(c) || c == '·' || c == '・')) {
      return text.length() >= 2
          && text.length() <= 5; // Chinese, Japanese and Korean names are 2 to 4 characters
    }
    String[] words = SPACES.splitAsStream(text).toArray(String[]::new);
    if (words.length < 2 || words.length > 5) {
      return false;
    }
    for (String word : words) {
      if (!NAME_WORD.matcher(word).matches()
          || (Character.isLowerCase(word.charAt(0))
              && !PARTICLES.contains(word.toLowerCase(Locale.ROOT)))) {
        return false; // "Heard on All Things Considered" is a programme, not a person
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
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      out.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
      start = c == ' ' || c == '-' || c == '\'' || c == '’';
    }
    return out.toString();
  }
}
