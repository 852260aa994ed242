package dev.byline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byline.config.DataDir;
import dev.byline.index.ArticleIndex;
import dev.byline.index.IndexLockedException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the server running on a data directory, from two signs it leaves: the file it writes
 * there when it starts ({@code server.json}, its address) and the index's write lock, which it
 * holds while it runs. The lock tells a busy server (slow to answer {@code /health}) from a file
 * left by one that stopped, so that a command never opens, or reindexes beside, an index a server
 * is writing.
 */
final class RunningServer {
  /** How long a server that is not busy takes at most to answer {@code /health}. */
  static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);

  /** How long to wait for a server that holds the index but is slow to answer. */
  static final Duration BUSY_WAIT = Duration.ofSeconds(30);

  private static final long RETRY_MS = 250;

  private RunningServer() {}

  /** {@link #find(Path, HttpClient, PrintStream, Duration)} telling standard error, waiting {@link #BUSY_WAIT}. */
  static Optional<URI> find(Path dataDir, HttpClient http) throws IOException {
    return find(dataDir, http, System.err, BUSY_WAIT);
  }

  /**
   * The base URL of the server running on this data directory, if there is one:
   *
   * <ul>
   *   <li>no {@code server.json}: none (if another process holds the index, opening it says so);
   *   <li>{@code server.json}, and {@code /health} answers within {@link #HEALTH_TIMEOUT}: that server;
   *   <li>{@code server.json}, no answer, and nothing holds the index's write lock: none, the file is
   *       stale (its server stopped without removing it); says so on {@code err};
   *   <li>{@code server.json}, no answer, and the lock is held: a server is running but busy; says so
   *       on {@code err} and asks again (rereading the file, which a restarted server rewrites) until
   *       it answers or {@code busyWait} has passed.
   * </ul>
   *
   * @throws IndexLockedException if the lock stays held and no server answers within {@code
   *     busyWait}: the caller must not fall back to opening the index
   */
  static Optional<URI> find(Path dataDir, HttpClient http, PrintStream err, Duration busyWait)
      throws IOException {
    Path file = DataDir.of(dataDir).serverFile();
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return find(file, DataDir.of(dataDir).liveIndex(), http, err, busyWait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while looking for a server on " + dataDir);
    }
  }

  private static Optional<URI> find(
      Path file, Path index, HttpClient http, PrintStream err, Duration busyWait)
      throws IOException, InterruptedException {
    ServerFile named = ServerFile.read(file);
    if (named.url() != null && answers(http, named.url(), HEALTH_TIMEOUT)) {
      return Optional.of(named.url());
    }
    if (!ArticleIndex.isLocked(index)) {
      err.println(
          "byline: ignoring a stale "
              + file.getFileName()
              + " ("
              + named
              + "): its server does not answer"
              + " and nothing holds the index lock, so it has stopped; using the index at "
              + index
              + " directly");
      return Optional.empty();
    }
    err.println(
        "byline: a server holds the index at "
            + index
            + " ("
            + file.getFileName()
            + ": "
            + named
            + ") but did not answer /health within "
            + HEALTH_TIMEOUT.toSeconds()
            + " s; waiting up to "
            + busyWait.toSeconds()
            + " s for it");
    long start = System.nanoTime();
    long deadline = start + busyWait.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) break;
      named = Files.isRegularFile(file) ? ServerFile.read(file) : ServerFile.NONE;
      if (named.url() != null && answers(http, named.url(), Duration.ofNanos(left))) {
        err.printf(
            Locale.ROOT,
            "byline: the server at %s answered after %.1f s%n",
            named.url(),
            (System.nanoTime() - start) / 1e9);
        return Optional.of(named.url());
      }
      if (!ArticleIndex.isLocked(index)) {
        err.println(
            "byline: the server holding the index at "
                + index
                + " has stopped; using the index directly");
        return Optional.empty();
      }
      Thread.sleep(Math.min(RETRY_MS, Math.max(0, (deadline - System.nanoTime()) / 1_000_000)));
    }
    throw new IndexLockedException(
        "a server holds the index at "
            + index
            + " ("
            + file.getFileName()
            + ": "
            + named
            + ") but did not answer /health in "
            + (HEALTH_TIMEOUT.toSeconds() + busyWait.toSeconds())
            + " s: it may be overloaded or stuck; nothing was done"
            + " (try again later, or stop that server)",
        null);
  }

  /**
   * Whether {@code /health} answers within {@code timeout}: 200, or 503 (a server whose index is
   * being reopened after a failure, or that is warming up: it is there, and answers requests).
   */
  private static boolean answers(HttpClient http, URI base, Duration timeout)
      throws InterruptedException {
    try {
      HttpRequest health = HttpRequest.newBuilder(base.resolve("/health")).timeout(timeout).build();
      int status = http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode();
      return status == 200 || status == 503;
    } catch (IOException | IllegalArgumentException e) {
      return false; // refused, timed out, or no valid address
    }
  }

  /** What {@code server.json} says: the server's address and process id, either null if unreadable. */
  private record ServerFile(URI url, Long pid) {
    static final ServerFile NONE = new ServerFile(null, null);

    static ServerFile read(Path file) {
      try {
        JsonNode info = new ObjectMapper().readTree(file.toFile());
        URI url = info.path("url").isTextual() ? URI.create(info.get("url").asText()) : null;
        Long pid = info.path("pid").canConvertToLong() ? info.get("pid").asLong() : null;
        return new ServerFile(url, pid);
      } catch (IOException | IllegalArgumentException e) {
        return NONE; // being written, or damaged: no address to ask
      }
    }

    @Override
    public String toString() {
      if (url == null) return "no readable address";
      if (pid == null) return url.toString();
      boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
      return url + ", pid " + pid + (alive ? "" : ", not running");
    }
  }
}
