package dev.byline.search;

import dev.byline.index.Schema;
import java.io.IOException;
import java.util.Locale;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import org.apache.lucene.search.spell.WordBreakSpellChecker;

/**
 * "Did you mean": respells the plain words of a query with Lucene's spell checker over the indexed
 * vocabulary (the unstemmed {@link Schema#SPELL} field), and offers the respelling only if it finds
 * clearly more articles: at least twice as many, and at least one. A word some articles hold is
 * respelled only to one that many times more hold (see {@link #KNOWN_WORD_RATIO}): most such words
 * are names, and "did you mean" turning a reader's "Stan Musial" into "span musical" is worse than
 * not offering one.
 *
 * <p>A word no article holds may be two run together: "newyork" is offered as "new york" (Lucene's
 * word-break spell checker, as Solr's {@code WordBreakSolrSpellChecker}) when both words are
 * commoner than any respelling of it.
 *
 * <p>Only a query that finds fewer than {@link #MAX_RESULTS_FOR_SUGGEST} articles is respelled
 * (Solr's {@code spellcheck.maxResultsForSuggest}): a query that fills pages is what the reader
 * meant, and looking up every word's neighbours in the vocabulary on every search cost more than
 * the search itself for rare words.
 */
final class Spelling {
  private static final Pattern WORD =
      Pattern.compile("(?<![\\p{L}\\p{N}\"*~:-])\\p{L}{3,}(?![\\p{L}\\p{N}*~:])");
  private static final int MAX_WORDS = 10;

  /** Queries finding this many articles or more are not respelled. */
  static final long MAX_RESULTS_FOR_SUGGEST = 20;

  /**
   * How many times more articles a respelling must be in than a word that is in the vocabulary
   * itself. A word no article has is respelled to any neighbour; one that some articles have is
   * usually a name ("Musial", "Custer", "Maris": 1 or 2 articles of the Brown Corpus, beside
   * "musical", "cluster", "Mary" in 9 to 32, which a 4-fold rule respelled them to), and only
   * rarely a typo the archive holds too, which its right spelling outnumbers by hundreds. Lucene's
   * own rule (a word in over 1% of the articles is right) still applies on top.
   */
  static final int KNOWN_WORD_RATIO = 100;

  /**
   * Longest word respelled or split, in characters: longer than any word a reader misspells
   * ("antidisestablishmentarianism" is 28). Lucene's checker builds a Levenshtein automaton per
   * word and walks the vocabulary with it, which for ten words of 400 letters cost 3 to 8 s.
   */
  static final int MAX_WORD_CHARS = 32;

  /** Articles each part of a split word must be in: a split into a one-off typo helps nobody. */
  static final int MIN_PART_ARTICLES = 2;

  private final DirectSpellChecker checker = new DirectSpellChecker();
  private final WordBreakSpellChecker breaker = new WordBreakSpellChecker();
  private final Analyzer analyzer;

  Spelling(Analyzer analyzer) {
    this.analyzer = analyzer;
    checker.setMaxEdits(2);
    checker.setAccuracy(0.7f);
    breaker.setMaxChanges(1);
    breaker.setMinBreakWordLength(2);
    breaker.setMinSuggestionFrequency(MIN_PART_ARTICLES);
  }

  /**
   * A better-spelled query, or null.
   *
   * @param count how many articles a query text finds (with the request's filters)
   */
  String suggest(IndexSearcher searcher, String query, long total, ToLongFunction<String> count)
      throws IOException {
    if (total >= MAX_RESULTS_FOR_SUGGEST) return null;
    IndexReader reader = searcher.getIndexReader();
    Matcher m = WORD.matcher(query);
    StringBuilder respelled = new StringBuilder();
    StringBuilder withSplits = new StringBuilder();
    int words = 0;
    boolean splits = false;
    int last = 0;
    while (m.find() && words++ < MAX_WORDS) {
      String word = m.group();
      if (word.equals("OR") || word.equals("AND") || word.equals("NOT")) continue;
      if (word.length() > MAX_WORD_CHARS) continue;
      String term = analyzer.normalize(Schema.SPELL, word).utf8ToString();
      int known = reader.docFreq(new Term(Schema.SPELL, term));
      SuggestWord[] suggestions =
          checker.suggestSimilar(
              new Term(Schema.SPELL, term), 1, reader, SuggestMode.SUGGEST_MORE_POPULAR);
      String better =
          suggestions.length > 0 && moreLikelyMeant(known, suggestions[0].freq)
              ? suggestions[0].string
              : null;
      // Words run together ("newyork", "whitehouse", "civilwar"): two words the archive holds
      // beat a respelling rarer than the rarer of them ("network", "whitehorse", "civilian").
      String split =
          known == 0 ? split(reader, term, better == null ? 0 : suggestions[0].freq) : null;
      if (better != null || split != null) {
        respelled.append(query, last, m.start()).append(better != null ? better : word);
        withSplits.append(query, last, m.start()).append(split != null ? split : better);
        splits |= split != null;
        last = m.end();
      }
    }
    if (last == 0) return null;
    respelled.append(query.substring(last));
    withSplits.append(query.substring(last));
    // The split first; if it finds nothing ("mcarthur" as "mc arthur"), the respelling alone.
    if (splits) {
      String candidate = better(withSplits.toString(), query, total, count);
      if (candidate != null) return candidate;
    }
    return better(respelled.toString(), query, total, count);
  }

  /** {@code candidate} if it differs from the query and finds clearly more, else null. */
  private static String better(
      String candidate, String query, long total, ToLongFunction<String> count) {
    if (candidate.toLowerCase(Locale.ROOT).equals(query.toLowerCase(Locale.ROOT))) return null;
    long found = count.applyAsLong(candidate);
    return found > 0 && found >= 2 * total ? candidate : null;
  }

  /**
   * The word no article holds as two words that articles do hold, each in at least {@link
   * #MIN_PART_ARTICLES} and in at least {@code atLeast} articles, the split whose rarer part is
   * the most common; or null.
   */
  private String split(IndexReader reader, String term, int atLeast) throws IOException {
    SuggestWord[][] splits =
        breaker.suggestWordBreaks(
            new Term(Schema.SPELL, term),
            8,
            reader,
            SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX,
            WordBreakSpellChecker.BreakSuggestionSortMethod.NUM_CHANGES_THEN_MAX_FREQUENCY);
    String best = null;
    int bestRarer = Math.max(atLeast, MIN_PART_ARTICLES);
    for (SuggestWord[] parts : splits) {
      if (parts.length != 2) continue;
      int rarer = Math.min(parts[0].freq, parts[1].freq);
      if (rarer >= bestRarer) {
        bestRarer = rarer;
        best = parts[0].string + " " + parts[1].string;
      }
    }
    return best;
  }

  /**
   * Whether every word that {@code respelled} (a {@link #suggest suggestion} for {@code query})
   * changes is one no article holds: only then is the respelling sure enough to be searched
   * instead of what was typed. A word some article holds may be the word meant, however much
   * commoner its respelling ("omen" in 2 articles of the Brown Corpus, "open" in 250: "bad omen"
   * showed the results of "bad open"); it is offered ("did you mean"), not imposed.
   */
  boolean changesOnlyUnknownWords(IndexReader reader, String query, String respelled)
      throws IOException {
    java.util.Set<String> kept = new java.util.HashSet<>();
    Matcher r = WORD.matcher(respelled);
    while (r.find()) kept.add(r.group().toLowerCase(Locale.ROOT));
    Matcher m = WORD.matcher(query);
    int words = 0;
    while (m.find() && words++ < MAX_WORDS) { // the words suggest looks at
      String word = m.group();
      if (kept.contains(word.toLowerCase(Locale.ROOT))) continue;
      String term = analyzer.normalize(Schema.SPELL, word).utf8ToString();
      if (reader.docFreq(new Term(Schema.SPELL, term)) > 0) return false;
    }
    return true;
  }

  /** Whether a word in {@code known} articles is more likely a typo of one in {@code other}. */
  static boolean moreLikelyMeant(int known, int other) {
    return known == 0 ? other > 0 : (long) known * KNOWN_WORD_RATIO <= other;
  }
}
