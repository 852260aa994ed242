package dev.byline.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.byline.errors.InvalidRequestException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchRequestTest {
  private static String codeOf(Map<String, List<String>> params) {
    try {
      SearchRequest.fromParams(params);
    } catch (InvalidRequestException e) {
      return e.code() + ": " + e.getMessage();
    }
    return "accepted";
  }

  @Test
  void defaults_are_page_one_of_ten_by_relevance() {
    SearchRequest r = SearchRequest.fromParams(Map.of("q", List.of("ferry")));
    assertThat(r.page()).isEqualTo(1);
    assertThat(r.size()).isEqualTo(SearchRequest.DEFAULT_SIZE).isEqualTo(10);
    assertThat(r.sort()).isEqualTo(SearchRequest.SortOrder.RELEVANCE);
    assertThat(r.facets()).isTrue();
  }

  @Test
  void a_whole_number_is_ascii_digits_with_an_optional_sign() {
    assertThat(SearchRequest.wholeNumber("size", " 7 ", 10)).isEqualTo(7);
    assertThat(SearchRequest.wholeNumber("size", "-3", 10)).isEqualTo(-3);
    assertThat(SearchRequest.wholeNumber("size", null, 10)).isEqualTo(10);
    assertThat(SearchRequest.wholeNumber("size", "  ", 10)).isEqualTo(10);
    // Java's own parsing takes other scripts' digits; too many digits would overflow an int.
    for (String bad : List.of("\uFF15", "\u0667", "1.5", "ten", "1234567890", "+")) {
      assertThatThrownBy(() -> SearchRequest.wholeNumber("size", bad, 10))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("size='" + bad + "' is not a whole number");
    }
  }

  @Test
  void bad_parameters_are_refused_naming_them() {
    assertThat(codeOf(Map.of("size", List.of("1000"))))
        .startsWith("invalid_parameter")
        .contains("size");
    assertThat(codeOf(Map.of("size", List.of("ten")))).contains("whole number");
    assertThat(codeOf(Map.of("page", List.of("0"))))
        .startsWith("invalid_parameter")
        .contains("page");
    assertThat(codeOf(Map.of("page", List.of("2000"), "size", List.of("10"))))
        .contains("next_cursor");
    assertThat(codeOf(Map.of("sort", List.of("popular")))).contains("relevance, newest, oldest");
    assertThat(codeOf(Map.of("from", List.of("someday")))).contains("from");
    assertThat(codeOf(Map.of("from", List.of("2021-01-01"), "to", List.of("2020-01-01"))))
        .contains("after");
    assertThat(codeOf(Map.of("qq", List.of("x")))).startsWith("unknown_parameter");
    assertThat(codeOf(Map.of("q", List.of("a", "b")))).contains("once");
    assertThat(codeOf(Map.of("q", List.of("x".repeat(SearchRequest.MAX_QUERY_CHARS + 1)))))
        .startsWith("query_too_long");
    assertThat(codeOf(Map.of("cursor", List.of("garbage")))).startsWith("invalid_cursor");
  }

  @Test
  void cursor_round_trips() {
    Cursor c =
        new Cursor(SearchRequest.SortOrder.NEWEST, "abc", false, "1700000000000", null, "demo-001");
    assertThat(Cursor.decode(c.encode())).isEqualTo(c);
    c = new Cursor(SearchRequest.SortOrder.RELEVANCE, "abc", true, "1.5", 1700000000000L, "a|b");
    assertThat(Cursor.decode(c.encode())).isEqualTo(c);
    assertThatThrownBy(() -> Cursor.decode("djF8bmV3ZXN0fGFiY3xpZA")) // v1|newest|abc|id
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void a_cursor_holding_values_byline_never_writes_is_refused() {
    // Fuzzed from outside: these were taken and gave odd pages instead of a 400.
    String[][] bad = {
      {"relevance", "NaN", "1700000000000", "id"},
      {"relevance", "Infinity", "1700000000000", "id"},
      {"relevance", " 1", "1700000000000", "id"},
      {"relevance", "1.5", "1700000000000", "a\u0000b"},
      {"newest", " 17", "", "id"},
      {"newest", "+17", "", "id"},
    };
    for (String[] b : bad) {
      String plain = String.join("|", "v2", b[0], "abc", "s", b[1], b[2], b[3]);
      String text =
          java.util.Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(plain.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertThatThrownBy(() -> Cursor.decode(text))
          .as(plain)
          .isInstanceOf(InvalidRequestException.class);
    }
    Cursor fine =
        new Cursor(SearchRequest.SortOrder.RELEVANCE, "abc", false, "-2.5E-4", 1L, "ok-1");
    assertThat(Cursor.decode(fine.encode())).isEqualTo(fine);
  }
}
