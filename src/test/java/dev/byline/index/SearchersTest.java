package dev.byline.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The searchers' record of ids written since the last refresh. */
class SearchersTest {
  @TempDir Path dir;

  /**
   * An id written just before a refresh still exists while that refresh runs (the window in which
   * neither the old searcher nor the written-ids record would otherwise show it). It did not when
   * the record was registered for refreshes twice: the second "before refresh" dropped the ids the
   * first had kept, and a write in that window was answered "created" instead of "updated", and a
   * copy written then missed its story.
   */
  @Test
  void an_id_written_before_a_refresh_exists_while_the_refresh_runs() throws Exception {
    try (FSDirectory directory = FSDirectory.open(dir);
        IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
      Searchers searchers = Searchers.ofWriter(dir, writer, () -> null);
      try {
        List<Boolean> seen = new ArrayList<>();
        searchers.addRefreshListener(
            new ReferenceManager.RefreshListener() {
              @Override
              public void beforeRefresh() {
                try {
                  seen.add(searchers.exists("a1"));
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              }

              @Override
              public void afterRefresh(boolean didRefresh) {}
            });
        Document doc = new Document();
        doc.add(
            new org.apache.lucene.document.StringField(
                Schema.ID, "a1", org.apache.lucene.document.Field.Store.NO));
        writer.updateDocument(Schema.idTerm("a1"), doc);
        searchers.written("a1");
        searchers.refreshBlocking();
        assertThat(seen).isNotEmpty().allMatch(b -> b);
        assertThat(searchers.exists("a1")).isTrue();
      } finally {
        searchers.close();
      }
    }
  }
}
