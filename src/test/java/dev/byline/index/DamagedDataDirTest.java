package dev.byline.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.byline.article.Article;
import dev.byline.config.DataDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory damaged by hand or by the disk (a commit point deleted, {@code CURRENT} gone or
 * naming nothing) is refused with what to do, never opened as a new empty index: Lucene would
 * delete the old segments as unreferenced, and a server would answer 200 with no articles (found
 * by deleting files under a running setup from outside).
 */
class DamagedDataDirTest {
  @TempDir Path dir;

  private static List<Article> articles(int n) {
    List<Article> out = new ArrayList<>();
    for (int i = 0; i < n; i++)
      out.add(
          new Article(
              "a" + i,
              null,
              "Harbour " + i,
              "The wall held, day " + i,
              List.of(),
              null,
              null,
              List.of(),
              null));
    return out;
  }

  @Test
  void an_index_without_its_commit_point_is_refused_and_its_segments_kept() throws IOException {
    Path path = dir.resolve("index");
    try (ArticleIndex index = ArticleIndex.open(path)) {
      index.write(articles(20));
    }
    List<Path> segments;
    try (var files = Files.list(path)) {
      segments = files.filter(f -> f.getFileName().toString().startsWith("_")).toList();
    }
    assertThat(segments).isNotEmpty();
    try (var files = Files.list(path)) {
      for (Path f : files.toList())
        if (f.getFileName().toString().startsWith("segments_")) Files.delete(f);
    }
    assertThatThrownBy(() -> ArticleIndex.open(path).close())
        .hasMessageContaining("no commit point");
    for (Path f : segments) assertThat(f).as("kept").exists();
  }

  @Test
  void current_naming_no_folder_or_missing_beside_generations_is_refused() throws IOException {
    DataDir data = DataDir.of(dir);
    assertThat(data.liveIndex()).isEqualTo(dir.resolve("index")); // a new data directory
    Files.createDirectories(dir.resolve("index-20260101T000000000Z"));
    assertThatThrownBy(data::liveIndex)
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("CURRENT is missing");
    Files.writeString(dir.resolve(DataDir.CURRENT_FILE), "index-20990101T000000000Z\n");
    assertThatThrownBy(data::liveIndex).hasMessageContaining("not an index folder here");
    Files.writeString(dir.resolve(DataDir.CURRENT_FILE), "../elsewhere\n");
    assertThatThrownBy(data::liveIndex).hasMessageContaining("not an index folder here");
    Files.writeString(dir.resolve(DataDir.CURRENT_FILE), "index-20260101T000000000Z\n");
    assertThat(data.liveIndex()).isEqualTo(dir.resolve("index-20260101T000000000Z"));
  }
}
