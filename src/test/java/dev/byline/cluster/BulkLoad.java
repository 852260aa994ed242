package dev.byline.cluster;

import static dev.byline.Fixtures.article;
import static dev.byline.Fixtures.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writers that post batches of new articles to nodes until stopped, keeping which ids were
 * acknowledged (a 200 for their batch) and which were sent at all. Every body holds {@code word}.
 */
final class BulkLoad {
  static final int BATCH = 20;

  final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  final Set<String> attempted = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final ExecutorService writers;

  /** One writer per node in {@code nodes} (a node may be named twice for two writers). */
  BulkLoad(String prefix, String word, List<BylineNode> nodes) {
    writers = Executors.newFixedThreadPool(nodes.size());
    for (int t = 0; t < nodes.size(); t++) {
      BylineNode node = nodes.get(t);
      String writer = prefix + "-" + t;
      var unused =
          writers.submit(
              () -> {
                for (int n = 0; !stop.get(); n++) {
                  List<Object> batch = new ArrayList<>();
                  List<String> ids = new ArrayList<>();
                  for (int i = 0; i < BATCH; i++) {
                    String id = writer + "-" + n + "-" + i;
                    ids.add(id);
                    batch.add(article(id, "Bulk " + id, "A " + word + " numbered " + id));
                  }
                  attempted.addAll(ids);
                  try {
                    if (node.post(json(batch)).status() == 200) acknowledged.addAll(ids);
                  } catch (Exception down) {
                    Thread.sleep(100); // the node is down: keep trying, as a client would
                  }
                }
                return null;
              });
    }
  }

  /** Waits until at least {@code n} articles are acknowledged (at most 60 s). */
  void awaitAcknowledged(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (acknowledged.size() < n && System.nanoTime() < deadline) Thread.sleep(20);
    if (acknowledged.size() < n) {
      throw new AssertionError("only " + acknowledged.size() + " of " + n + " acknowledged");
    }
  }

  /** Stops the writers and waits for their last batches. */
  void stop() throws InterruptedException {
    stop.set(true);
    writers.shutdown();
    if (!writers.awaitTermination(60, TimeUnit.SECONDS)) writers.shutdownNow();
  }
}
