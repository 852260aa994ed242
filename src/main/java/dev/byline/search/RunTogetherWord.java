package dev.byline.search;

import dev.byline.index.Schema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;

/**
 * A word of the search box that may be two words typed run together ("newyork",
 * "airconditioning"), which the archive holds joined only where an article hyphenated them
 * ("New-York") and far more often as two words. Rewritten against the index being searched: to
 * the two words as a phrase or the word as a variant (scored as a constant, as a prefix's
 * expansions are), when more articles hold that phrase than hold the word; else to the word alone.
 * Scored as a word of its own, the joined form's rarity lifted the few articles that hyphenated
 * it above all those holding the two words (as {@code WordsQuery}'s joined variants found).
 *
 * <p>The split chosen is the one whose rarer part is in the most articles (as the word-break
 * spell checker ranks them); a part is at least {@link #MIN_PART_CHARS} letters and never a stop
 * or function word (the pair query says so by being null), so "therapist" is never "the rapist".
 * A word no article holds is left to "did you mean", which offers the split ({@link Spelling}):
 * the reader then sees that the query was read otherwise. What a rewrite costs: for a word in at
 * most {@link #MAX_KNOWN_ARTICLES} articles or a thousandth of them, a term lookup per split in
 * the vocabulary field, and at most one phrase count, only when both parts are commoner than the
 * word; for any other word, one term lookup.
 */
final class RunTogetherWord extends Query {
  /** Fewest letters of a part: "ice cream" is a split, "e mail" and "on line" are not. */
  static final int MIN_PART_CHARS = 3;

  /** Longest word looked at, in characters (as {@link Spelling#MAX_WORD_CHARS}). */
  static final int MAX_CHARS = Spelling.MAX_WORD_CHARS;

  /**
   * A word in more articles than this, or than a thousandth of the archive, is taken as meant
   * without looking at its splits: a common word ("government") is no typo, and its splits would
   * cost a term lookup each on every search holding it.
   */
  static final int MAX_KNOWN_ARTICLES = 20;

  /** The query of two words as a phrase, in the fields the word is searched in, or null. */
  @FunctionalInterface
  interface Pair {
    Query of(String first, String second);
  }

  private final Query word;
  private final Query variant;
  private final String term;
  private final Pair pair;

  /**
   * @param word the word's own query
   * @param variant the word as a variant of the split: matching what {@code word} does
   * @param term the word as the vocabulary field ({@link Schema#SPELL}) holds it
   * @param pair the query of two of its parts side by side (the builder's: equal for equal words)
   */
  RunTogetherWord(Query word, Query variant, String term, Pair pair) {
    this.word = Objects.requireNonNull(word);
    this.variant = Objects.requireNonNull(variant);
    this.term = Objects.requireNonNull(term);
    this.pair = Objects.requireNonNull(pair);
  }

  /** Whether a word typed as {@code term} is one to look at: letters only, long enough. */
  static boolean candidate(String term) {
    if (term.length() < 2 * MIN_PART_CHARS || term.length() > MAX_CHARS) return false;
    return term.chars().allMatch(Character::isLetter);
  }

  @Override
  public Query rewrite(IndexSearcher searcher) throws IOException {
    IndexReader reader = searcher.getIndexReader();
    int known = reader.docFreq(new Term(Schema.SPELL, term));
    if (known == 0) return word; // "did you mean" splits it, and says so
    if (known > Math.max(MAX_KNOWN_ARTICLES, reader.maxDoc() / 1000)) return word;
    record Split(String first, String second, int rarer) {}
    List<Split> splits = new ArrayList<>();
    for (int i = MIN_PART_CHARS; i <= term.length() - MIN_PART_CHARS; i++) {
      String first = term.substring(0, i);
      String second = term.substring(i);
      // The phrase cannot be in more articles than its rarer word.
      int before = reader.docFreq(new Term(Schema.SPELL, first));
      if (before <= known) continue; // most splits end here: one lookup
      int rarer = Math.min(before, reader.docFreq(new Term(Schema.SPELL, second)));
      if (rarer > known) splits.add(new Split(first, second, rarer));
    }
    splits.sort(Comparator.comparingInt(Split::rarer).reversed());
    for (Split s : splits) {
      Query together = pair.of(s.first(), s.second());
      if (together == null) continue; // a stop word for a part
      if (searcher.count(together) <= known) return word;
      return new DisjunctionMaxQuery(List.of(together, variant), 0f);
    }
    return word;
  }

  @Override
  public void visit(QueryVisitor visitor) {
    word.visit(visitor.getSubVisitor(org.apache.lucene.search.BooleanClause.Occur.MUST, this));
  }

  @Override
  public String toString(String field) {
    return "runTogether(" + word.toString(field) + ")";
  }

  @Override
  public boolean equals(Object other) {
    return sameClassAs(other)
        && word.equals(((RunTogetherWord) other).word)
        && term.equals(((RunTogetherWord) other).term);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * classHash() + word.hashCode()) + term.hashCode();
  }
}
