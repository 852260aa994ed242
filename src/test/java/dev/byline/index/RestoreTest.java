package dev.byline.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.byline.article.Article;
import dev.byline.config.DataDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restoring a snapshot never leaves a data directory without its index: killed at any step, the
 * replaced index is still live and whole, or the restored one is.
 */
class RestoreTest {
  @TempDir Path dir;

  private static final Set<String> OLD = Set.of("old-1", "old-2", "old-3", "old-4", "old-5");
  private static final Set<String> SNAPPED = Set.of("snap-1", "snap-2", "snap-3");

  /** Stands for the process dying: thrown past every clean-up a failure would run. */
  private static final class Killed extends Error {
    Killed() {
      super("killed", null, false, false);
    }
  }

  private static Article article(String id) {
    return new Article(
        id, null, "Title " + id, "The body of " + id, List.of(), null, null, List.of(), "en");
  }

  private static void writeIndex(Path index, Set<String> ids) throws IOException {
    try (ArticleIndex i = ArticleIndex.open(index)) {
      i.write(ids.stream().sorted().map(RestoreTest::article).toList());
    }
  }

  /** A snapshot holding {@link #SNAPPED}. */
  private Path snapshot() throws IOException {
    Path snap = dir.resolve("snap");
    if (Files.exists(snap)) return snap;
    Path other = dir.resolve("other");
    writeIndex(other, SNAPPED);
    try (ArticleIndex i = ArticleIndex.open(other)) {
      i.snapshot(snap);
    }
    return snap;
  }

  /** The ids in the data directory's live index, read as a server starting would find it. */
  private static Set<String> liveIds(Path root) throws IOException {
    Path live = DataDir.of(root).liveIndex();
    Set<String> ids = new TreeSet<>();
    try (FSDirectory fs = FSDirectory.open(live);
        DirectoryReader reader = DirectoryReader.open(fs)) {
      StoredFields stored = reader.storedFields();
      for (int doc = 0; doc < reader.maxDoc(); doc++) ids.add(stored.document(doc).get(Schema.ID));
    }
    try (ArticleIndex index = ArticleIndex.open(live)) { // the write-ahead log replayed too
      assertThat(index.stats().articles()).isEqualTo(ids.size());
    }
    return ids;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(target);
        else Files.copy(p, target);
      }
    }
  }

  @Test
  void a_restore_killed_at_any_step_leaves_the_replaced_index_or_the_restored_one_whole()
      throws Exception {
    Path snap = snapshot();
    Path pristine = dir.resolve("pristine");
    writeIndex(DataDir.of(pristine).liveIndex(), OLD);

    // A whole restore, counting its steps.
    Path whole = dir.resolve("whole");
    copyTree(pristine, whole);
    List<Snapshots.RestoreStep> steps = new ArrayList<>();
    Snapshots.Restored done = Snapshots.restore(snap, DataDir.of(whole), steps::add);
    assertThat(done.articles()).isEqualTo(3);
    assertThat(done.replaced()).isEqualTo("index");
    assertThat(steps)
        .startsWith(Snapshots.RestoreStep.CHECKED)
        .endsWith(Snapshots.RestoreStep.DONE);
    assertThat(liveIds(whole)).isEqualTo(SNAPPED);
    assertThat(DataDir.of(whole).previousName()).isEqualTo("index");
    assertThat(DataDir.of(whole).halfBuilt()).isEmpty();

    for (int killAt = 0; killAt < steps.size(); killAt++) {
      Path root = dir.resolve("killed-at-" + killAt);
      copyTree(pristine, root);
      int[] seen = {0};
      int at = killAt;
      assertThatThrownBy(
              () ->
                  Snapshots.restore(
                      snap,
                      DataDir.of(root),
                      step -> {
                        if (seen[0]++ == at) throw new Killed();
                      }))
          .isInstanceOf(Killed.class);
      Set<String> after = liveIds(root);
      assertThat(Set.of(OLD, SNAPPED))
          .as("killed after %s (step %d)", steps.get(killAt), killAt)
          .contains(after);
      if (steps.get(killAt).compareTo(Snapshots.RestoreStep.LIVE) >= 0) {
        assertThat(after).isEqualTo(SNAPPED);
      }
      // Run again, it finishes; what the killed one half-copied is gone.
      Snapshots.restore(snap, DataDir.of(root));
      assertThat(liveIds(root)).isEqualTo(SNAPPED);
      assertThat(DataDir.of(root).halfBuilt()).isEmpty();
      try (var entries = Files.list(root)) {
        assertThat(entries.filter(Files::isDirectory).count())
            .as("the replaced index, the restored one, and at most the first restore's")
            .isLessThanOrEqualTo(3);
      }
    }
  }

  @Test
  void the_replaced_index_comes_back_with_a_rollback() throws Exception {
    Path root = dir.resolve("data");
    writeIndex(DataDir.of(root).liveIndex(), OLD);
    Snapshots.restore(snapshot(), DataDir.of(root));
    assertThat(liveIds(root)).isEqualTo(SNAPPED);
    Reindexer.rollback(root);
    assertThat(liveIds(root)).isEqualTo(OLD);
  }

  @Test
  void a_restore_mends_a_data_directory_whose_current_file_names_no_index() throws Exception {
    Path root = dir.resolve("damaged");
    writeIndex(DataDir.of(root).liveIndex(), OLD);
    Files.writeString(root.resolve(DataDir.CURRENT_FILE), "index-20260101T000000000Z\n");
    Files.writeString(root.resolve(DataDir.PREVIOUS_FILE), "index\n");
    assertThatThrownBy(() -> DataDir.of(root).liveIndex()).hasMessageContaining("damaged");
    Snapshots.restore(snapshot(), DataDir.of(root));
    assertThat(liveIds(root)).isEqualTo(SNAPPED);
    assertThat(DataDir.of(root).previousName()).isEqualTo("index");
  }

  @Test
  void a_restore_into_an_empty_data_directory_names_no_previous_index() throws Exception {
    // Killed while copying: the data directory is still an empty one, not a damaged one.
    Path killed = dir.resolve("killed-fresh");
    assertThatThrownBy(
            () ->
                Snapshots.restore(
                    snapshot(),
                    DataDir.of(killed),
                    step -> {
                      if (step == Snapshots.RestoreStep.FILE_COPIED) throw new Killed();
                    }))
        .isInstanceOf(Killed.class);
    assertThat(DataDir.of(killed).liveIndex()).isEqualTo(killed.resolve("index"));
    Path root = dir.resolve("fresh");
    Snapshots.Restored done = Snapshots.restore(snapshot(), DataDir.of(root));
    assertThat(done.replaced()).isNull();
    assertThat(liveIds(root)).isEqualTo(SNAPPED);
    assertThat(DataDir.of(root).previousName()).isNull();
  }

  @Test
  @SuppressWarnings("try") // the index is held open by the try
  void a_restore_is_refused_while_the_live_index_is_open_and_changes_nothing() throws Exception {
    Path root = dir.resolve("busy");
    Path live = DataDir.of(root).liveIndex();
    writeIndex(live, OLD);
    Path snap = snapshot();
    try (ArticleIndex open = ArticleIndex.open(live)) {
      assertThatThrownBy(() -> Snapshots.restore(snap, DataDir.of(root)))
          .isInstanceOf(IndexLockedException.class)
          .hasMessageContaining("stop the server");
    }
    try (var entries = Files.list(root)) {
      assertThat(entries.map(p -> p.getFileName().toString()).toList()).containsExactly("index");
    }
    assertThat(liveIds(root)).isEqualTo(OLD);
  }

  /**
   * A snapshot whose files were damaged (a byte changed on a backup disk) is refused before it
   * goes live: an outside hunt's restore of one said "restored 8000 articles", and the server on
   * it then failed every merge (checksum failed), its writer reopened over and over.
   */
  @Test
  void a_damaged_snapshot_is_refused_and_changes_nothing() throws Exception {
    Path root = dir.resolve("data");
    writeIndex(DataDir.of(root).liveIndex(), OLD);
    Path damaged = dir.resolve("damaged");
    copyTree(snapshot(), damaged);
    Path largest;
    try (var files = Files.list(damaged.resolve("index"))) {
      largest =
          files
              .filter(p -> !p.getFileName().toString().startsWith("segments"))
              .filter(p -> !p.getFileName().toString().equals("write.lock"))
              .max(java.util.Comparator.comparingLong(p -> p.toFile().length()))
              .orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(largest);
    bytes[bytes.length / 2] ^= 0x5A;
    Files.write(largest, bytes);
    assertThatThrownBy(() -> Snapshots.restore(damaged, DataDir.of(root)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("damaged")
        .hasMessageContaining(largest.getFileName().toString());
    assertThat(liveIds(root)).isEqualTo(OLD);
  }
}
