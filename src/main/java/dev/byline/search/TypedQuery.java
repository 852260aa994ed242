package dev.byline.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a person typed in the search box, read into parts: words, {@code "quoted phrases"} (with an
 * optional {@code ~N} slop), {@code prefix*}, {@code fuzzy~} / {@code fuzzy~N}, {@code -excluded}
 * and {@code +required} parts, alternatives joined by {@code OR} or {@code |}, and {@code (groups)}.
 * Reading never fails: what cannot be an operator is a word.
 *
 * <p>Operators are read only where a person clearly typed one. {@code OR}, {@code AND} and {@code
 * NOT} count only in upper case, only between (or, for {@code NOT}, before) other parts, and not
 * in a query typed all in capitals ({@code TO BE OR NOT TO BE} is six words). A lone quote or
 * bracket is ignored, and so are dashes around a word ({@code -berlin-} is the word).
 */
record TypedQuery(List<Part> parts) {
  /** Nesting deeper than this is read as plain words, so input cannot recurse without bound. */
  static final int MAX_DEPTH = 8;

  enum Sign {
    /** An ordinary part: counts toward "how many of the words" (see {@link Ranking}). */
    DEFAULT,
    /** {@code +part} or {@code AND}: must match, never relaxed. */
    REQUIRED,
    /** {@code -part} or {@code NOT part}: must not match. */
    EXCLUDED
  }

  /** One thing to match. */
  sealed interface Item permits Word, Phrase, Group {}

  /** A word as typed; {@code edits} is the fuzziness of {@code word~} (-1: automatic). */
  record Word(String text, Kind kind, int edits) implements Item {
    enum Kind {
      PLAIN,
      PREFIX,
      FUZZY
    }
  }

  /** Quoted words, matched in order within {@code slop} moves. */
  record Phrase(String text, int slop) implements Item {}

  /** The largest slop a phrase is read with: {@code "..."~N} with more digits means this. */
  static final int MAX_SLOP = 999;

  /** A bracketed sub-query, matched as a whole. */
  record Group(TypedQuery query) implements Item {}

  /** A part of the query: one item, or several alternatives joined by OR. */
  record Part(Sign sign, List<Item> alternatives) {
    Part {
      alternatives = List.copyOf(alternatives);
    }

    /** Whether this is a single plain word with no sign: what the bag of words is made of. */
    boolean plainWord() {
      return sign == Sign.DEFAULT
          && alternatives.size() == 1
          && alternatives.get(0) instanceof Word w
          && w.kind() == Word.Kind.PLAIN;
    }
  }

  TypedQuery {
    parts = List.copyOf(parts);
  }

  /**
   * {@code text} with every operator taken out, as plain words: quotes, brackets, signs, {@code
   * *}, {@code ~}, {@code |} and {@code :} become spaces and {@code OR}, {@code AND}, {@code NOT}
   * lower case (stop words). Read so, a query is bounded by {@link WordsQuery#MAX_WORDS} whatever
   * was typed; a pasted page full of quotations is not (each phrase is searched in every field).
   */
  static String plainWords(String text) {
    String spaced = PLAIN_OPERATORS.matcher(text).replaceAll(" ");
    return UPPER_OPERATORS.matcher(spaced).replaceAll(m -> m.group().toLowerCase(Locale.ROOT));
  }

  private static final java.util.regex.Pattern PLAIN_OPERATORS =
      java.util.regex.Pattern.compile("[\"()*~|:^\\\\]|(?<![\\p{L}\\p{N}])[-+]+");

  private static final java.util.regex.Pattern UPPER_OPERATORS =
      java.util.regex.Pattern.compile("\\b(?:OR|AND|NOT)\\b");

  static TypedQuery parse(String text) {
    String typed = between(text);
    return new Reader(typed, operatorsAllowed(typed)).read(0);
  }

  /**
   * {@code text} with the marks typed between two letters that the tokenizer would read as part
   * of one word, or as no apostrophe, made what the reader meant: a left quote used as an
   * apostrophe ({@code Kennedy‘s}, which found nothing) as the apostrophe, and a colon ({@code
   * berlin:wall}, one unfindable word; the search box has no fields) as a space.
   */
  static String between(String text) {
    if (text.indexOf('\u2018') < 0 && text.indexOf(':') < 0) return text;
    String apostrophes = LEFT_QUOTE_INSIDE.matcher(text).replaceAll("\u2019");
    return COLON_INSIDE.matcher(apostrophes).replaceAll(" ");
  }

  private static final java.util.regex.Pattern LEFT_QUOTE_INSIDE =
      java.util.regex.Pattern.compile("(?<=\\p{L})\u2018(?=\\p{L})");

  private static final java.util.regex.Pattern COLON_INSIDE =
      java.util.regex.Pattern.compile("(?<=\\p{L}):(?=\\p{L})");

  /** Upper-case operator words count only if the query also has lower-case letters. */
  static boolean operatorsAllowed(String text) {
    for (String word : text.split("\\s+", -1)) {
      if (word.equals("OR") || word.equals("AND") || word.equals("NOT")) continue;
      for (int i = 0; i < word.length(); i++) {
        if (Character.isLowerCase(word.charAt(i))) return true;
      }
    }
    return false;
  }

  private static final class Reader {
    private final String text;
    private final boolean operators;
    private int at;

    Reader(String text, boolean operators) {
      this.text = text;
      this.operators = operators;
    }

    /** Reads parts until the end, or a closing bracket when {@code depth > 0}. */
    TypedQuery read(int depth) {
      List<Part> parts = new ArrayList<>();
      boolean orPending = false;
      boolean andPending = false;
      Sign nextSign = null;
      while (true) {
        skipSpace();
        if (at >= text.length()) break;
        char c = text.charAt(at);
        if (c == ')') {
          at++;
          if (depth > 0) break;
          continue; // a stray closing bracket
        }
        if (c == '|') {
          at++;
          orPending = !parts.isEmpty();
          continue;
        }
        if (operators) {
          String op = operatorAt();
          if (op != null) {
            at += op.length();
            switch (op) {
              case "OR" -> orPending = !parts.isEmpty();
              case "AND" -> andPending = !parts.isEmpty();
              default -> nextSign = Sign.EXCLUDED;
            }
            continue;
          }
        }
        Sign sign = nextSign == null ? Sign.DEFAULT : nextSign;
        nextSign = null;
        boolean dash = false;
        if ((c == '-' || c == '+' || c == '!')
            && at + 1 < text.length()
            && startsItem(text.charAt(at + 1))) {
          sign = c == '+' ? Sign.REQUIRED : Sign.EXCLUDED;
          dash = c == '-';
          at++;
        }
        Item item = item(depth);
        if (item == null) continue;
        // Dashes around a word ("-berlin-") set it off, as in a headline; they are not a NOT.
        if (dash && item instanceof Word w && w.text().endsWith("-")) sign = Sign.DEFAULT;
        if (andPending && !parts.isEmpty()) {
          Part previous = parts.remove(parts.size() - 1);
          parts.add(
              previous.sign() == Sign.DEFAULT
                  ? new Part(Sign.REQUIRED, previous.alternatives())
                  : previous);
          if (sign == Sign.DEFAULT) sign = Sign.REQUIRED;
        }
        andPending = false;
        if (orPending && sign != Sign.EXCLUDED) {
          Part previous = parts.remove(parts.size() - 1);
          List<Item> alternatives = new ArrayList<>(previous.alternatives());
          alternatives.add(item);
          parts.add(new Part(previous.sign(), alternatives));
        } else {
          parts.add(new Part(sign, List.of(item)));
        }
        orPending = false;
      }
      return new TypedQuery(parts);
    }

    private static boolean startsItem(char c) {
      return !Character.isWhitespace(c) && c != '-' && c != '+' && c != '|' && c != ')';
    }

    /** An operator word standing alone at the current position, or null. */
    private String operatorAt() {
      for (String op : new String[] {"OR", "AND", "NOT"}) {
        int end = at + op.length();
        if (text.startsWith(op, at)
            && (end == text.length() || Character.isWhitespace(text.charAt(end)))) {
          return op;
        }
      }
      return null;
    }

    /** The item at the current position, or null when there is nothing to match there. */
    private Item item(int depth) {
      char c = text.charAt(at);
      if (c == '(') {
        at++;
        if (depth + 1 >= MAX_DEPTH) return null; // read what follows as plain words
        TypedQuery group = read(depth + 1);
        return group.parts().isEmpty() ? null : new Group(group);
      }
      if (c == '"') {
        int close = text.indexOf('"', at + 1);
        if (close < 0) {
          at++; // a lone quote: the words after it are plain words
          return null;
        }
        String words = text.substring(at + 1, close);
        at = close + 1;
        int slop = 0;
        if (at < text.length() && text.charAt(at) == '~') {
          int start = ++at;
          while (at < text.length() && Character.isDigit(text.charAt(at))) at++;
          // Every digit is the slop's ("~10000" once left "00" behind as a word to find), and
          // more than three of them mean as far apart as words may be here.
          slop =
              at == start
                  ? 2
                  : at - start > 3 ? MAX_SLOP : Integer.parseInt(text.substring(start, at));
        }
        return words.isBlank() ? null : new Phrase(words, slop);
      }
      int start = at;
      while (at < text.length() && !ends(text.charAt(at))) at++;
      String word = text.substring(start, at);
      int tilde = word.lastIndexOf('~');
      if (tilde > 0) {
        String number = word.substring(tilde + 1);
        if (number.isEmpty() || number.matches("[0-9]")) {
          int edits = number.isEmpty() ? -1 : Math.min(2, Integer.parseInt(number));
          return new Word(word.substring(0, tilde), Word.Kind.FUZZY, edits);
        }
      }
      if (word.length() > 1 && word.endsWith("*")) {
        String stem = word.replaceAll("\\*+$", "");
        if (!stem.isEmpty()) return new Word(stem, Word.Kind.PREFIX, 0);
      }
      return word.isEmpty() ? null : new Word(word, Word.Kind.PLAIN, 0);
    }

    private static boolean ends(char c) {
      return Character.isWhitespace(c) || c == '"' || c == '(' || c == ')' || c == '|';
    }

    private void skipSpace() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) at++;
    }
  }
}
