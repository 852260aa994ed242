package dev.byline.http;

import dev.byline.errors.InvalidRequestException;
import dev.byline.errors.NotFoundException;
import dev.byline.index.ArticleIndex;
import dev.byline.index.StoryRecluster;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reclusterings started through the API ({@code POST /api/stories/recluster}, what {@code
 * bin/byline stories} sends to a running server), run one at a time in the background and
 * followed through {@code GET /api/tasks/{id}} as reindexes are.
 */
final class StoryTasks {
  private static final Logger log = LoggerFactory.getLogger(StoryTasks.class);

  private final ArticleIndex index;
  private final Map<String, Task> tasks = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  private volatile Task running;

  StoryTasks(ArticleIndex index) {
    this.index = index;
  }

  /** One reclustering: the step it is at and how far, then its result or error. */
  static final class Task implements ArticleIndex.ReclusterProgress {
    final String id;
    final double threshold;
    final Instant started = Instant.now();
    volatile String state = "running";
    volatile String step = "starting";
    volatile long total = -1;
    volatile long done;
    volatile Instant finished;
    volatile StoryRecluster.Result result;
    volatile String error;

    Task(String id, double threshold) {
      this.id = id;
      this.threshold = threshold;
    }

    @Override
    public void step(String name, long total) {
      this.done = 0;
      this.total = total;
      this.step = name;
    }

    @Override
    public void done(long done) {
      this.done = done;
    }

    Map<String, Object> toJson() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("id", id);
      out.put("kind", "stories");
      out.put("state", state);
      out.put("threshold", threshold);
      out.put("step", step);
      out.put("total", total < 0 ? null : total);
      out.put("done", done);
      out.put("started", started.toString());
      out.put("finished", finished == null ? null : finished.toString());
      out.put(
          "seconds",
          Duration.between(started, finished == null ? Instant.now() : finished).toMillis()
              / 1000.0);
      if (result != null) {
        out.put("articles", result.articles());
        out.put("stories_before", result.storiesBefore());
        out.put("stories_after", result.storiesAfter());
        out.put("pairs", result.pairs());
        out.put("merged", result.aliases().size());
        out.put("moved", result.moved());
      }
      if (error != null) out.put("error", error); // only when failed
      return out;
    }
  }

  /**
   * Starts a reclustering in the background with this threshold.
   *
   * @throws InvalidRequestException 409 if one is running already
   */
  synchronized Task start(double threshold) {
    if (running != null) {
      throw new InvalidRequestException(
          409, "conflict", "a reclustering is running already (task " + running.id + ")");
    }
    Task task = new Task("stories-" + sequence.incrementAndGet(), threshold);
    tasks.put(task.id, task);
    running = task;
    Thread thread = new Thread(() -> run(task), "byline-" + task.id);
    thread.setDaemon(true);
    thread.start();
    return task;
  }

  private void run(Task task) {
    try {
      task.result = index.recluster(task.threshold, task);
      task.state = "succeeded";
      log.info(
          "{} succeeded: {} stories -> {}, {} articles moved",
          task.id,
          task.result.storiesBefore(),
          task.result.storiesAfter(),
          task.result.moved());
    } catch (Exception e) {
      task.error = e.getMessage() == null ? e.toString() : e.getMessage();
      task.state = "failed";
      log.error("{} failed", task.id, e);
    } finally {
      task.finished = Instant.now();
      synchronized (this) {
        if (running == task) running = null;
      }
    }
  }

  /** The task with this id, or null. */
  Task find(String id) {
    return tasks.get(id);
  }

  /** For {@code GET /api/tasks/{id}}: a reindex's or a reclustering's. */
  static Map<String, Object> task(ReindexTasks reindexes, StoryTasks stories, String id) {
    Task task = stories.find(id);
    if (task != null) return task.toJson();
    try {
      return reindexes.get(id).toJson();
    } catch (NotFoundException e) {
      throw new NotFoundException("no task with id '" + id + "'");
    }
  }
}
