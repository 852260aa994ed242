package dev.byline.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.byline.article.Article;
import dev.byline.article.DateParser;
import dev.byline.article.WriteStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArticleIndexTest {
  @TempDir Path dir;

  private static Article article(String id, String title) {
    return new Article(
        id,
        null,
        title,
        "Body of " + title,
        List.of("Ana Tubić"),
        DateParser.parse("2020-01-01"),
        "Source",
        List.of("Local"),
        "en");
  }

  /**
   * A large batch with many writes of the same ids: each id's writes keep their order (the last
   * version wins, the first is "created", the rest "updated"), and every status is in the batch's
   * order. A new seed each run, printed.
   */
  @Test
  void a_large_batch_keeps_each_ids_writes_in_order() throws Exception {
    long seed = System.nanoTime();
    java.util.Random random = new java.util.Random(seed);
    java.util.Set<String> everyId = new java.util.HashSet<>();
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      for (int round = 0; round < 5; round++) {
        List<Article> batch = new ArrayList<>();
        Map<String, String> last = new java.util.HashMap<>();
        List<WriteStatus> expected = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 300 + random.nextInt(300); i++) {
          String id = "r" + round + "-" + random.nextInt(80);
          String title = "Version " + i + " of " + id;
          batch.add(article(id, title));
          everyId.add(id);
          last.put(id, title);
          expected.add(seen.add(id) ? WriteStatus.CREATED : WriteStatus.UPDATED);
        }
        assertThat(index.write(batch))
            .as("seed %d, round %d", seed, round)
            .containsExactlyElementsOf(expected);
        for (Map.Entry<String, String> e : last.entrySet()) {
          assertThat(index.get(e.getKey()).orElseThrow().title())
              .as("seed %d", seed)
              .isEqualTo(e.getValue());
        }
      }
      assertThat(index.stats().articles()).as("seed %d", seed).isEqualTo(everyId.size());
    }
    System.out.println("a_large_batch_keeps_each_ids_writes_in_order: seed " + seed);
  }

  /**
   * Several writers at once, each with its own ids (which share lock stripes with the others'):
   * large batches, single writes and deletes interleave, and in
   * the end every id holds its writer's last version, or is gone if that was a delete, and the
   * count agrees. A new seed each run, printed.
   */
  @Test
  void concurrent_writers_with_large_batches_and_deletes_leave_each_ids_last_version()
      throws Exception {
    long seed = System.nanoTime();
    System.out.println("concurrent_writers_with_large_batches_and_deletes: seed " + seed);
    int writers = 3;
    List<Map<String, String>> expected = new ArrayList<>();
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          Map<String, String> last = new java.util.concurrent.ConcurrentHashMap<>();
          expected.add(last);
          java.util.Random random = new java.util.Random(seed + w);
          String prefix = "w" + w + "-";
          done.add(
              pool.submit(
                  () -> {
                    for (int round = 0; round < 12; round++) {
                      int kind = random.nextInt(3);
                      if (kind == 2 && !last.isEmpty()) {
                        String id = prefix + random.nextInt(60);
                        index.delete(id);
                        last.put(id, "");
                        continue;
                      }
                      int size = kind == 0 ? 1 + random.nextInt(4) : 32 + random.nextInt(100);
                      List<Article> batch = new ArrayList<>();
                      for (int i = 0; i < size; i++) {
                        String id = prefix + random.nextInt(60);
                        String title = "Round " + round + " item " + i + " of " + id;
                        batch.add(article(id, title));
                      }
                      index.write(batch);
                      for (Article a : batch) last.put(a.id(), a.title());
                    }
                    return null;
                  }));
        }
        for (Future<?> f : done) f.get();
      } finally {
        pool.shutdown();
      }
      long live = 0;
      for (Map<String, String> last : expected) {
        for (Map.Entry<String, String> e : last.entrySet()) {
          var got = index.get(e.getKey());
          if (e.getValue().isEmpty()) {
            assertThat(got).as("seed %d: %s deleted last", seed, e.getKey()).isEmpty();
          } else {
            live++;
            assertThat(got.orElseThrow().title()).as("seed %d", seed).isEqualTo(e.getValue());
          }
        }
      }
      assertThat(index.stats().articles()).as("seed %d", seed).isEqualTo(live);
    }
  }

  @Test
  void an_acknowledged_write_is_on_disk_and_searchable_at_once_and_committed_soon_after()
      throws Exception {
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      assertThat(index.write(List.of(article("x1", "First")))).containsExactly(WriteStatus.CREATED);
      // Searchable through the index's own searcher without waiting...
      assertThat(index.get("x1")).isPresent();
      // ...and on disk: a copy of the folder as it is now, as a crash would leave it, holds it...
      try (ArticleIndex crashed = ArticleIndex.open(crashCopy())) {
        assertThat(crashed.get("x1")).isPresent();
      }
      // ...and in a Lucene commit within the commit interval, as a reader in another process sees
      // it.
      assertThat(committedDocs(Duration.ofSeconds(10), 1)).isEqualTo(1);
    }
    // Closing commits, and the log no longer holds what the commit does.
    try (FSDirectory fs = FSDirectory.open(dir)) {
      String from =
          org.apache.lucene.index.SegmentInfos.readLatestCommit(fs)
              .getUserData()
              .get(WriteAheadLog.COMMIT_KEY);
      assertThat(WriteAheadLog.read(dir, Long.parseLong(from))).isEmpty();
    }
  }

  /** A copy of the index folder as it is on disk now: what a crash at this moment would leave. */
  private Path crashCopy() throws Exception {
    Path copy = java.nio.file.Files.createTempDirectory(dir.getParent(), "crash");
    try (var files = java.nio.file.Files.list(dir)) {
      for (Path f : files.toList()) {
        if (f.getFileName().toString().equals("write.lock")) continue;
        try {
          java.nio.file.Files.copy(f, copy.resolve(f.getFileName()));
        } catch (java.nio.file.NoSuchFileException deletedMeanwhile) {
          // a file of an older commit or log, removed while copying: not part of the state
        }
      }
    }
    return copy;
  }

  /** Docs in the last commit, polled until there are {@code expected} or {@code wait} is over. */
  private int committedDocs(Duration wait, int expected) throws Exception {
    long until = System.nanoTime() + wait.toNanos();
    while (true) {
      try (FSDirectory fs = FSDirectory.open(dir);
          DirectoryReader reader = DirectoryReader.open(fs)) {
        if (reader.numDocs() == expected || System.nanoTime() > until) return reader.numDocs();
      }
      Thread.sleep(50);
    }
  }

  @Test
  void the_article_round_trips_through_stored_fields() throws Exception {
    Article original =
        new Article(
            "r1",
            "https://example.org/a",
            "Title",
            "Body text.",
            List.of("Ana Tubić", "Jonas Müller"),
            DateParser.parse("2023-04-10T08:15:00+02:00"),
            "The Source",
            List.of("A", "B"),
            "en");
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      index.write(List.of(original));
      // With the story the index gave it: its own (issue 16).
      assertThat(index.get("r1")).contains(original.withStory("r1"));
    }
  }

  @Test
  void concurrent_writes_of_one_id_report_exactly_one_creation() throws Exception {
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<List<WriteStatus>>> futures = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        int n = i;
        futures.add(pool.submit(() -> index.write(List.of(article("same", "Version " + n)))));
      }
      List<WriteStatus> all = Collections.synchronizedList(new ArrayList<>());
      for (Future<List<WriteStatus>> f : futures) all.addAll(f.get());
      pool.shutdown();
      assertThat(all).filteredOn(s -> s == WriteStatus.CREATED).hasSize(1);
      assertThat(all).filteredOn(s -> s == WriteStatus.UPDATED).hasSize(39);
      assertThat(index.stats().articles()).isEqualTo(1);
    }
  }

  @Test
  void many_concurrent_writers_are_all_durable() throws Exception {
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int n = i;
        futures.add(pool.submit(() -> index.write(List.of(article("w" + n, "Writer " + n)))));
      }
      for (Future<?> f : futures) f.get();
      pool.shutdown();
      // Every acknowledged write is on disk at once (a crash now loses none), and committed soon
      // after.
      try (ArticleIndex crashed = ArticleIndex.open(crashCopy())) {
        assertThat(crashed.stats().articles()).isEqualTo(200);
      }
      assertThat(committedDocs(Duration.ofSeconds(10), 200)).isEqualTo(200);
    }
  }

  @Test
  void delete_reports_whether_there_was_an_article() throws Exception {
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      index.write(List.of(article("d1", "Doomed")));
      assertThat(index.delete("d1")).isTrue();
      assertThat(index.delete("d1")).isFalse();
      assertThat(index.get("d1")).isEmpty();
      assertThat(index.write(List.of(article("d1", "Back")))).containsExactly(WriteStatus.CREATED);
    }
  }

  @Test
  void a_second_writer_on_the_same_directory_is_refused_clearly() throws Exception {
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      assertThat(index.readOnly()).isFalse();
      assertThatThrownBy(() -> ArticleIndex.open(dir))
          .isInstanceOf(IndexLockedException.class)
          .hasMessageContaining("locked");
      // Readers need no lock.
      try (ArticleIndex reader = ArticleIndex.openReadOnly(dir)) {
        assertThat(reader.stats().articles()).isZero();
      }
    }
  }

  @Test
  void an_index_of_another_schema_version_is_refused_with_a_hint_to_reindex() throws Exception {
    try (FSDirectory fs = FSDirectory.open(dir);
        IndexWriter writer = new IndexWriter(fs, new IndexWriterConfig())) {
      writer.setLiveCommitData(Map.of(Schema.VERSION_KEY, "0").entrySet());
      writer.commit();
    }
    assertThatThrownBy(() -> ArticleIndex.open(dir))
        .isInstanceOf(SchemaMismatchException.class)
        .hasMessageContaining("schema version 0")
        .hasMessageContaining("reindex");
    assertThatThrownBy(() -> ArticleIndex.openReadOnly(dir))
        .isInstanceOf(SchemaMismatchException.class);
  }

  @Test
  void a_new_index_records_its_schema_version_at_once() throws Exception {
    ArticleIndex.open(dir).close();
    try (FSDirectory fs = FSDirectory.open(dir)) {
      assertThat(org.apache.lucene.index.SegmentInfos.readLatestCommit(fs).getUserData())
          .containsEntry(Schema.VERSION_KEY, Integer.toString(Schema.VERSION));
    }
  }
}
