package dev.byline.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the refresh thread makes writes searchable: the pace of a searched index and an idle one. */
class RefresherTest {
  @TempDir Path dir;

  /** A stand-in for one article: the refresher counts documents, not what they say. */
  private static long write(IndexWriter writer, String id) throws Exception {
    Document doc = new Document();
    doc.add(new StringField(Schema.ID, id, Field.Store.NO));
    return writer.updateDocument(Schema.idTerm(id), doc);
  }

  private static int visible(SearcherManager manager) throws Exception {
    IndexSearcher searcher = manager.acquire();
    try {
      return searcher.count(MatchAllDocsQuery.INSTANCE);
    } finally {
      manager.release(searcher);
    }
  }

  private interface WithRefresher {
    void run(IndexWriter writer, SearcherManager manager, Refresher refresher) throws Exception;
  }

  private void withRefresher(WithRefresher test) throws Exception {
    try (FSDirectory directory = FSDirectory.open(dir);
        IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig());
        SearcherManager manager = new SearcherManager(writer, new SearcherFactory())) {
      Refresher refresher = new Refresher(writer, manager);
      refresher.start();
      try {
        test.run(writer, manager, refresher);
      } finally {
        refresher.close();
      }
    }
  }

  /**
   * Nobody searches (a bulk load with refresh=false): writes are not refreshed every half second,
   * so the writer flushes large segments; the first search then waits for a refresh and sees
   * every write made before it.
   */
  @Test
  void an_index_nobody_searches_is_not_refreshed_until_a_search_comes_and_that_search_sees_all()
      throws Exception {
    withRefresher(
        (writer, manager, refresher) -> {
          for (int i = 0; i < 10; i++) write(writer, "a" + i);
          Thread.sleep(1_500); // three times a searched index's half second
          assertThat(visible(manager)).as("refreshed while idle").isZero();
          refresher.searched();
          assertThat(visible(manager)).isEqualTo(10);
        });
  }

  /** Once searched, the index is refreshed within about half a second without anyone waiting. */
  @Test
  void a_searched_index_shows_writes_within_about_half_a_second() throws Exception {
    withRefresher(
        (writer, manager, refresher) -> {
          refresher.searched();
          write(writer, "b1");
          long deadline = System.nanoTime() + 3_000_000_000L;
          while (visible(manager) == 0 && System.nanoTime() < deadline) Thread.sleep(50);
          assertThat(visible(manager)).isEqualTo(1);
        });
  }

  /** A write that waits to be searchable is refreshed soon, idle or not. */
  @Test
  void a_write_that_waits_is_refreshed_soon_even_on_an_idle_index() throws Exception {
    withRefresher(
        (writer, manager, refresher) -> {
          long seqNo = write(writer, "c1");
          // Idle refreshes come every 10 s: only the wait's own request makes this true.
          assertThat(refresher.waitForGeneration(seqNo, 5_000)).isTrue();
          assertThat(visible(manager)).isEqualTo(1);
        });
  }
}
