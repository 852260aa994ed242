package dev.byline.index;

import dev.byline.article.Article;
import dev.byline.config.DataDir;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * An online reindex claimed by {@link ArticleIndex#startReindex}: {@link #run} it once, on any
 * thread, or {@link #release} it if it will not run; either ends the claim. It takes the offline
 * rebuild's steps ({@link Reindexer#startBuilding}, the same {@link Reindexer#check}, {@link
 * Reindexer#finishBuilding} or {@link Reindexer#abandon}) while the live generation serves and
 * copies every write to the one being built.
 */
public final class OnlineReindex {
  private final Generations generations;
  private final Path dataDir;
  private final int keep;
  private boolean ended;

  OnlineReindex(Generations generations, Path dataDir, int keep) {
    this.generations = generations;
    this.dataDir = dataDir;
    this.keep = keep;
  }

  /**
   * Builds a new generation beside the live one from the stored articles, while every write and
   * delete made meanwhile is applied to both; checks it (count, canaries, Lucene's CheckIndex)
   * and swaps it in atomically, for readers, writers and {@code dataDir/CURRENT} alike. The
   * replaced generation stays open and keeps receiving writes, so that a rollback loses nothing.
   * If it fails, the live index is unchanged and the half-built one removed.
   *
   * @param progress told the number of stored articles to copy, then how many are copied; writes
   *     made meanwhile are not counted (they reach the new generation as they are made)
   * @return what was built
   */
  public synchronized Reindexer.Result run(ArticleIndex.ReindexProgress progress)
      throws IOException {
    if (ended) throw new IllegalStateException("this reindex has already run or been released");
    try {
      return rebuild(DataDir.of(dataDir), progress);
    } finally {
      release();
    }
  }

  /** Gives the claim up (for a reindex that will not run); nothing if it has already ended. */
  public synchronized void release() {
    if (ended) return;
    ended = true;
    generations.endReindex();
  }

  private Reindexer.Result rebuild(DataDir data, ArticleIndex.ReindexProgress progress)
      throws IOException {
    generations.retireKept();
    IndexGeneration live = generations.live(); // no other swap while the claim holds
    Reindexer.Building building = Reindexer.startBuilding(data);
    // Opened as the live one was (a test's full disk covers both).
    IndexGeneration next =
        IndexGeneration.open(building.dir(), generations.directories(), live.storySettings());
    boolean swapped = false;
    try {
      live.startMirror(next);
      live.refreshBlocking(); // the copy below sees every write made before mirroring began
      List<Article> canaries = Reindexer.copyStored(live, next, progress);
      Reindexer.Result result =
          generations.exclusive(
              () -> { // both generations now hold the same articles
                // and the same story aliases (those added meanwhile were mirrored)
                next.storyAliases().add(live.storyAliases().all());
                // and have applied the same cluster feed: the new generation's first commit
                // records the position, so a restart before the feed's next batch resumes there
                // rather than from the topic's beginning.
                String fed = live.feedPosition().get();
                if (fed != null) next.feedPosition().set(fed);
                live.commitNow();
                next.commitNow();
                live.refreshBlocking();
                next.refreshBlocking();
                long liveCount = live.stats().articles();
                // The same checks as an offline rebuild's, on the commit just made (writes are
                // paused).
                // A canary deleted since it was copied is gone from both (the delete was
                // mirrored): only those the live index still holds are looked for.
                List<Article> stillLive = new java.util.ArrayList<>();
                for (Article canary : canaries) {
                  if (live.exists(canary.id())) stillLive.add(canary);
                }
                List<String> checks = Reindexer.check(building.dir(), liveCount, stillLive);
                live.stopMirror();
                next.startMirror(
                    live); // the replaced generation stays in step, for a lossless rollback
                Reindexer.finishBuilding(data, building, keep);
                generations.swapIn(next);
                return new Reindexer.Result(building.dir(), liveCount, liveCount, checks);
              });
      swapped = true;
      return result;
    } finally {
      if (!swapped) {
        // No write in flight may still be copying to the closing generation.
        generations.exclusive(
            () -> {
              live.stopMirror();
              return null;
            });
        next.close();
        Reindexer.abandon(data, building);
      }
    }
  }
}
