package dev.byline.search;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Small tables of the forms of a word the stemmer does not join, read by {@link WordsQuery} at
 * query time (no reindex needed): each takes a word in its names' analysis (lower case, folded,
 * unstemmed: {@code mice}, {@code j.f.k}) and gives its other form, or null.
 *
 * <p>A table is kept small on purpose: each entry is a word a reader types expecting the other
 * form too, where the other form means the same thing in an American text. Pairs whose other form
 * is mostly another word are left out (see {@link #american}). The ending rules for British
 * spellings live here too.
 */
final class WordForms {
  private WordForms() {}

  /** Irregular English nouns, singular and plural; each form finds the other. */
  private static final Map<String, String> IRREGULAR = new HashMap<>();

  /** The plural of each pair in {@link #IRREGULAR}. */
  private static final Set<String> PLURALS = new java.util.HashSet<>();

  static {
    String[][] pairs = {
      {"man", "men"},
      {"woman", "women"},
      {"child", "children"},
      {"foot", "feet"},
      {"tooth", "teeth"},
      {"goose", "geese"},
      {"mouse", "mice"},
      {"louse", "lice"},
      {"ox", "oxen"},
      // -f(e) to -ves, -is to -es, Latin and Greek plurals: the stemmer leaves each pair apart
      // (Brown: "crisis" found 35 texts, "crises" 13, 41 hold either). Not those whose other form
      // stems to another word: "leaves" (leave), "lives" (live), "theses" (the stop word these),
      // "bases" (base), "axes" (axe), "vertices" (vertical), "indices" (indicate). Nor
      // analysis/analyses, criterion/criteria, matrix/matrices: measured on the judged
      // collections, they cost CISI's nDCG@10 0.395 -> 0.390 (the stem of "analyses" is also the
      // verb's, "analysed").
      {"wife", "wives"},
      {"knife", "knives"},
      {"wolf", "wolves"},
      {"thief", "thieves"},
      {"shelf", "shelves"},
      {"loaf", "loaves"},
      {"calf", "calves"},
      {"crisis", "crises"},
      {"hypothesis", "hypotheses"},
      {"diagnosis", "diagnoses"},
      {"oasis", "oases"},
      {"phenomenon", "phenomena"},
      {"bacterium", "bacteria"},
      {"curriculum", "curricula"},
      {"stimulus", "stimuli"},
      {"nucleus", "nuclei"},
      {"fungus", "fungi"},
      {"cactus", "cacti"},
      {"alumnus", "alumni"}
    };
    for (String[] p : pairs) {
      IRREGULAR.put(p[0], p[1]);
      IRREGULAR.put(p[1], p[0]);
      PLURALS.add(p[1]);
    }
  }

  /**
   * Compounds of an irregular noun ("congressman", "grandchildren", "dormice"): at least three
   * letters before it, so that "human", "roman", "omen" and "pumice" are not read as one; a
   * surname such as "Newman" gives a form no article holds ("newmen"), which finds nothing. Not
   * for foot, tooth, goose, louse and ox, whose endings are other words' ("blouse", "police",
   * "box", "afoot").
   */
  private static final Pattern COMPOUND =
      Pattern.compile("^([a-z]{3,})(man|men|child|children|mouse|mice)$");

  /**
   * The other number of an irregular English noun ({@code mice} for "mouse", {@code congressman}
   * for "congressmen"), or null. People is left out: it is also a word of its own ("a people",
   * "peoples"), and "persons" is the plural the stemmer already joins with "person".
   */
  static String otherNumber(String word) {
    String other = oneOtherNumber(word);
    if (other != null || !word.endsWith("s")) return other;
    // A plural's possessive typed without its apostrophe ("womens", "childrens", "firemens"):
    // the stemmer takes the "s" off and finds the plural, so only the singular is missing. Not
    // after a singular ("mans" is a verb).
    String plural = word.substring(0, word.length() - 1);
    return isIrregularPlural(plural) ? oneOtherNumber(plural) : null;
  }

  private static String oneOtherNumber(String word) {
    String other = IRREGULAR.get(word);
    if (other != null) return other;
    Matcher m = COMPOUND.matcher(word);
    return m.matches() ? m.group(1) + IRREGULAR.get(m.group(2)) : null;
  }

  private static boolean isIrregularPlural(String word) {
    if (PLURALS.contains(word)) return true;
    Matcher m = COMPOUND.matcher(word);
    return m.matches() && PLURALS.contains(m.group(2));
  }

  /** British spellings (and their inflections) the ending rules do not catch, by word. */
  private static final Map<String, String> BRITISH = new HashMap<>();

  static {
    // british=american|suffixes both take alike (the word alone always counts)
    String[] words = {
      "grey=gray|s ed ing er est ish ness",
      "aluminium=aluminum|",
      "plough=plow|s ed ing man men",
      "mould=mold|s ed ing y er ers",
      "moult=molt|s ed ing",
      "smoulder=smolder|s ed ing",
      "jewellery=jewelry|",
      "jeweller=jeweler|s",
      "pyjama=pajama|s",
      "sceptic=skeptic|s al ally ism",
      "moustache=mustache|s d",
      "gaol=jail|s ed er ers",
      "sulphur=sulfur|ic ous",
      "sulphate=sulfate|s",
      "sulphide=sulfide|s",
      "aeroplane=airplane|s",
      "cosy=cozy|",
      "cosier=cozier|",
      "cosiness=coziness|",
      "licence=license|s d",
      "practise=practice|s d",
      "practising=practicing|",
      "ageing=aging|",
      "judgement=judgment|s",
      "acknowledgement=acknowledgment|s",
      "manoeuvre=maneuver|s",
      "manoeuvred=maneuvered|",
      "manoeuvring=maneuvering|",
      "catalogue=catalog|s",
      "catalogued=cataloged|",
      "cataloguing=cataloging|",
      "enquiry=inquiry|",
      "enquiries=inquiries|",
      "enquire=inquire|s d",
      "enquiring=inquiring|",
      "fulfil=fulfill|s ment",
      "enrol=enroll|s ment",
      "instalment=installment|s",
      "skilful=skillful|ly",
      "wilful=willful|ly",
      "foetus=fetus|es",
      "foetal=fetal|",
      "oestrogen=estrogen|",
      "encyclopaedia=encyclopedia|s",
      "paediatric=pediatric|s",
      "paediatrician=pediatrician|s",
      "anaemia=anemia|",
      "anaemic=anemic|",
      "haemorrhage=hemorrhage|s d",
      "diarrhoea=diarrhea|"
    };
    for (String w : words) {
      String[] kv = w.split("[=|]", -1);
      BRITISH.put(kv[0], kv[1]);
      for (String suffix : kv[2].split(" ", -1)) {
        if (!suffix.isEmpty()) BRITISH.put(kv[0] + suffix, kv[1] + suffix);
      }
    }
  }

  /**
   * British spellings and their American forms, by ending: colour / color, centre / center,
   * organise / organize, analyse / analyze, defence / defense, programme / program. A word that
   * merely looks British gives a word no article holds ("flour" as "flor"), which finds nothing.
   */
  private static final String[][] BRITISH_ENDINGS = {
    {"^([a-z]{2,})our(s|ed|ing|ite|ites|able|er|ers|ful)?$", "$1or$2"},
    {"^([a-z]{2,}[tb])re(s)?$", "$1er$2"},
    {"^([a-z]{3,})is(e|es|ed|ing|ation|ations)$", "$1iz$2"},
    {"^([a-z]+)ys(e|es|ed|ing)$", "$1yz$2"},
    {"^([a-z]{2,}f)ence(s)?$", "$1ense$2"},
    {"^([a-z]+)gramme(s)?$", "$1gram$2"}
  };

  private static final Pattern[] BY_ENDING =
      java.util.Arrays.stream(BRITISH_ENDINGS)
          .map(r -> Pattern.compile(r[0]))
          .toArray(Pattern[]::new);

  /**
   * Words (by stem, so their plurals too) whose British-looking ending is their own, where the
   * ending's American form is another word: timbre is not timber, amour not the Spanish amor.
   */
  private static final Pattern OWN_ENDING = Pattern.compile("^(timbre|amour|paramour)s?$");

  /**
   * The American spelling of a British word: from {@link #BRITISH} ({@code gray} for "grey",
   * {@code plows} for "ploughs"), else by its ending ({@link #BRITISH_ENDINGS}), or null. Left
   * out of the table, because the American form is mostly another word in an American text: cheque
   * (check), tyre (tire; and Tyre is a city), kerb (curb, as in "curb spending"), storey (story),
   * draught (draft, as in the military draft).
   */
  static String american(String word) {
    String listed = BRITISH.get(word);
    if (listed != null) return listed;
    if (OWN_ENDING.matcher(word).matches()) return null;
    for (int i = 0; i < BY_ENDING.length; i++) {
      Matcher m = BY_ENDING[i].matcher(word);
      if (m.matches()) return m.replaceFirst(BRITISH_ENDINGS[i][1]);
    }
    return null;
  }

  /** An American ending and its British form: -ize, -ization as -ise, -isation. */
  private static final Pattern AMERICAN_IZE =
      Pattern.compile("^([a-z]{3,})iz(e|es|ed|ing|er|ers|ation|ations)$");

  /**
   * The British spelling of an American word by its ending ({@code generalised} for
   * "generalized", {@code organisation} for "organization"), or null: the other way from {@link
   * #american}, so that an archive written in British English (the Cranfield collection writes
   * "generalised", "linearised") is found by a reader typing American. At least three letters
   * before the ending: "prize" is not "prise", "seize" not "seise". A word that merely looks
   * American gives a form no article holds, which finds nothing.
   */
  static String british(String word) {
    Matcher m = AMERICAN_IZE.matcher(word);
    return m.matches() ? m.group(1) + "is" + m.group(2) : null;
  }

  /**
   * Initials that stand for one person, and the name as the text writes it. An acronym with dots
   * ("J.F.K.") and without ("JFK") already find each other through the index's joined form; this
   * adds the name, which an archive writes far more often than the initials.
   */
  private static final Map<String, String> INITIALS =
      Map.of(
          "jfk", "john f kennedy",
          "rfk", "robert f kennedy",
          "fdr", "franklin d roosevelt",
          "lbj", "lyndon b johnson",
          "mlk", "martin luther king");

  /**
   * Abbreviations a newspaper writes before a name or in a place's name ("Gov. Rockefeller",
   * "Sen. Goldwater", "Mt. Vernon", "Ft. Worth"), and the words they stand for, which the same
   * archive also writes ("Governor Rockefeller", "Senator Goldwater"): each finds the other (an
   * outside probe: "Sen. Goldwater" missed "Senator Goldwater", "gov. rockefeller" ranked texts
   * holding only "Gov." first).
   */
  private static final Map<String, String> ABBREVIATED =
      Map.ofEntries(
          Map.entry("gov", "governor"),
          Map.entry("sen", "senator"),
          Map.entry("rep", "representative"),
          Map.entry("pres", "president"),
          Map.entry("gen", "general"),
          Map.entry("lt", "lieutenant"),
          Map.entry("col", "colonel"),
          Map.entry("capt", "captain"),
          Map.entry("sgt", "sergeant"),
          Map.entry("cmdr", "commander"),
          Map.entry("adm", "admiral"),
          Map.entry("prof", "professor"),
          Map.entry("rev", "reverend"),
          Map.entry("supt", "superintendent"),
          Map.entry("atty", "attorney"),
          Map.entry("mt", "mount"),
          Map.entry("ft", "fort"),
          Map.entry("dept", "department"),
          Map.entry("govt", "government"),
          Map.entry("univ", "university"),
          // Months as datelines write them ("Feb. 9"); not "jan" (a name), "mar" (a verb),
          // "jun" and "jul" (rare).
          Map.entry("feb", "february"),
          Map.entry("apr", "april"),
          Map.entry("aug", "august"),
          Map.entry("sept", "september"),
          Map.entry("oct", "october"),
          Map.entry("nov", "november"),
          Map.entry("dec", "december"));

  /**
   * Full words whose abbreviation is mostly something else when it stands alone: "general" (an
   * adjective, "general election") is not looked for as "gen", nor "fort" as "ft" (feet).
   */
  private static final Set<String> NOT_ABBREVIATED = Set.of("general", "fort");

  /**
   * The other form of a newspaper abbreviation ({@code senator} for "sen", {@code sen} for
   * "senator"), or null.
   */
  static String abbreviation(String word) {
    String full = ABBREVIATED.get(word);
    if (full != null) return full;
    if (NOT_ABBREVIATED.contains(word)) return null;
    for (Map.Entry<String, String> e : ABBREVIATED.entrySet()) {
      if (e.getValue().equals(word)) return e.getKey();
    }
    return null;
  }

  /**
   * A number from 2 to 39 written the other way: {@code 2} for the Roman numeral "ii" and
   * {@code ii} for "2" ("World War II" and "World War 2": archives and readers keep either
   * convention). Numerals of one letter are left out ("i" is the pronoun, "v" and "x" letters), and
   * so are "vi" and "xi", which are also words and names. Null for anything else.
   */
  static String numeral(String word) {
    if (word.isEmpty() || word.length() > 6) return null;
    if (word.charAt(0) >= '1' && word.charAt(0) <= '9' && word.length() <= 2) {
      int value;
      try {
        value = Integer.parseInt(word);
      } catch (NumberFormatException e) {
        return null;
      }
      String roman = value >= 2 && value < ROMAN.length ? ROMAN[value] : null;
      return roman == null || roman.length() < 2 || NOT_NUMERALS.contains(roman) ? null : roman;
    }
    if (word.length() < 2 || NOT_NUMERALS.contains(word)) return null;
    for (int value = 2; value < ROMAN.length; value++) {
      if (ROMAN[value].equals(word)) return Integer.toString(value);
    }
    return null;
  }

  /**
   * An ordinal written the other way: {@code eighteenth} for "18th", {@code 18th} for
   * "eighteenth", {@code twenty first} for "21st" (1st to 99th; the spelled form of one word only
   * is read back). Null for anything else.
   */
  static String ordinal(String word) {
    java.util.regex.Matcher digits = ORDINAL_DIGITS.matcher(word);
    if (digits.matches()) {
      int value = Integer.parseInt(digits.group(1));
      if (value < 1 || value > 99 || !digits.group(2).equals(suffix(value))) return null;
      if (value < 20 || value % 10 == 0) return ORDINALS[value];
      return TENS[value / 10] + " " + ORDINALS[value % 10];
    }
    for (int value = 1; value < ORDINALS.length; value++) {
      if (word.equals(ORDINALS[value])) return value + suffix(value);
    }
    return null;
  }

  private static final java.util.regex.Pattern ORDINAL_DIGITS =
      java.util.regex.Pattern.compile("([0-9]{1,2})(st|nd|rd|th)");

  private static String suffix(int value) {
    if (value % 100 >= 11 && value % 100 <= 13) return "th";
    return switch (value % 10) {
      case 1 -> "st";
      case 2 -> "nd";
      case 3 -> "rd";
      default -> "th";
    };
  }

  /** The ordinals of one word, by value (1 to 19, and the tens to 90); null elsewhere. */
  private static final String[] ORDINALS = new String[100];

  /** The cardinal tens, by tens: "twenty" for 2. */
  private static final String[] TENS = {
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"
  };

  static {
    String[] small = {
      "",
      "first",
      "second",
      "third",
      "fourth",
      "fifth",
      "sixth",
      "seventh",
      "eighth",
      "ninth",
      "tenth",
      "eleventh",
      "twelfth",
      "thirteenth",
      "fourteenth",
      "fifteenth",
      "sixteenth",
      "seventeenth",
      "eighteenth",
      "nineteenth"
    };
    System.arraycopy(small, 1, ORDINALS, 1, small.length - 1);
    for (int tens = 2; tens <= 9; tens++) {
      ORDINALS[tens * 10] = TENS[tens].substring(0, TENS[tens].length() - 1) + "ieth";
    }
  }

  /** Roman numerals by value, 0 to 39, lower case. */
  private static final String[] ROMAN = new String[40];

  static {
    String[] units = {"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"};
    for (int value = 1; value < ROMAN.length; value++) {
      ROMAN[value] = "x".repeat(value / 10) + units[value % 10];
    }
    ROMAN[0] = "";
  }

  /** Roman numerals that are also words or names. */
  private static final Set<String> NOT_NUMERALS = Set.of("vi", "xi");

  /**
   * An acronym written with dots as its letters apart ({@code r i} for "r.i"): newspapers write
   * "R. I." and "U. N." with spaces too, which the tokenizer reads as letters of their own. Null
   * for anything but single letters between dots.
   */
  static String spacedLetters(String word) {
    // Looked at letter by letter, and only as long as an acronym is: a regular expression with
    // a repeated group recursed once a letter and overflowed the stack on 2,000 of them.
    String closed = word.endsWith(".") ? word.substring(0, word.length() - 1) : word;
    if (closed.length() < 3 || closed.length() > 2 * MAX_SPACED_LETTERS - 1) return null;
    StringBuilder spaced = new StringBuilder();
    for (int i = 0; i < closed.length(); i++) {
      char c = closed.charAt(i);
      boolean letterPlace = i % 2 == 0;
      if (letterPlace ? !Character.isLetter(c) : c != '.') return null;
      if (letterPlace) spaced.append(spaced.isEmpty() ? "" : " ").append(c);
    }
    return closed.length() % 2 == 1 ? spaced.toString() : null;
  }

  /** Most letters of an acronym written with dots ("R.I.", "N.A.T.O."). */
  private static final int MAX_SPACED_LETTERS = 8;

  /** The name initials stand for ({@code john f kennedy} for "jfk" or "j.f.k"), or null. */
  static String name(String word) {
    return INITIALS.get(word.replace(".", ""));
  }

  /**
   * Short words the stemmer merges with other words: Porter stems "mrs" to {@code mr}, so "mrs
   * kennedy" found "Mr. Kennedy" at full weight, and "mr" found "Mrs."; it stems "use", "used",
   * "uses" and "using" to {@code us}, so "US policy" ranked "use policies" first and "US" found as
   * many texts as "use". Such a word must be found as typed (see {@link WordsQuery}): "US" then
   * finds "U.S." (closed up, {@code us}) and the pronoun, which no index of lower-cased words
   * tells apart. "ms" is not listed: Porter leaves words of two letters as they are.
   */
  private static final Set<String> AS_TYPED = Set.of("mr", "mrs", "us");

  /** Whether a word must match as typed, not only by its stem ({@link #AS_TYPED}). */
  static boolean keepsForm(String word) {
    return AS_TYPED.contains(word);
  }
}
