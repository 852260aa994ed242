package dev.byline.index;

import dev.byline.article.Article;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The generation a live one copies each write and delete to, while a reindex builds it (and after
 * the swap, the replaced one, kept in step for a lossless rollback), with the ids written since
 * mirroring began: the reindex's copy of older stored versions must skip those. Its methods are
 * called under the writing generation's lock for the id, so an id's copies keep its order.
 */
final class Mirror {
  private final IndexGeneration target;
  private final Set<String> touched = ConcurrentHashMap.newKeySet();

  Mirror(IndexGeneration target) {
    this.target = target;
  }

  IndexGeneration target() {
    return target;
  }

  /** Whether the target still takes copies: one whose writer failed takes none (its owner retires it). */
  boolean accepting() {
    return target.failure() == null;
  }

  /** Logs and applies {@code article} to the target; returns its log position, for {@link #sync}. */
  long write(Article article) throws IOException {
    touched.add(article.id());
    return target.durability().logAndWrite(article)[0];
  }

  /** Logs and applies the deletion of {@code id} to the target; returns its log position. */
  long delete(String id) throws IOException {
    touched.add(id);
    return target.durability().logAndDelete(id)[0];
  }

  /** Waits until the target's log holds everything up to {@code position} on disk. */
  void sync(long position) throws IOException {
    target.durability().sync(position);
  }

  /** Whether a write or delete of {@code id} has reached the target since mirroring began. */
  boolean touched(String id) {
    return touched.contains(id);
  }
}
