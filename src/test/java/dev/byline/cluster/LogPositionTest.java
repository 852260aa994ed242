package dev.byline.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogPositionTest {
  @Test
  void a_position_reads_back_what_it_writes_partitions_ascending() {
    LogPosition position = LogPosition.of(Map.of(2, 17L, 0, 41L));
    assertThat(position.toString()).isEqualTo("0:41,2:17");
    assertThat(LogPosition.parse("0:41,2:17")).isEqualTo(position);
    assertThat(LogPosition.parse(" 2:17,0:41 ")).isEqualTo(position);
  }

  @Test
  void covers_means_every_partition_at_or_past_the_other() {
    LogPosition applied = LogPosition.parse("0:10,1:5");
    assertThat(applied.covers(LogPosition.parse("0:10"))).isTrue();
    assertThat(applied.covers(LogPosition.parse("0:3,1:5"))).isTrue();
    assertThat(applied.covers(LogPosition.parse("0:11"))).isFalse();
    assertThat(applied.covers(LogPosition.parse("2:0"))).isFalse(); // a partition it has not seen
    assertThat(applied.covers(LogPosition.NONE)).isTrue();
    assertThat(LogPosition.NONE.covers(LogPosition.parse("0:0"))).isFalse();
  }

  @Test
  void with_only_moves_forward() {
    LogPosition p = LogPosition.parse("0:10");
    assertThat(p.with(0, 12).toString()).isEqualTo("0:12");
    assertThat(p.with(0, 3)).isSameAs(p);
    assertThat(p.with(1, 0).toString()).isEqualTo("0:10,1:0");
  }

  @Test
  void including_takes_the_further_offset_of_each_partition() {
    LogPosition p = LogPosition.parse("0:10,2:5");
    assertThat(p.including(LogPosition.parse("0:7,1:3,2:9")).toString()).isEqualTo("0:10,1:3,2:9");
    assertThat(p.including(LogPosition.NONE)).isSameAs(p);
    assertThat(LogPosition.NONE.including(p)).isEqualTo(p);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "abc",
        "0",
        "0:",
        ":5",
        "0:x",
        "-1:5",
        "0:-5",
        "0:1,",
        "0:1,0:2",
        "0:1;1:2",
        "99999999999:1",
        "0:99999999999999999999",
        "\uff10:\uff15", // fullwidth digits, which Java's number parsing reads
        "+0:+5"
      })
  void text_that_is_not_a_position_is_refused_with_the_reason(String text) {
    assertThatThrownBy(() -> LogPosition.parse(text))
        .isInstanceOf(MalformedPositionException.class)
        .hasMessageContaining("is not a position from a write's answer");
  }

  @Test
  void a_huge_token_is_refused_before_it_is_read() {
    assertThatThrownBy(() -> LogPosition.parse("0:1,".repeat(5_000) + "0:1"))
        .isInstanceOf(MalformedPositionException.class)
        .hasMessageContaining("longer than");
  }
}
