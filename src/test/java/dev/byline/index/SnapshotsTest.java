package dev.byline.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.article.Article;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A snapshot on the index's own file system shares its files instead of copying them. */
class SnapshotsTest {
  @TempDir Path dir;

  private static Article article(String id, String title, String body) {
    return new Article(id, null, title, body, List.of(), null, null, List.of(), "en");
  }

  @Test
  void a_snapshot_links_the_commits_files_and_keeps_them_through_later_merges() throws Exception {
    Path live = dir.resolve("index");
    Path target = dir.resolve("snapshots").resolve("s1");
    Files.createDirectories(target.getParent());
    try (ArticleIndex index = ArticleIndex.open(live)) {
      for (int batch = 0; batch < 3; batch++) {
        List<Article> articles = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          String id = "a" + batch + "-" + i;
          articles.add(
              article(id, "Title " + id, "The body of article " + id + " in batch " + batch));
        }
        index.write(articles);
      }
      ArticleIndex.Snapshot snapshot = index.snapshot(target);
      assertThat(snapshot.articles()).isEqualTo(60);
      // Every file of the snapshot is the live index's file under a second name (one inode): a
      // snapshot costs no disk until the live index merges those files away.
      try (var files = Files.list(target.resolve("index"))) {
        for (Path file : files.toList()) {
          Path original = live.resolve(file.getFileName());
          assertThat(Files.exists(original))
              .as("%s in the live index", file.getFileName())
              .isTrue();
          assertThat(Files.isSameFile(file, original)).as("%s linked", file.getFileName()).isTrue();
        }
      }
      // The live index moves on: more writes, deletes, and its segments merged into one.
      List<Article> more = new ArrayList<>();
      for (int i = 0; i < 20; i++) more.add(article("b" + i, "Later " + i, "Written after it."));
      index.write(more);
      index.delete("a0-0");
    }
    try (var writer =
        new org.apache.lucene.index.IndexWriter(
            FSDirectory.open(live),
            new org.apache.lucene.index.IndexWriterConfig(Schema.analyzer()))) {
      writer.forceMerge(1);
      writer.commit();
    }
    try (FSDirectory copy = FSDirectory.open(target.resolve("index"));
        DirectoryReader reader = DirectoryReader.open(copy)) {
      assertThat(reader.numDocs()).as("the snapshot as it was taken").isEqualTo(60);
      org.apache.lucene.index.CheckIndex.Status status;
      try (var check = new org.apache.lucene.index.CheckIndex(copy)) {
        status = check.checkIndex();
      }
      assertThat(status.clean).isTrue();
    }
  }
}
