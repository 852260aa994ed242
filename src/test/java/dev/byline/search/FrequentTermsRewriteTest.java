package dev.byline.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

class FrequentTermsRewriteTest {
  @Test
  void keeps_the_terms_found_in_most_articles_across_segments_not_the_alphabetically_first()
      throws Exception {
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
        IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
      // "conakry" and "conch" come first alphabetically but are rare; "congress" is common, and
      // "consul" only becomes the second most frequent once both segments are counted.
      add(writer, "a1", "conakry conch");
      for (int i = 0; i < 5; i++) add(writer, "g" + i, "congress");
      add(writer, "s0", "consul");
      writer.commit(); // a second segment
      add(writer, "s1", "consul");
      add(writer, "s2", "consul conch");
      writer.commit();
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        assertThat(reader.leaves()).hasSize(2);
        IndexSearcher searcher = new IndexSearcher(reader);
        PrefixQuery prefix = new PrefixQuery(new Term("body", "con"), new FrequentTermsRewrite(2));
        Query rewritten = searcher.rewrite(prefix);
        assertThat(terms(rewritten)).containsExactlyInAnyOrder("congress", "consul");
        List<String> ids = new ArrayList<>();
        java.util.Set<Float> scores = new java.util.HashSet<>();
        for (ScoreDoc d : searcher.search(prefix, 20).scoreDocs) {
          ids.add(searcher.storedFields().document(d.doc).get("id"));
          scores.add(d.score);
        }
        assertThat(ids).hasSize(8).doesNotContain("a1");
        assertThat(scores).as("a constant score, whichever expansion matched").hasSize(1);

        Query none =
            searcher.rewrite(new PrefixQuery(new Term("body", "zzz"), new FrequentTermsRewrite(2)));
        assertThat(searcher.count(none)).isZero();
      }
    }
  }

  @Test
  void stops_counting_expansions_when_the_search_time_is_up() throws Exception {
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
        IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
      // 20,000 rare words, and the most frequent one last in term order.
      StringBuilder body = new StringBuilder();
      for (int i = 0; i < 20_000; i++) body.append(String.format("w%05d ", i));
      add(writer, "all", body.toString());
      for (int i = 0; i < 3; i++) add(writer, "last" + i, "w19999");
      writer.commit();
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        IndexSearcher searcher = new IndexSearcher(reader);
        PrefixQuery prefix = new PrefixQuery(new Term("body", "w"), new FrequentTermsRewrite(1));
        assertThat(terms(searcher.rewrite(prefix)))
            .as("no time limit: every term counted")
            .containsExactly("w19999");
        dev.byline.index.SearchDeadline deadline = dev.byline.index.SearchDeadline.in(0);
        Thread.sleep(2);
        IndexSearcher timed = new IndexSearcher(reader);
        timed.setTimeout(deadline);
        List<String> kept = terms(timed.rewrite(prefix));
        assertThat(deadline.hit()).as("the answer will say it timed out").isTrue();
        assertThat(kept)
            .as("stopped after the first 4,096 terms")
            .hasSize(1)
            .doesNotContain("w19999");
      }
    }
  }

  private static void add(IndexWriter writer, String id, String body) throws Exception {
    Document doc = new Document();
    doc.add(new StringField("id", id, Field.Store.YES));
    doc.add(new TextField("body", body, Field.Store.NO));
    writer.addDocument(doc);
  }

  private static List<String> terms(Query query) {
    List<String> out = new ArrayList<>();
    query.visit(
        new QueryVisitor() {
          @Override
          public void consumeTerms(Query q, Term... terms) {
            for (Term t : terms) out.add(t.text());
          }

          @Override
          public QueryVisitor getSubVisitor(
              org.apache.lucene.search.BooleanClause.Occur occur, Query parent) {
            return this;
          }
        });
    return out;
  }
}
