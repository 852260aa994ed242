package dev.byline.index;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How a batch's parts fail together: the first failure is thrown, the others kept with it. */
class BatchWorkersTest {
  @Test
  void parts_failing_with_one_and_the_same_exception_throw_it_not_a_self_suppression_error()
      throws Exception {
    // A writer that failed for good hands every thread the same exception (its tragic one, an
    // OutOfMemoryError): the batch answered "Self-suppression not permitted" instead, hiding it.
    IOException shared = new IOException("the index writer failed");
    CountDownLatch bothStarted = new CountDownLatch(2);
    try (BatchWorkers workers = new BatchWorkers("test-workers", 2)) {
      BatchWorkers.Part<Void> part =
          () -> {
            bothStarted.countDown();
            try {
              bothStarted.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            throw shared;
          };
      assertThatThrownBy(() -> workers.runAll(List.of(part, part))).isSameAs(shared);
    }
  }

  @Test
  void different_failures_are_kept_as_suppressed() throws Exception {
    IOException first = new IOException("first");
    IllegalStateException second = new IllegalStateException("second");
    try (BatchWorkers workers = new BatchWorkers("test-workers", 2)) {
      BatchWorkers.Part<Void> one =
          () -> {
            throw first;
          };
      BatchWorkers.Part<Void> two =
          () -> {
            throw second;
          };
      assertThatThrownBy(() -> workers.runAll(List.of(one, two)))
          .isSameAs(first)
          .satisfies(
              e ->
                  org.assertj.core.api.Assertions.assertThat(e.getSuppressed())
                      .containsExactly(second));
    }
  }
}
