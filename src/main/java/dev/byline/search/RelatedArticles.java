package dev.byline.search;

import dev.byline.article.Article;
import dev.byline.errors.InvalidRequestException;
import dev.byline.errors.NotFoundException;
import dev.byline.index.ArticleIndex;
import dev.byline.index.Schema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/**
 * Articles like a given one: the nearest in meaning when it has a vector (semantic search is on
 * and it has been embedded), else more-like-this over title and body. Never the article itself,
 * nor copies of it under the same title (syndicated duplicates are not "related").
 */
public final class RelatedArticles {
  public static final int DEFAULT_SIZE = 5;
  public static final int MAX_SIZE = 20;
  private static final int MAX_QUERY_TERMS = 30;

  private final ArticleIndex index;
  private final Analyzer analyzer = Schema.analyzer();

  public RelatedArticles(ArticleIndex index) {
    this.index = index;
  }

  /**
   * The articles most like the one with this id, best first.
   *
   * @throws NotFoundException if there is no article with this id
   * @throws InvalidRequestException if size is out of range
   */
  public List<SearchResponse.Hit> related(String id, int size) throws IOException {
    if (size < 1 || size > MAX_SIZE) {
      throw new InvalidRequestException(
          "invalid_parameter", "size='" + size + "' must be between 1 and " + MAX_SIZE);
    }
    return index.withSearcher(
        searcher -> {
          ScoreDoc[] self = searcher.search(new TermQuery(Schema.idTerm(id)), 1).scoreDocs;
          if (self.length == 0) {
            throw new NotFoundException("no article with id '" + id + "'");
          }
          StoredFields stored = searcher.storedFields();
          Article article = Schema.fromDocument(stored.document(self[0].doc));
          Query notSelf = new TermQuery(Schema.idTerm(id));
          String field = index.vectorField();
          float[] vector =
              field == null ? null : vectorOf(searcher.getIndexReader(), field, self[0].doc);
          if (vector != null) {
            // Embedded (semantic search): the nearest articles in meaning, rescored exactly.
            Query others =
                new BooleanQuery.Builder()
                    .add(MatchAllDocsQuery.INSTANCE, Occur.MUST)
                    .add(notSelf, Occur.MUST_NOT)
                    .build();
            int k = size + 10;
            Query nearest = NearestVectors.of(searcher, field, vector, 2 * k, others, k);
            return withoutCopies(searcher.search(nearest, k).scoreDocs, stored, article, size);
          }
          MoreLikeThis mlt = new MoreLikeThis(searcher.getIndexReader());
          mlt.setAnalyzer(analyzer);
          mlt.setFieldNames(new String[] {Schema.TITLE, Schema.BODY});
          mlt.setMinTermFreq(1);
          mlt.setMinDocFreq(1);
          mlt.setMaxQueryTerms(MAX_QUERY_TERMS);
          // Stop words are indexed (for phrases); they say nothing about what an article is about.
          mlt.setStopWords(dev.byline.index.ArticleAnalyzer.STOP_WORDS);
          mlt.setBoost(true);
          Query like = mlt.like(self[0].doc);
          Query query =
              new BooleanQuery.Builder()
                  .add(like, Occur.MUST)
                  .add(new TermQuery(Schema.idTerm(id)), Occur.MUST_NOT)
                  .build();
          // Fetch extra: copies under the same title are dropped after the search.
          return withoutCopies(searcher.search(query, size + 10).scoreDocs, stored, article, size);
        });
  }

  private static List<SearchResponse.Hit> withoutCopies(
      ScoreDoc[] hits, StoredFields stored, Article article, int size) throws IOException {
    String titleKey = key(article.title());
    List<SearchResponse.Hit> out = new ArrayList<>();
    for (ScoreDoc hit : hits) {
      Article other = Schema.fromDocument(stored.document(hit.doc));
      if (key(other.title()).equals(titleKey)) continue;
      out.add(ArticleSearch.plainHit(other, hit.score));
      if (out.size() == size) break;
    }
    return out;
  }

  /**
   * The full-precision vector of document {@code doc} in {@code field}, or null if it has none
   * (not embedded by that model yet).
   */
  private static float[] vectorOf(IndexReader reader, String field, int doc) throws IOException {
    List<LeafReaderContext> leaves = reader.leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    FloatVectorValues values = leaf.reader().getFloatVectorValues(field);
    if (values == null) return null;
    KnnVectorValues.DocIndexIterator it = values.iterator();
    int local = doc - leaf.docBase;
    if (it.advance(local) != local) return null;
    return values.vectorValue(it.index()).clone();
  }

  private static String key(String title) {
    return title.strip().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
  }
}
