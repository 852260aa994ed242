package dev.byline.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiPhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.BytesRef;

/**
 * Words followed by the start of a word, as a phrase: {@code berlin wal*} matches "Berlin wall"
 * and "Berlin walk", within {@code slop} moves. It is what a search box's last word being typed
 * adds to the score, as the phrase of the words typed does for finished words (Elasticsearch's
 * {@code match_phrase_prefix} reads a query the same way): "world ser" ranks the texts about the
 * World Series first, not those that say "world" most often and "serve" once.
 *
 * <p>The start of the word stands for the {@code max} terms it starts that the most articles hold
 * (as {@link FrequentTermsRewrite} expands it), and for {@code whole}, the stem of the letters
 * typed ("series" is indexed as {@code seri}, which {@code series*} does not expand to). A phrase
 * of many terms at one position sums their rarity: its score is scaled to the phrase's positions
 * over its terms, what a phrase of as many positions with terms of average rarity would score.
 *
 * <p>It adds to the score only: highlighting takes the words from the query's other clauses.
 */
final class PhrasePrefix extends Query {
  private final String field;
  private final List<String> leading;
  private final int[] positions;
  private final String prefix;
  private final String whole;
  private final int slop;
  private final int max;

  /**
   * @param leading the terms before the word being typed, at {@code positions} (ascending)
   * @param prefix the start of the word being typed, normalised for {@code field}
   * @param whole the stem of the letters typed, or null
   * @param max most terms the start stands for
   */
  PhrasePrefix(
      String field,
      List<String> leading,
      int[] positions,
      String prefix,
      String whole,
      int slop,
      int max) {
    if (leading.isEmpty() || leading.size() != positions.length || prefix.isEmpty() || max < 1) {
      throw new IllegalArgumentException("a phrase prefix needs words before it and a prefix");
    }
    this.field = field;
    this.leading = List.copyOf(leading);
    this.positions = positions.clone();
    this.prefix = prefix;
    this.whole = whole;
    this.slop = slop;
    this.max = max;
  }

  @Override
  public Query rewrite(IndexSearcher searcher) throws IOException {
    List<BytesRef> expansions =
        FrequentTermsRewrite.mostFrequent(searcher, new PrefixQuery(new Term(field, prefix)), max);
    List<Term> last = new ArrayList<>(expansions.size() + 1);
    for (BytesRef term : expansions) last.add(new Term(field, term));
    if (whole != null && !expansions.contains(new BytesRef(whole)))
      last.add(new Term(field, whole));
    if (last.isEmpty()) return new MatchNoDocsQuery("no term starts with " + prefix);
    MultiPhraseQuery.Builder phrase = new MultiPhraseQuery.Builder().setSlop(slop);
    for (int i = 0; i < leading.size(); i++) {
      phrase.add(new Term[] {new Term(field, leading.get(i))}, positions[i]);
    }
    phrase.add(last.toArray(new Term[0]), positions[positions.length - 1] + 1);
    int terms = leading.size() + last.size();
    int places = leading.size() + 1;
    Query built = phrase.build();
    return terms == places ? built : new BoostQuery(built, places / (float) terms);
  }

  @Override
  public void visit(QueryVisitor visitor) {
    if (visitor.acceptField(field)) visitor.visitLeaf(this);
  }

  @Override
  public String toString(String defaultField) {
    return (field.equals(defaultField) ? "" : field + ":")
        + '"'
        + String.join(" ", leading)
        + ' '
        + prefix
        + "*\""
        + (slop == 0 ? "" : "~" + slop);
  }

  @Override
  public boolean equals(Object o) {
    return sameClassAs(o)
        && o instanceof PhrasePrefix other
        && field.equals(other.field)
        && leading.equals(other.leading)
        && Arrays.equals(positions, other.positions)
        && prefix.equals(other.prefix)
        && Objects.equals(whole, other.whole)
        && slop == other.slop
        && max == other.max;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        classHash(), field, leading, Arrays.hashCode(positions), prefix, whole, slop, max);
  }
}
