package dev.byline.search;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

/**
 * How many clauses a rewritten query holds, counted as Lucene counts them for its clause limit:
 * each leaf query once, each of a leaf's terms once (a prefix's expansions count one each). It
 * lets each server enforce its own {@code --max-clauses} per request, instead of through Lucene's
 * one JVM-wide limit.
 */
final class ClauseCount extends QueryVisitor {
  private long count;

  private ClauseCount() {}

  static long of(Query query) {
    ClauseCount counter = new ClauseCount();
    query.visit(counter);
    return counter.count;
  }

  @Override
  public QueryVisitor getSubVisitor(Occur occur, Query parent) {
    return this;
  }

  @Override
  public void consumeTerms(Query query, Term... terms) {
    count += terms.length;
  }

  @Override
  public void consumeTermsMatching(
      Query query, String field, java.util.function.Supplier<ByteRunAutomaton> automaton) {
    count++;
  }

  @Override
  public void visitLeaf(Query query) {
    count++;
  }
}
