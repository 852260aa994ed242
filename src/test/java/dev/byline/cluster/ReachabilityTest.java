package dev.byline.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReachabilityTest {
  private static final long SECOND = 1_000_000_000L;
  private final AtomicLong now = new AtomicLong(42 * SECOND);
  private final Reachability kafka = new Reachability(now::get, 5 * SECOND);

  @Test
  void kafka_is_unreachable_once_the_feed_has_listened_five_seconds_without_an_answer() {
    now.addAndGet(5 * SECOND);
    assertThat(kafka.unreachable()).isNull();
    now.addAndGet(1);
    assertThat(kafka.unreachable()).isEqualTo("no answer from Kafka yet");
    kafka.problem("cannot reach Kafka at k:9092: timed out");
    assertThat(kafka.unreachable()).isEqualTo("cannot reach Kafka at k:9092: timed out");
    kafka.heard();
    assertThat(kafka.unreachable()).isNull();
  }

  @Test
  void time_spent_applying_a_long_batch_is_not_silence_from_kafka() {
    kafka.heard();
    kafka.applying();
    now.addAndGet(30 * SECOND); // a node catching up applies thousands of records at once
    assertThat(kafka.unreachable()).isNull();
    kafka.listening();
    now.addAndGet(4 * SECOND);
    assertThat(kafka.unreachable()).isNull();
    now.addAndGet(2 * SECOND); // listening again, and no answer for 6 s
    assertThat(kafka.unreachable()).isNotNull();
  }
}
