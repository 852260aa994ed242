package dev.byline.search;

import java.io.IOException;
import java.util.Objects;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.TopScoreDocCollectorManager;

/**
 * Two neighbouring words of the search box read as one joined word ("mac arthur" as {@code
 * macarthur}, "living room" as {@code livingroom}), weighed against the index being searched: as
 * a word of its own, at two words' weight, when no more articles hold the two words side by side
 * than hold the joined word (the archive writes the name joined: "MacArthur"); else as a variant,
 * scored as a constant, as a prefix's expansions are. Scored as a word where the archive writes
 * the words apart, the joined form's rarity (most often a text that hyphenated them once,
 * "living-room", "New-York") put that text first, at three times the score of the texts holding
 * the words many times: in the Brown Corpus, 11 of 40 everyday two-word phrases ("new york",
 * "first place", "two weeks").
 *
 * <p>The mirror of {@link RunTogetherWord}, which weighs a word typed run together. What a rewrite
 * costs: one term lookup, and when the joined word is in some article, a count of the phrase that
 * stops once it passes the joined word's count (so at most that many matches are read).
 */
final class JoinedPair extends Query {
  private final Query asWord;
  private final Query asVariant;
  private final Term joined;
  private final Query together;

  /**
   * @param asWord the joined word's query as a word, at the weight of the two typed
   * @param asVariant the joined word's query as a variant, matching what {@code asWord} does
   * @param joined the joined word's term in the field whose articles are counted
   * @param together the two words side by side, as a phrase
   */
  JoinedPair(Query asWord, Query asVariant, Term joined, Query together) {
    this.asWord = Objects.requireNonNull(asWord);
    this.asVariant = Objects.requireNonNull(asVariant);
    this.joined = Objects.requireNonNull(joined);
    this.together = Objects.requireNonNull(together);
  }

  @Override
  public Query rewrite(IndexSearcher searcher) throws IOException {
    int known = searcher.getIndexReader().docFreq(joined);
    if (known == 0) return asWord; // matches nothing, at no cost
    // Counted up to one more than the joined word's articles: all the answer needs.
    int more = known + 1;
    long apart =
        searcher.search(together, new TopScoreDocCollectorManager(1, more)).totalHits.value();
    return apart >= more ? asVariant : asWord;
  }

  @Override
  public void visit(QueryVisitor visitor) {
    asWord.visit(visitor.getSubVisitor(org.apache.lucene.search.BooleanClause.Occur.MUST, this));
  }

  @Override
  public String toString(String field) {
    return "joinedPair(" + asWord.toString(field) + ")";
  }

  @Override
  public boolean equals(Object other) {
    return sameClassAs(other)
        && asWord.equals(((JoinedPair) other).asWord)
        && together.equals(((JoinedPair) other).together);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * classHash() + asWord.hashCode()) + together.hashCode();
  }
}
