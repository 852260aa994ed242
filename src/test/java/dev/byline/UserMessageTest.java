package dev.byline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import org.junit.jupiter.api.Test;

/** What a command prints for an error of the environment: the reason, not a bare path. */
class UserMessageTest {
  @Test
  void a_data_directory_it_may_not_write_says_permission_denied() {
    AccessDeniedException denied = new AccessDeniedException("/srv/byline/index/write.lock");
    assertThat(Byline.userMessage(denied))
        .startsWith("permission denied: /srv/byline/index/write.lock")
        .contains("writable");
    assertThat(Byline.userMessage(new UncheckedIOException(denied)))
        .startsWith("permission denied: ");
  }
}
