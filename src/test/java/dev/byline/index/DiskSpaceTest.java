package dev.byline.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskSpaceTest {
  @TempDir Path dir;
  private static final long MB = 1L << 20;
  private final AtomicLong usable = new AtomicLong(1_000 * MB);

  private DiskSpace space(Long floodStage, long recheckNanos) {
    return new DiskSpace(
        dir, floodStage, d -> new DiskSpace.Reading(usable.get(), 10_000 * MB), recheckNanos);
  }

  @Test
  void the_automatic_flood_stage_is_five_percent_of_the_volume_between_100_mb_and_2_gb() {
    assertThat(DiskSpace.autoFloodStage(1L << 30)).isEqualTo(DiskSpace.MIN_AUTO_FLOOD_STAGE_BYTES);
    assertThat(DiskSpace.autoFloodStage(10_000 * MB)).isEqualTo(500 * MB);
    assertThat(DiskSpace.autoFloodStage(10L << 40)).isEqualTo(DiskSpace.MAX_AUTO_FLOOD_STAGE_BYTES);
    assertThat(DiskSpace.MIN_AUTO_FLOOD_STAGE_BYTES).isEqualTo(100 * MB);
    assertThat(DiskSpace.MAX_AUTO_FLOOD_STAGE_BYTES).isEqualTo(2048 * MB);
  }

  @Test
  void writes_are_refused_below_the_flood_stage_and_accepted_again_only_above_the_resume_mark()
      throws Exception {
    DiskSpace space = space(100 * MB, 0);
    space.checkWrite(MB);
    usable.set(99 * MB);
    assertThatThrownBy(() -> space.checkWrite(1))
        .isInstanceOf(InsufficientStorageException.class)
        .hasMessage(
            "disk: 99.0 MB free, writes refused below 100 MB and accepted again above 150 MB");
    usable.set(140 * MB); // above the flood stage, below the resume mark: still refused
    assertThatThrownBy(() -> space.checkWrite(1)).isInstanceOf(InsufficientStorageException.class);
    assertThat(space.status().refusing()).isTrue();
    usable.set(150 * MB);
    space.checkWrite(MB);
    assertThat(space.status()).isEqualTo(new DiskSpace.Status(150 * MB, 100 * MB, 150 * MB, false));
  }

  @Test
  void a_write_too_large_for_the_space_left_is_refused_without_refusing_smaller_ones()
      throws Exception {
    DiskSpace space = space(100 * MB, 0);
    usable.set(120 * MB);
    assertThatThrownBy(() -> space.checkWrite(30 * MB))
        .isInstanceOf(InsufficientStorageException.class)
        .hasMessageContaining("this write needs about 30.0 MB and 120 MB are free");
    space.checkWrite(10 * MB);
    assertThat(space.status().refusing()).isFalse();
  }

  @Test
  void
      the_volume_is_read_at_most_once_per_recheck_interval_unless_a_write_failed_for_lack_of_space()
          throws Exception {
    DiskSpace space = space(100 * MB, 60_000_000_000L);
    space.checkWrite(1);
    usable.set(MB);
    space.checkWrite(1); // the reading of a minute ago still stands
    space.forgetReading();
    assertThatThrownBy(() -> space.checkWrite(1)).isInstanceOf(InsufficientStorageException.class);
  }

  @Test
  void a_volume_that_cannot_be_measured_does_not_block_writes() throws Exception {
    DiskSpace space =
        new DiskSpace(
            dir,
            100 * MB,
            d -> {
              throw new IOException("statfs failed");
            },
            0);
    space.checkWrite(1);
    assertThat(space.status().usableBytes()).isEqualTo(-1);
  }

  @Test
  void the_operating_systems_words_for_a_full_disk_are_recognised_in_causes() {
    IOException wrapped =
        new IOException(
            "flush failed", new FileSystemException("/data/_0.cfs: No space left on device"));
    assertThat(DiskSpace.isNoSpace(wrapped)).isTrue();
    assertThat(DiskSpace.isNoSpace(new IOException("Input/output error"))).isFalse();
  }
}
