package dev.byline.http;

import dev.byline.errors.NotFoundException;
import dev.byline.index.ArticleIndex;
import dev.byline.index.Reindexer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reindexes started through the API ({@code POST /api/reindex}), run one at a time in the
 * background, and followed through {@code GET /api/tasks/{id}}.
 */
final class ReindexTasks {
  private static final Logger log = LoggerFactory.getLogger(ReindexTasks.class);

  private final ArticleIndex index;
  private final Path dataDir;
  private final Map<String, Task> tasks = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();

  /** The task whose progress /metrics reports; whether a reindex may start is the index's call. */
  private volatile Task running;

  ReindexTasks(ArticleIndex index, Path dataDir) {
    this.index = index;
    this.dataDir = dataDir;
  }

  /**
   * One reindex: its progress while it runs, its result or error after. Progress counts the
   * stored articles copied ({@code done}) out of those there were when copying began ({@code
   * total}), so done never passes total; writes made meanwhile reach the new index as they are made
   * and show in the result's article count, not in the progress.
   */
  static final class Task implements ArticleIndex.ReindexProgress {
    final String id;
    final Instant started = Instant.now();
    volatile String state = "running";

    /** Stored articles to copy; -1 until known. */
    volatile long total = -1;

    /** Stored articles copied so far (at most {@link #total}). */
    volatile long done;

    volatile Instant finished;
    volatile Reindexer.Result result;
    volatile String error;

    Task(String id) {
      this.id = id;
    }

    @Override
    public void total(long articles) {
      total = articles;
    }

    @Override
    public void copied(long articles) {
      done = articles;
    }

    /** 0 to 1 while copying; 1 once done. */
    double fraction() {
      if (!state.equals("running")) return 1;
      return total <= 0 ? 0 : Math.min(1.0, done / (double) total);
    }

    Map<String, Object> toJson() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("id", id);
      out.put("kind", "reindex");
      out.put("state", state);
      out.put("total", total < 0 ? null : total);
      out.put("done", done);
      double seconds =
          Math.max(
              0.001,
              Duration.between(started, finished == null ? Instant.now() : finished).toMillis()
                  / 1000.0);
      double rate = done / seconds;
      out.put("rate_per_s", Math.round(rate));
      out.put(
          "eta_s",
          state.equals("running") && rate > 0 && total > 0
              ? Math.round((total - done) / rate)
              : null);
      out.put("started", started.toString());
      out.put("finished", finished == null ? null : finished.toString());
      if (result != null) {
        out.put("generation", result.generation().getFileName().toString());
        out.put("articles", result.articles());
        out.put("checks", result.checks());
      }
      out.put("error", error);
      return out;
    }
  }

  /**
   * Starts a reindex in the background; returns its task.
   *
   * @throws dev.byline.index.ReindexConflictException if a reindex is running
   * @throws dev.byline.index.InsufficientStorageException if the disk has no room for the copy
   */
  synchronized Task start(int keep) throws java.io.IOException {
    dev.byline.index.OnlineReindex reindex = index.startReindex(dataDir, keep);
    Task task = new Task("reindex-" + sequence.incrementAndGet());
    tasks.put(task.id, task);
    running = task;
    Thread thread = new Thread(() -> run(task, reindex), "byline-" + task.id);
    thread.setDaemon(true);
    try {
      thread.start();
    } catch (RuntimeException | Error e) {
      tasks.remove(task.id);
      running = null;
      reindex.release();
      throw e;
    }
    return task;
  }

  private void run(Task task, dev.byline.index.OnlineReindex reindex) {
    try {
      task.result =
          reindex.run(task); // done stays the copied count: result.articles() adds the writes made
      // meanwhile
      task.state = "succeeded";
      log.info(
          "{} succeeded: {} articles into {}",
          task.id,
          task.result.articles(),
          task.result.generation().getFileName());
    } catch (Exception e) {
      task.error = e.getMessage() == null ? e.toString() : e.getMessage();
      task.state = "failed";
      log.error("{} failed; the live index is unchanged", task.id, e);
    } finally {
      task.finished = Instant.now();
      synchronized (this) {
        if (running == task) running = null; // a task started since keeps its place
      }
    }
  }

  Task get(String id) {
    Task task = tasks.get(id);
    if (task == null) throw new NotFoundException("no task with id '" + id + "'");
    return task;
  }

  /** The running reindex's progress (0 to 1), or -1 when none runs: for /metrics. */
  double progress() {
    Task task = running;
    return task == null ? -1 : task.fraction();
  }
}
