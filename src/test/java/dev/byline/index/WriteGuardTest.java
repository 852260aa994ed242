package dev.byline.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.config.StorySettings;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteGuardTest {
  @TempDir Path dir;

  /**
   * A disk that fills during a batch: the articles written before it filled are kept (and survive
   * a restart), so the answer may not say that nothing was written. An outside hunt (sixteenth
   * session) found 121 and 140 of two 150-article batches answered "nothing was written".
   */
  @Test
  void a_disk_filling_during_a_write_is_told_as_a_write_that_may_be_partly_done()
      throws IOException {
    FullDisk disk = new FullDisk();
    Path path = dir.resolve("index");
    try (IndexGeneration live = IndexGeneration.open(path, StorySettings.DEFAULTS)) {
      WriteGuard guard = new WriteGuard(disk.space(path, 0));
      IOException told = guard.knownFailure(live, new IOException("No space left on device"));
      assertThat(told).isInstanceOf(InsufficientStorageException.class);
      assertThat(told.getMessage())
          .doesNotContain("nothing was written")
          .contains("may have been written")
          .contains("sending the same articles again");
    }
  }
}
