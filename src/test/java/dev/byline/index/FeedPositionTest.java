package dev.byline.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.article.Article;
import dev.byline.config.DataDir;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cluster mode's position in the topic lives in the commit's user data (issue 18). */
class FeedPositionTest {
  @TempDir Path dir;

  private static Article article(String id) {
    return new Article(
        id, null, "Title " + id, "Body of " + id, List.of(), null, null, List.of(), "en");
  }

  private static final ArticleIndex.ReindexProgress QUIET =
      new ArticleIndex.ReindexProgress() {
        @Override
        public void total(long articles) {}

        @Override
        public void copied(long articles) {}
      };

  @Test
  void an_index_never_fed_has_no_position_and_its_commits_record_none() throws Exception {
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      index.write(List.of(article("a")));
      assertThat(index.feedPosition()).isNull();
    }
    assertThat(committedUserData()).doesNotContainKey(FeedPosition.COMMIT_KEY);
  }

  @Test
  void the_recorded_position_is_committed_and_read_back_on_open() throws Exception {
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      index.write(List.of(article("a"), article("b")));
      index.recordFeedPosition("0:41,2:17");
      assertThat(index.feedPosition()).isEqualTo("0:41,2:17");
    }
    assertThat(committedUserData()).containsEntry(FeedPosition.COMMIT_KEY, "0:41,2:17");
    try (ArticleIndex reopened = ArticleIndex.open(dir)) {
      assertThat(reopened.feedPosition()).isEqualTo("0:41,2:17");
      assertThat(reopened.get("b")).isPresent();
    }
    // The commit made on open (and every later one) records it again: it is never lost by a
    // restart that applies nothing.
    try (ArticleIndex again = ArticleIndex.open(dir)) {
      assertThat(again.feedPosition()).isEqualTo("0:41,2:17");
    }
    assertThat(committedUserData()).containsEntry(FeedPosition.COMMIT_KEY, "0:41,2:17");
  }

  @Test
  void a_background_commit_records_the_latest_position_with_the_writes_it_covers()
      throws Exception {
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      index.write(List.of(article("a")));
      index.recordFeedPosition("0:1");
      index.write(List.of(article("b")));
      index.recordFeedPosition("0:2");
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!"0:2".equals(committedUserData().get(FeedPosition.COMMIT_KEY))
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      // Read without closing, as a kill -9 would leave it: the commit has both writes.
      assertThat(committedUserData()).containsEntry(FeedPosition.COMMIT_KEY, "0:2");
      try (FSDirectory fs = FSDirectory.open(dir);
          var reader = org.apache.lucene.index.DirectoryReader.open(fs)) {
        assertThat(reader.numDocs()).isEqualTo(2);
      }
    }
  }

  @Test
  void an_online_reindex_and_its_rollback_keep_the_position_in_their_first_commit()
      throws Exception {
    DataDir data = DataDir.of(dir);
    try (ArticleIndex index = ArticleIndex.open(data.liveIndex())) {
      index.write(List.of(article("a"), article("b")));
      index.recordFeedPosition("0:7");
      Path rebuilt = index.reindexOnline(dir, 1, QUIET).generation();
      // Read as a kill -9 right after the swap would leave it: no batch applied since.
      assertThat(committedUserData(rebuilt)).containsEntry(FeedPosition.COMMIT_KEY, "0:7");
      assertThat(index.feedPosition()).isEqualTo("0:7");
      index.write(List.of(article("c")));
      index.recordFeedPosition("0:8");
      Path back = index.rollbackOnline(dir);
      assertThat(committedUserData(back)).containsEntry(FeedPosition.COMMIT_KEY, "0:8");
      assertThat(index.feedPosition()).isEqualTo("0:8");
      assertThat(index.get("c")).isPresent();
    }
  }

  /**
   * A rollback asked for while the live writer has failed (a full disk) is refused as the index
   * being unavailable (503), not an internal error: an outside hunt got a 500 from the rollback's
   * commit on the closed writer ({@code AlreadyClosedException}).
   */
  @Test
  void a_rollback_while_the_live_writer_has_failed_is_refused_as_unavailable() throws Exception {
    DataDir data = DataDir.of(dir);
    FullDisk disk = new FullDisk();
    try (ArticleIndex index = disk.openForServing(data.liveIndex(), 0)) {
      index.write(List.of(article("a"), article("b")));
      index.reindexOnline(dir, 1, QUIET);
      disk.fillOnFlush(true);
      try {
        index.write(List.of(article("c")));
      } catch (IOException expected) {
        // saved, not searchable: the refresh's flush met the full disk and the writer failed
      }
      assertThat(index.health().state()).isEqualTo(IndexHealth.State.UNAVAILABLE);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> index.rollbackOnline(dir))
          .isInstanceOf(IndexUnavailableException.class)
          .hasMessageContaining("roll back once");
      disk.fillOnFlush(false);
    }
  }

  @Test
  void an_offline_reindex_of_the_stored_articles_keeps_the_position() throws Exception {
    DataDir data = DataDir.of(dir);
    try (ArticleIndex index = ArticleIndex.open(data.liveIndex())) {
      index.write(List.of(article("a"), article("b")));
      index.recordFeedPosition("0:9");
    }
    Reindexer.Result result;
    try (Reindexer.StoredArticles stored = new Reindexer.StoredArticles(data.liveIndex())) {
      result =
          Reindexer.rebuild(
              dir, stored, stored.count(), 1, n -> {}, dev.byline.config.StorySettings.DEFAULTS);
    }
    assertThat(committedUserData(result.generation()))
        .containsEntry(FeedPosition.COMMIT_KEY, "0:9");
    // Rebuilt from sources, it holds what the sources say, not what the feed applied: none.
    Reindexer.Result fromSources =
        Reindexer.rebuild(
            dir,
            List.of(article("x")).iterator(),
            1,
            1,
            n -> {},
            dev.byline.config.StorySettings.DEFAULTS);
    assertThat(committedUserData(fromSources.generation()))
        .doesNotContainKey(FeedPosition.COMMIT_KEY);
  }

  private java.util.Map<String, String> committedUserData() throws Exception {
    return committedUserData(dir);
  }

  private static java.util.Map<String, String> committedUserData(Path dir) throws Exception {
    try (FSDirectory fs = FSDirectory.open(dir)) {
      return SegmentInfos.readLatestCommit(fs).getUserData();
    }
  }
}
