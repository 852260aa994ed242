package dev.byline.search;

import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;

/**
 * Matches exactly the documents of a ranked list (a fusion of keyword and vector hits), each
 * scored as the list scores it. Wrapping the list as a query lets the ordinary search path sort,
 * page, count facets and take cursors over it. Valid only on the reader whose doc ids the list
 * holds: searching another reader is an error.
 */
final class RankedDocsQuery extends Query {
  private final IndexReader reader;
  private final int[] docs; // ascending
  private final float[] scores;

  RankedDocsQuery(IndexReader reader, ScoreDoc[] ranked) {
    this.reader = reader;
    ScoreDoc[] byDoc = ranked.clone();
    Arrays.sort(byDoc, (a, b) -> Integer.compare(a.doc, b.doc));
    docs = new int[byDoc.length];
    scores = new float[byDoc.length];
    for (int i = 0; i < byDoc.length; i++) {
      docs[i] = byDoc[i].doc;
      scores[i] = byDoc[i].score;
    }
  }

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
    if (!searcher.getIndexReader().getContext().id().equals(reader.getContext().id())) {
      throw new IllegalStateException("a ranked list searched on a reader it was not made on");
    }
    return new Weight(this) {
      @Override
      public ScorerSupplier scorerSupplier(LeafReaderContext leaf) {
        int from = lowerBound(leaf.docBase);
        int to = lowerBound(leaf.docBase + leaf.reader().maxDoc());
        if (from == to) return null;
        Scorer scorer = new ListScorer(from, to, leaf.docBase, boost);
        return new DefaultScorerSupplier(scorer);
      }

      @Override
      public Explanation explain(LeafReaderContext leaf, int doc) {
        int i = Arrays.binarySearch(docs, leaf.docBase + doc);
        return i >= 0
            ? Explanation.match(scores[i] * boost, "rank fusion of keyword and vector hits")
            : Explanation.noMatch("not in the fused list");
      }

      @Override
      public boolean isCacheable(LeafReaderContext leaf) {
        return false;
      }
    };
  }

  private int lowerBound(int doc) {
    int i = Arrays.binarySearch(docs, doc);
    return i >= 0 ? i : -i - 1;
  }

  private final class ListScorer extends Scorer {
    private final int from;
    private final int to;
    private final int docBase;
    private final float boost;
    private int at;

    ListScorer(int from, int to, int docBase, float boost) {
      this.from = from;
      this.to = to;
      this.docBase = docBase;
      this.boost = boost;
      this.at = from - 1;
    }

    @Override
    public int docID() {
      if (at < from) return -1;
      return at >= to ? DocIdSetIterator.NO_MORE_DOCS : docs[at] - docBase;
    }

    @Override
    public float score() {
      return scores[at] * boost;
    }

    @Override
    public float getMaxScore(int upTo) {
      float max = 0;
      for (int i = from; i < to; i++) max = Math.max(max, scores[i] * boost);
      return max;
    }

    @Override
    public DocIdSetIterator iterator() {
      return new DocIdSetIterator() {
        @Override
        public int docID() {
          return ListScorer.this.docID();
        }

        @Override
        public int nextDoc() {
          at = Math.min(at + 1, to);
          return docID();
        }

        @Override
        public int advance(int target) throws IOException {
          int doc;
          while ((doc = nextDoc()) < target) {
            // linear: a list holds at most a few hundred documents
          }
          return doc;
        }

        @Override
        public long cost() {
          return (long) to - from;
        }
      };
    }
  }

  @Override
  public String toString(String field) {
    return "RankedDocs(" + docs.length + " docs)";
  }

  @Override
  public void visit(QueryVisitor visitor) {
    visitor.visitLeaf(this);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RankedDocsQuery o
        && reader.equals(o.reader)
        && Arrays.equals(docs, o.docs)
        && Arrays.equals(scores, o.scores);
  }

  @Override
  public int hashCode() {
    return Objects.hash(System.identityHashCode(reader), Arrays.hashCode(docs));
  }
}
