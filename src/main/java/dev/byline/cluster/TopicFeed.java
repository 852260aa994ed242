package dev.byline.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byline.article.Article;
import dev.byline.article.ArticleJson;
import dev.byline.config.ClusterSettings;
import dev.byline.index.ArticleIndex;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that applies the topic to this node's index, in the topic's order: a record with
 * a value writes its article (through {@link ArticleIndex#write}, so stories, vectors and the
 * rest work as for a local write), a tombstone deletes the id. It reads every partition itself
 * ({@code assign()}, no consumer group: every node has its own position) from the position the
 * index's last commit recorded, so a restarted node resumes where its index stands, and a node
 * with an empty index starts from the beginning of the (compacted) topic. After each applied batch
 * it records the new position in the index ({@link ArticleIndex#recordFeedPosition}) and wakes the
 * readers waiting for it ({@link #awaitApplied}).
 *
 * <p>A batch the index refuses (a full disk, a failed writer) is retried until it is applied or
 * the feed closes; the position never moves past a record not applied. A record that is not an
 * article (written by something else than Byline) is skipped and counted.
 */
final class TopicFeed implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(TopicFeed.class);

  private static final Duration POLL = Duration.ofMillis(100);

  /** Records applied as one batch at most (see {@link #poll}). */
  private static final int MAX_BATCH = 5_000;

  /** How often the end of the log is asked for (the lag and the reachability come from it). */
  private static final long END_CHECK_NANOS = 500_000_000L;

  /** Kafka counts as unreachable once nothing has been heard from it for this long. */
  static final long UNREACHABLE_AFTER_NANOS = 5_000_000_000L;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ArticleIndex index;
  private final ClusterSettings settings;
  private final Properties kafka; // the connection only, for TopicSetup's admin client
  private final Properties props; // the consumer's
  private final Thread thread;
  private volatile boolean running = true;

  /** Guards {@link #applied}, and is waited on by {@link #awaitApplied}. */
  private final Object progress = new Object();

  private LogPosition applied; // guarded by progress

  /** Records still to apply as of the last look at the log's end; -1 until known. */
  private volatile long lag = -1;

  /** The offset of each partition's last record, and when it was read ({@link System#nanoTime}). */
  private record EndLook(LogPosition end, long readNanos) {}

  /** The last look at the log's end; null until there is one. */
  private volatile EndLook endLook;

  private final Reachability kafkaContact =
      new Reachability(System::nanoTime, UNREACHABLE_AFTER_NANOS);
  private boolean saidUnreachable; // the feed thread's: the loss of Kafka is logged once
  private volatile String indexProblem; // see indexProblem()
  private final AtomicLong appliedRecords = new AtomicLong();
  private final AtomicLong skippedRecords = new AtomicLong();

  /**
   * @throws IllegalStateException if the index's recorded position is not one this feed wrote
   */
  TopicFeed(ArticleIndex index, ClusterSettings settings, Properties kafka) {
    this.index = index;
    this.settings = settings;
    String recorded = index.feedPosition();
    try {
      this.applied = recorded == null ? LogPosition.NONE : LogPosition.parse(recorded);
    } catch (MalformedPositionException e) {
      throw new IllegalStateException(
          "the index's last commit records an unreadable feed position: " + recorded, e);
    }
    this.kafka = kafka;
    props = new Properties();
    props.putAll(kafka);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "byline-" + settings.nodeId() + "-feed");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"); // the index holds the position
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
    this.thread = new Thread(this::run, "byline-feed");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** What this node has applied. */
  LogPosition applied() {
    synchronized (progress) {
      return applied;
    }
  }

  /** Records still to apply as of the last look at the log's end (about twice a second); -1 until known. */
  long lag() {
    return lag;
  }

  /** The offset of each partition's last record as of the last look; null until known. */
  LogPosition logEnd() {
    EndLook look = endLook;
    return look == null ? null : look.end();
  }

  long appliedRecords() {
    return appliedRecords.get();
  }

  long skippedRecords() {
    return skippedRecords.get();
  }

  /** Why Kafka is unreachable, or null while it answers (see {@link Reachability}). */
  String unreachable() {
    return kafkaContact.unreachable();
  }

  /** How a wait for a position ended. */
  enum Wait {
    APPLIED,
    /** The wait allowed was over first. */
    TIMED_OUT,
    /**
     * The topic, read after the wait began, ends before the position: no write was acknowledged
     * there (a write is acknowledged once it is in the log), so waiting longer would not help.
     */
    BEYOND_LOG_END
  }

  /** How often a waiting read looks whether the log's end has been read again. */
  private static final long LOOK_AGAIN_MS = 50;

  /**
   * Waits until this node has applied {@code wanted}, at most {@code max}, or until a look at the
   * log's end taken after the wait began shows that no record is there yet.
   */
  Wait awaitApplied(LogPosition wanted, Duration max) throws InterruptedException {
    long began = System.nanoTime();
    long deadline = began + max.toNanos();
    synchronized (progress) {
      while (!applied.covers(wanted)) {
        EndLook look = endLook;
        if (look != null && look.readNanos() - began > 0 && !look.end().covers(wanted)) {
          return Wait.BEYOND_LOG_END;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) return Wait.TIMED_OUT;
        progress.wait(Math.max(1, Math.min(LOOK_AGAIN_MS, left / 1_000_000)));
      }
      return Wait.APPLIED;
    }
  }

  private void run() {
    while (running) {
      try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
        List<TopicPartition> partitions = partitions(consumer);
        if (partitions == null) return; // closed while waiting
        consumer.assign(partitions);
        LogPosition from = applied();
        for (TopicPartition tp : partitions) {
          long last = from.offset(tp.partition());
          if (last >= 0) consumer.seek(tp, last + 1);
          else consumer.seekToBeginning(List.of(tp));
        }
        log.info(
            "node {} reads topic {} ({} partitions) after position '{}'",
            settings.nodeId(),
            settings.topic(),
            partitions.size(),
            from);
        long nextEndCheck = System.nanoTime();
        while (running) {
          List<ConsumerRecord<String, byte[]>> records = poll(consumer);
          if (!records.isEmpty()) {
            contact();
            kafkaContact.applying();
            try {
              apply(records);
            } finally {
              kafkaContact.listening();
            }
          }
          if (System.nanoTime() - nextEndCheck >= 0) {
            checkEnd(consumer, partitions);
            nextEndCheck = System.nanoTime() + END_CHECK_NANOS;
          }
        }
      } catch (WakeupException | InterruptException e) {
        // closing
      } catch (RuntimeException e) {
        if (!running) return;
        // The consumer starts again from the applied position: nothing is skipped.
        log.error("the feed of topic {} failed; starting it again", settings.topic(), e);
        pause();
      }
    }
  }

  /** The topic's partitions, once it exists ({@link TopicSetup} creates it); null if closed. */
  private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer) {
    while (running) {
      try {
        TopicSetup.ensure(settings, kafka);
      } catch (Exception e) {
        String problem = "cannot find or create topic " + settings.topic() + ": " + e;
        kafkaContact.problem(problem);
        log.debug("{} (trying again)", problem);
        noteUnreachable(); // once, with the reason, when it lasts
        pause();
        continue;
      }
      try {
        List<PartitionInfo> infos = consumer.partitionsFor(settings.topic(), Duration.ofSeconds(5));
        if (infos != null && !infos.isEmpty()) {
          contact();
          return infos.stream()
              .map(i -> new TopicPartition(i.topic(), i.partition()))
              .sorted(Comparator.comparingInt(TopicPartition::partition))
              .toList();
        }
        kafkaContact.problem("topic " + settings.topic() + " does not exist yet");
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        kafkaContact.problem(
            "cannot reach Kafka at " + settings.bootstrapServers() + ": " + e.getMessage());
        noteUnreachable();
      }
      pause();
    }
    return null;
  }

  private void checkEnd(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
    try {
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(2));
      long behind = 0;
      Map<Integer, Long> last = new HashMap<>();
      for (TopicPartition tp : partitions) {
        long end = ends.getOrDefault(tp, 0L);
        // Every record polled so far is applied (apply runs before the next poll).
        behind += Math.max(0, end - consumer.position(tp, Duration.ofSeconds(2)));
        if (end > 0) last.put(tp.partition(), end - 1);
      }
      lag = behind;
      endLook = new EndLook(LogPosition.of(last), System.nanoTime());
      contact();
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      kafkaContact.problem(
          "cannot reach Kafka at " + settings.bootstrapServers() + ": " + e.getMessage());
      noteUnreachable();
    }
  }

  /**
   * The next records: what one poll brings, topped up with what the consumer has already fetched,
   * up to {@link #MAX_BATCH}. A node behind the topic then applies large batches (each batch waits
   * for one refresh and one sync, whatever its size), and a node caught up waits no longer.
   */
  private static List<ConsumerRecord<String, byte[]>> poll(KafkaConsumer<String, byte[]> consumer) {
    List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
    ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
    while (!records.isEmpty()) {
      records.forEach(batch::add);
      if (batch.size() >= MAX_BATCH) break;
      records = consumer.poll(Duration.ZERO);
    }
    return batch;
  }

  /** Applies records in their order: runs of writes together, each delete alone. */
  private void apply(List<ConsumerRecord<String, byte[]>> records) {
    List<Article> writes = new ArrayList<>();
    LogPosition through = LogPosition.NONE;
    for (ConsumerRecord<String, byte[]> record : records) {
      if (record.key() == null) {
        skipped(record, "it has no key");
      } else if (record.value() == null) {
        applyWrites(writes, through);
        writes = new ArrayList<>();
        String id = record.key();
        retrying(() -> index.delete(id));
      } else {
        try {
          writes.add(ArticleJson.readStored(JSON.readTree(record.value())));
        } catch (IOException | RuntimeException e) {
          skipped(record, e.toString());
        }
      }
      through = through.with(record.partition(), record.offset());
    }
    applyWrites(writes, through);
  }

  private void applyWrites(List<Article> writes, LogPosition through) {
    if (!writes.isEmpty()) retrying(() -> index.write(writes));
    if (!running) return; // an unfinished retry: the position stays before it
    appliedRecords.addAndGet(writes.size());
    LogPosition now;
    synchronized (progress) {
      applied = applied.including(through);
      now = applied;
      progress.notifyAll();
    }
    try {
      index.recordFeedPosition(now.toString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void skipped(ConsumerRecord<String, byte[]> record, String why) {
    skippedRecords.incrementAndGet();
    log.error(
        "skipped record {}:{} of topic {}: not an article Byline wrote ({})",
        record.partition(),
        record.offset(),
        record.topic(),
        why);
  }

  @FunctionalInterface
  private interface IndexCall {
    void run() throws IOException;
  }

  /** Runs {@code call} until it works or the feed closes, once a second, saying so once. */
  private void retrying(IndexCall call) {
    boolean failing = false;
    while (running) {
      try {
        call.run();
        if (failing) log.info("the index takes the feed's writes again");
        indexProblem = null;
        return;
      } catch (IOException | RuntimeException e) {
        if (!failing) {
          log.error("the index refused writes from the feed; retrying every second", e);
        }
        failing = true;
        indexProblem = "this node's index refuses the topic's writes: " + e.getMessage();
        pause(); // Kafka is not asked meanwhile: the feed is applying, not listening
      }
    }
  }

  /**
   * Why this node's index refuses the records it reads (a full disk, a failed writer, another
   * schema version), while the feed retries them; null while it applies them. The node is not
   * caught up meanwhile, whatever its last known lag.
   */
  String indexProblem() {
    return indexProblem;
  }

  private void contact() {
    kafkaContact.heard();
    if (saidUnreachable) {
      saidUnreachable = false;
      log.info("node {} reaches Kafka again; writes are taken again", settings.nodeId());
    }
  }

  /** Logs the loss of Kafka once (its client's reconnection warnings are turned off in logback). */
  private void noteUnreachable() {
    String why = unreachable();
    if (why != null && !saidUnreachable) {
      saidUnreachable = true;
      log.warn(
          "node {} cannot reach Kafka ({}): searches go on from its index, writes are refused",
          settings.nodeId(),
          why);
    }
  }

  private void pause() {
    try {
      Thread.sleep(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /** Stops the thread; a batch being applied finishes first. */
  @Override
  public void close() {
    running = false;
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
