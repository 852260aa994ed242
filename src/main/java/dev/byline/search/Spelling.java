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

/**
 * "Did you mean": respells the plain words of a query with Lucene's spell checker over the indexed
 * vocabulary (the unstemmed {@link Schema#SPELL} field), and offers the respelling only if it finds
 * clearly more articles: at least twice as many, and at least one. A word some articles hold is
 * respelled only to one that many times more hold (see {@link #KNOWN_WORD_RATIO}): most such words
 * are names, and "did you mean" turning a reader's "Stan Musial" into "span musical" is worse than
 * not offering one.
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

  private final DirectSpellChecker checker = new DirectSpellChecker();
  private final Analyzer analyzer;

  Spelling(Analyzer analyzer) {
    this.analyzer = analyzer;
    checker.setMaxEdits(2);
    checker.setAccuracy(0.7f);
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
    int words = 0;
    boolean changed = false;
    int last = 0;
    while (m.find() && words++ < MAX_WORDS) {
      String word = m.group();
      if (word.equals("OR") || word.equals("AND") || word.equals("NOT")) continue;
      String term = analyzer.normalize(Schema.SPELL, word).utf8ToString();
      SuggestWord[] suggestions =
          checker.suggestSimilar(
              new Term(Schema.SPELL, term), 1, reader, SuggestMode.SUGGEST_MORE_POPULAR);
      if (suggestions.length > 0
          && moreLikelyMeant(reader.docFreq(new Term(Schema.SPELL, term)), suggestions[0].freq)) {
        respelled.append(query, last, m.start()).append(suggestions[0].string);
        last = m.end();
        changed = true;
      }
    }
    if (!changed) return null;
    respelled.append(query.substring(last));
    String candidate = respelled.toString();
    if (candidate.toLowerCase(Locale.ROOT).equals(query.toLowerCase(Locale.ROOT))) return null;
    long found = count.applyAsLong(candidate);
    return found > 0 && found >= 2 * total ? candidate : null;
  }

  /** Whether a word in {@code known} articles is more likely a typo of one in {@code other}. */
  static boolean moreLikelyMeant(int known, int other) {
    return known == 0 ? other > 0 : (long) known * KNOWN_WORD_RATIO <= other;
  }
}
