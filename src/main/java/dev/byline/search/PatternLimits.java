package dev.byline.search;

import dev.byline.errors.InvalidRequestException;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.RegExp;

/**
 * Bounds on the patterns of the lucene syntax (regular expressions, wildcards, fuzzy words), checked
 * before Lucene builds their automata. That work happens while the query is parsed, before the
 * search and outside its time limit: unbounded, {@code /.{0,65535}/} took 30 s of CPU on a
 * one-article index. Past a bound the query is refused with {@code query_too_complex}, as
 * Elasticsearch refuses it, in microseconds.
 */
final class PatternLimits {
  /** Longest regular expression, in characters: Elasticsearch's {@code index.max_regex_length}. */
  static final int MAX_REGEX_LENGTH = 1_000;

  /**
   * Most automaton states a regular expression may expand to, counted on its parse tree before the
   * automaton is built (so {@code a{1000}{1000}}, a million states, costs nothing to refuse).
   * Elasticsearch allows 10,000 determinized states, but Lucene 10 builds a bounded repetition such
   * as {@code .{0,9999}} in time that grows with the square of its size: 10,000 states cost 0.5 s
   * a search (once per text field), 2,500 under 70 ms, and no word of an article is longer than
   * 255 characters.
   */
  static final int MAX_REGEX_STATES = 2_500;

  /**
   * Effort Lucene may spend making a regular expression's or a wildcard's automaton deterministic
   * ({@code .*a.{20}} needs millions of states); beyond it the query is refused. Lucene's default,
   * which Elasticsearch uses too.
   */
  static final int DETERMINIZE_WORK_LIMIT = Operations.DEFAULT_DETERMINIZE_WORK_LIMIT;

  /**
   * Longest fuzzy word, in characters: the text fields' tokenizer cuts words at 255, so a longer
   * word cannot be within two edits of anything indexed; building its Levenshtein automaton grows
   * with the square of its length (1,200 mixed letters took over 2 s).
   */
  static final int MAX_FUZZY_LENGTH = 255;

  /**
   * Characters of all the fuzzy words of one query, each distinct word counted once: their
   * automata are built one per text field, in time that grows with the word's length (about 0.3 ms
   * a character with two edits), and fifteen 250-letter words took 10 s of CPU before the search
   * began. 256 is a dozen long real words.
   */
  static final int MAX_FUZZY_CHARS_PER_QUERY = 256;

  /**
   * Most words a phrase matched with slop may have. Lucene matches a sloppy phrase in time that
   * grows with its words (and more with repeated ones) over a whole article, and its time limit
   * is checked between articles only: 100 words ("harbour ferry" fifty times, ~3 or ~10000) took
   * 2.8 s an 8.5 MB article, 32 words about 1 s, 8 words a quarter of it (fuzzed from outside).
   * An exact phrase ({@code slop} 0) costs little at any length and is not bounded.
   */
  static final int MAX_SLOPPY_PHRASE_WORDS = 32;

  private PatternLimits() {}

  /**
   * Refuses a regular expression that is too long or whose automaton would be too large.
   *
   * @param regex the expression between the slashes
   * @throws InvalidRequestException {@code query_too_complex} when over a bound
   * @throws IllegalArgumentException when it does not parse (the caller reports a syntax error)
   */
  static void checkRegex(String regex) {
    if (regex.length() > MAX_REGEX_LENGTH) {
      throw new InvalidRequestException(
          "query_too_complex",
          "the regular expression is "
              + regex.length()
              + " characters long; at most "
              + MAX_REGEX_LENGTH
              + " are allowed");
    }
    long states = states(new RegExp(regex, RegExp.ALL));
    if (states > MAX_REGEX_STATES) {
      throw new InvalidRequestException(
          "query_too_complex",
          "the regular expression /"
              + regex
              + "/ expands to more than "
              + MAX_REGEX_STATES
              + " automaton states; use smaller repetition counts");
    }
  }

  /**
   * Refuses a fuzzy word longer than {@link #MAX_FUZZY_LENGTH}.
   *
   * @throws InvalidRequestException {@code query_too_complex}
   */
  static void checkFuzzy(String word) {
    int length = word.codePointCount(0, word.length());
    if (length > MAX_FUZZY_LENGTH) {
      throw new InvalidRequestException(
          "query_too_complex",
          "a fuzzy word may be at most "
              + MAX_FUZZY_LENGTH
              + " characters long (got: "
              + length
              + ")");
    }
  }

  /**
   * Counts a fuzzy word into a query's total ({@code soFar}: the characters of its fuzzy words
   * before this one, each occurrence counted: a word repeated walks the terms dictionary again
   * for each clause) and refuses the query when the total passes {@link
   * #MAX_FUZZY_CHARS_PER_QUERY}.
   *
   * @return the total with {@code word}
   * @throws InvalidRequestException {@code query_too_complex}
   */
  static int checkFuzzyTotal(String word, int soFar) {
    int total = soFar + word.codePointCount(0, word.length());
    if (total > MAX_FUZZY_CHARS_PER_QUERY) {
      throw new InvalidRequestException(
          "query_too_complex",
          "the fuzzy words of a query may hold at most "
              + MAX_FUZZY_CHARS_PER_QUERY
              + " characters in all (got: "
              + total
              + ")");
    }
    return total;
  }

  /**
   * Largest boost a query may give, with the boosts around it multiplied: scores are floats, and
   * a boost of {@code Float.MAX_VALUE} made every score NaN (an outside hunt).
   */
  static final float MAX_BOOST = 1_000_000f;

  /**
   * Refuses a query one of whose clauses is boosted, in all, beyond {@link #MAX_BOOST}.
   *
   * @throws InvalidRequestException {@code query_too_complex}
   */
  static void checkBoosts(org.apache.lucene.search.Query query) {
    checkBoosts(query, 1.0);
  }

  private static void checkBoosts(org.apache.lucene.search.Query query, double factor) {
    if (query instanceof org.apache.lucene.search.BoostQuery boosted) {
      double total = factor * boosted.getBoost();
      if (total > MAX_BOOST) {
        throw new InvalidRequestException(
            "query_too_complex",
            "a boost (^) may be at most "
                + (long) MAX_BOOST
                + ", boosts around it multiplied (got: "
                + total
                + ")");
      }
      checkBoosts(boosted.getQuery(), total);
    } else if (query instanceof org.apache.lucene.search.BooleanQuery bool) {
      for (org.apache.lucene.search.BooleanClause clause : bool.clauses()) {
        checkBoosts(clause.query(), factor);
      }
    } else if (query instanceof org.apache.lucene.search.DisjunctionMaxQuery max) {
      for (org.apache.lucene.search.Query disjunct : max.getDisjuncts()) {
        checkBoosts(disjunct, factor);
      }
    } else if (query instanceof org.apache.lucene.search.ConstantScoreQuery constant) {
      checkBoosts(constant.getQuery(), factor);
    }
  }

  /** The query refused when Lucene gives up making an automaton deterministic. */
  static InvalidRequestException tooComplexToDeterminize() {
    return new InvalidRequestException(
        "query_too_complex",
        "a regular expression or wildcard in the query needs too much work to run; make it more specific");
  }

  /**
   * The states of the automaton {@link RegExp#toAutomaton} makes of {@code re} before
   * determinization, less its start state (exact for repetitions of characters and strings, such as
   * {@code .{0,65535}} and {@code a{1000}{1000}}; an upper bound otherwise), saturating at {@code
   * Long.MAX_VALUE}. Repetitions multiply: {@code x{n,m}} is up to m copies of x.
   */
  private static long states(RegExp re) {
    return switch (re.kind) {
      case REGEXP_CONCATENATION -> plus(states(re.exp1), states(re.exp2));
      case REGEXP_UNION -> plus(plus(states(re.exp1), states(re.exp2)), 1);
      case REGEXP_INTERSECTION -> times(plus(states(re.exp1), 1), plus(states(re.exp2), 1));
      case REGEXP_OPTIONAL, REGEXP_REPEAT, REGEXP_COMPLEMENT, REGEXP_DEPRECATED_COMPLEMENT ->
          plus(states(re.exp1), 1);
      case REGEXP_REPEAT_MIN -> plus(times(states(re.exp1), re.min + 1L), 1);
      case REGEXP_REPEAT_MINMAX -> plus(times(states(re.exp1), Math.max(re.max, re.min)), 1);
      case REGEXP_STRING -> re.s.codePointCount(0, re.s.length());
      // A numeric interval <n-m>: a few states per digit and digit position.
      case REGEXP_INTERVAL -> 11L * 11L * Math.max(re.digits, Integer.toString(re.max).length());
      // One character (or class of them), the empty language, any string, a named automaton.
      default -> 1;
    };
  }

  private static long plus(long a, long b) {
    try {
      return Math.addExact(a, b);
    } catch (ArithmeticException overflow) {
      return Long.MAX_VALUE;
    }
  }

  private static long times(long a, long b) {
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException overflow) {
      return Long.MAX_VALUE;
    }
  }
}
