package dev.byline.cluster;

import dev.byline.article.Article;
import dev.byline.article.WriteStatus;
import dev.byline.config.ClusterSettings;
import dev.byline.index.ArticleIndex;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Semaphore;

/**
 * This server as one node of a cluster (issue 18): the one owner of its Kafka side. Writes are
 * handed to the topic ({@link #write}, {@link #delete}) and acknowledged once Kafka has them;
 * they reach this node's index, like every other node's, through its {@link TopicFeed}, never
 * directly. The topic takes the write-ahead log's place as what makes a write durable: an
 * acknowledged write is on {@code min.insync.replicas} brokers, and a node that crashes applies
 * again from the position its last commit recorded. (Each node still passes what it applies
 * through its own write-ahead log, one sync per applied batch, because the feed writes through
 * {@link ArticleIndex#write}; that log is no longer what an acknowledgement rests on.)
 *
 * <p>While Kafka cannot be reached the node keeps serving searches from its index and refuses
 * writes at once ({@link ClusterUnavailableException}); {@link #status} says so.
 */
public final class ClusterNode implements Closeable {
  /** The longest a read waits for its {@code ?after=} position to be applied here. */
  public static final Duration MAX_AFTER_WAIT = Duration.ofSeconds(5);

  /**
   * Reads waiting for their {@code ?after=} position at once; one more is answered "not caught
   * up" without waiting, so that waiting reads never hold all of the server's request threads.
   */
  static final int MAX_WAITING_READS = 32;

  private final Semaphore waitingReads = new Semaphore(MAX_WAITING_READS);

  private final ClusterSettings settings;
  private final ArticleIndex index;
  private final TopicFeed feed;
  private final TopicWriter writer;

  private ClusterNode(ClusterSettings settings, ArticleIndex index) {
    this.settings = settings;
    this.index = index;
    Properties kafka = new Properties();
    kafka.put("bootstrap.servers", settings.bootstrapServers());
    this.feed = new TopicFeed(index, settings, kafka);
    this.writer = new TopicWriter(settings, kafka);
  }

  /**
   * Joins the cluster: starts applying the topic to {@code index} (from the position its last
   * commit recorded, or the beginning) in the background, and is ready for writes. Returns at
   * once, whether or not Kafka answers yet. The index stays the caller's.
   */
  public static ClusterNode start(ClusterSettings settings, ArticleIndex index) {
    ClusterNode node = new ClusterNode(settings, index);
    node.feed.start();
    return node;
  }

  /** What a write did: each article's status as this node's index saw it, and their position. */
  public record Written(List<WriteStatus> statuses, LogPosition position) {}

  /**
   * Hands the articles to the topic; returns once Kafka has them all. Their statuses say whether
   * this node's index held the id when the write came (another node may have a write of it
   * still to apply).
   *
   * @throws ClusterUnavailableException when Kafka is unreachable or did not acknowledge them
   */
  public Written write(List<Article> articles) throws IOException {
    requireReachable();
    List<WriteStatus> statuses = new ArrayList<>(articles.size());
    for (Article article : articles) {
      statuses.add(index.get(article.id()).isPresent() ? WriteStatus.UPDATED : WriteStatus.CREATED);
    }
    return new Written(statuses, writer.write(articles));
  }

  /**
   * Hands a delete of {@code id} to the topic; returns its position once Kafka has it.
   *
   * @throws ClusterUnavailableException when Kafka is unreachable or did not acknowledge it
   */
  public LogPosition delete(String id) throws IOException {
    requireReachable();
    return writer.delete(id);
  }

  /**
   * Returns once this node has applied {@code token} (a write's position), waiting at most {@link
   * #MAX_AFTER_WAIT}.
   *
   * @throws MalformedPositionException when {@code token} is not a position
   * @throws NotCaughtUpException when the wait is over first; at once when {@link
   *     #MAX_WAITING_READS} reads are waiting already; and as soon as a look at the topic's end
   *     taken after the call began shows no record at the position (a position beyond the end was
   *     never acknowledged, so no wait would do)
   */
  public void awaitApplied(String token) {
    LogPosition wanted = LogPosition.parse(token);
    if (feed.applied().covers(wanted)) return;
    TopicFeed.Wait done;
    if (!waitingReads.tryAcquire()) {
      throw notCaughtUp(wanted, MAX_WAITING_READS + " reads are waiting already");
    }
    try {
      done = feed.awaitApplied(wanted, MAX_AFTER_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      done = TopicFeed.Wait.TIMED_OUT;
    } finally {
      waitingReads.release();
    }
    switch (done) {
      case APPLIED -> {}
      case BEYOND_LOG_END ->
          throw notCaughtUp(
              wanted,
              "the topic ends at '"
                  + feed.logEnd()
                  + "': no write has been acknowledged at that position yet");
      case TIMED_OUT ->
          throw notCaughtUp(
              wanted,
              "it has applied '"
                  + feed.applied()
                  + "'"
                  + (feed.unreachable() == null ? "" : "; " + feed.unreachable()));
    }
  }

  private NotCaughtUpException notCaughtUp(LogPosition wanted, String why) {
    return new NotCaughtUpException(
        "node "
            + settings.nodeId()
            + " has not applied position '"
            + wanted
            + "' ("
            + why
            + "): try again, or another node");
  }

  /**
   * Where this node stands.
   *
   * @param applied what its index has applied
   * @param logEnd the offset of each partition's last record, as of the last look (null: unknown)
   * @param lag records still to apply (-1: unknown yet)
   * @param unreachable why Kafka is unreachable, or null
   * @param indexProblem why this node's index refuses the topic's records (retried), or null
   * @param caughtUp Kafka answers, the index takes the records, and {@code lag} is at most the
   *     configured maximum
   */
  public record Status(
      String nodeId,
      String topic,
      LogPosition applied,
      LogPosition logEnd,
      long lag,
      long maxLag,
      String unreachable,
      String indexProblem,
      boolean caughtUp,
      long appliedRecords,
      long skippedRecords) {}

  public Status status() {
    long lag = feed.lag();
    String unreachable = feed.unreachable();
    String indexProblem = feed.indexProblem();
    return new Status(
        settings.nodeId(),
        settings.topic(),
        feed.applied(),
        feed.logEnd(),
        lag,
        settings.maxLag(),
        unreachable,
        indexProblem,
        unreachable == null && indexProblem == null && lag >= 0 && lag <= settings.maxLag(),
        feed.appliedRecords(),
        feed.skippedRecords());
  }

  private void requireReachable() throws ClusterUnavailableException {
    String why = feed.unreachable();
    if (why != null) {
      throw new ClusterUnavailableException(
          "writes are refused while this node cannot reach Kafka (" + why + "); searches go on",
          null);
    }
  }

  /** Stops applying the topic and closes the producer (the index is the caller's to close). */
  @Override
  public void close() {
    try {
      feed.close();
    } finally {
      writer.close();
    }
  }
}
