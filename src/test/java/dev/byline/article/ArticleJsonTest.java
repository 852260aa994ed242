package dev.byline.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArticleJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Article read(String json) throws Exception {
    return ArticleJson.read(JSON.readTree(json));
  }

  private static InvalidArticleException rejection(String json) {
    try {
      read(json);
    } catch (InvalidArticleException e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("accepted: " + json);
  }

  @Test
  void control_characters_are_spaces_and_a_title_of_nothing_else_is_empty() throws Exception {
    // U+0000 U+0001 alone: nothing a reader or the model could use (it was stored as a title).
    assertThat(rejection("{\"title\":\"\\u0000\\u0001\",\"body\":\"B\"}").getMessage())
        .contains("title is empty");
    assertThat(rejection("{\"title\":\"T\",\"body\":\"\\u0007 \\u001b\"}").getMessage())
        .contains("body is empty");
    // Characters that show nothing (an outside hunt stored a title of U+200B alone): zero-width
    // space, no-break space, soft hyphen, byte order mark, word joiner, Hangul filler.
    for (String invisible :
        new String[] {
          "\\u200b", "\\u00a0 \\u00ad", "\\ufeff\\u2060", "\\u3164", "\\u200d\\u200c"
        }) {
      assertThat(rejection("{\"title\":\"" + invisible + "\",\"body\":\"B\"}").getMessage())
          .as(invisible)
          .contains("title is empty");
      assertThat(rejection("{\"title\":\"T\",\"body\":\"" + invisible + "\"}").getMessage())
          .as(invisible)
          .contains("body is empty");
      assertThat(read("{\"title\":\"T\",\"body\":\"B\",\"source\":\"" + invisible + "\"}").source())
          .as(invisible)
          .isNull();
      assertThat(
              read("{\"title\":\"T\",\"body\":\"B\",\"author\":[\"" + invisible + "\"]}").author())
          .as(invisible)
          .isEmpty();
    }
    // Such characters beside visible ones are kept as given (a soft hyphen inside a word).
    assertThat(read("{\"title\":\"Har\\u00adbour\",\"body\":\"B\"}").title())
        .isEqualTo("Har\u00adbour");
    // A form feed between pages of a text dump separates words; tabs and newlines stay.
    Article a =
        read(
            "{\"title\":\"Harbour\\u0000 news\",\"body\":\"end\\fstart\\tcell\\nline\","
                + "\"source\":\"\\u0085Post\"}");
    assertThat(a.title()).isEqualTo("Harbour  news");
    assertThat(a.body()).isEqualTo("end start\tcell\nline");
    assertThat(a.source()).isEqualTo("Post");
    // What Byline wrote itself (the write-ahead log, the cluster topic) reads back exactly: an
    // extracted page does not come through read(), and a replay must not change or refuse it.
    Article extracted =
        new Article(
            "x", null, "T\u0000", "B\u001e\u0000x", List.of(), null, null, List.of(), "en", null);
    assertThat(ArticleJson.readStored(ArticleJson.write(extracted))).isEqualTo(extracted);
  }

  @Test
  void every_control_character_and_only_those_becomes_a_space() throws Exception {
    // Random text over the first 384 code units (C0, ASCII, C1, Latin) and a few beyond, against
    // the definition: \p{Cc} except tab and line breaks.
    long seed = Long.getLong("controls.seed", System.nanoTime());
    System.out.println("ArticleJsonTest seed: " + seed + " (-Dcontrols.seed=" + seed + ")");
    java.util.Random random = new java.util.Random(seed);
    ObjectMapper json = new ObjectMapper();
    for (int round = 0; round < 500; round++) {
      StringBuilder text = new StringBuilder("x");
      int length = random.nextInt(40);
      for (int i = 0; i < length; i++) {
        text.append(
            random.nextInt(10) == 0
                ? (char) (0x2000 + random.nextInt(0x100))
                : (char) random.nextInt(384));
      }
      text.append('x');
      String body = text.toString();
      var node = json.createObjectNode().put("title", "T").put("body", body);
      Article a = ArticleJson.read(node);
      assertThat(a.body())
          .as("seed %d, round %d", seed, round)
          .isEqualTo(body.replaceAll("[\\p{Cc}&&[^\\t\\n\\r]]", " ").strip());
    }
  }

  /**
   * A body has one limit however it arrives: a JSON string stopped at Jackson's 20 million
   * characters, while a text page's extracted body of 40 million was taken (found by probing a
   * running server), then cost seconds per search that touched it.
   */
  @Test
  void a_body_over_the_limit_is_refused_with_its_length() {
    com.fasterxml.jackson.databind.node.ObjectNode json =
        new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    json.put("title", "Long");
    json.put("body", "word ".repeat(ArticleJson.MAX_BODY_CHARS / 5) + "x");
    assertThatThrownBy(() -> ArticleJson.read(json))
        .isInstanceOf(InvalidArticleException.class)
        .hasMessageContaining("body is " + (ArticleJson.MAX_BODY_CHARS + 1) + " characters")
        .hasMessageContaining("20000000");
    json.put("body", "word ".repeat(ArticleJson.MAX_BODY_CHARS / 5 - 1) + "word");
    assertThat(ArticleJson.read(json).body()).hasSize(ArticleJson.MAX_BODY_CHARS - 1);
  }

  @Test
  void a_stored_article_beyond_todays_limits_reads_back_whole() throws Exception {
    // Acknowledged under other limits (an older or newer Byline on the same topic, a log written
    // before a limit tightened): replaying it must not refuse it, which would lose it.
    List<String> many = new java.util.ArrayList<>();
    for (int i = 0; i < ArticleJson.MAX_LIST_SIZE + 20; i++) many.add("Writer " + i);
    String longName = "Gazette ".repeat(60).strip();
    Article stored =
        new Article(
            "_odd id",
            "ftp://archive.example/1",
            "T".repeat(ArticleJson.MAX_TITLE_CHARS + 1),
            "Body.",
            many,
            null,
            longName,
            List.of(longName),
            "x-klingon-really-long-tag",
            "story-1");
    assertThatThrownBy(() -> ArticleJson.read(ArticleJson.write(stored)))
        .isInstanceOf(InvalidArticleException.class);
    assertThat(ArticleJson.readStored(ArticleJson.write(stored))).isEqualTo(stored);
  }

  @Test
  void author_and_category_accept_a_string_or_an_array_and_always_give_lists() throws Exception {
    Article one =
        read("{\"title\":\"T\",\"body\":\"B\",\"author\":\"Ana Tubić\",\"category\":\"Sport\"}");
    Article many =
        read(
            "{\"title\":\"T\",\"body\":\"B\",\"author\":[\"A\",\" B  C \",\"A\",\"\"],\"category\":[]}");
    assertThat(one.author()).containsExactly("Ana Tubić");
    assertThat(one.category()).containsExactly("Sport");
    assertThat(many.author()).containsExactly("A", "B C");
    assertThat(many.category()).isEmpty();
    JsonNode out = ArticleJson.write(one);
    assertThat(out.get("author").isArray()).isTrue();
    assertThat(out.get("category").isArray()).isTrue();
  }

  @Test
  void given_id_is_kept() throws Exception {
    assertThat(read("{\"id\":\"brown-ca01\",\"title\":\"T\",\"body\":\"B\"}").id())
        .isEqualTo("brown-ca01");
  }

  @Test
  void id_is_derived_from_the_url_when_absent_and_survives_url_noise() throws Exception {
    Article a =
        read("{\"url\":\"https://Example.COM:443/news/a#top\",\"title\":\"T\",\"body\":\"B\"}");
    Article b = read("{\"url\":\"https://example.com/news/a\",\"title\":\"Other\",\"body\":\"C\"}");
    assertThat(a.id()).startsWith("u-").isEqualTo(b.id());
    Article c = read("{\"url\":\"https://example.com/news/b\",\"title\":\"T\",\"body\":\"B\"}");
    assertThat(c.id()).isNotEqualTo(a.id());
  }

  @Test
  void id_is_a_stable_content_hash_without_id_or_url() throws Exception {
    Article a = read("{\"title\":\"T\",\"body\":\"Some  body\\ntext\",\"date\":\"2020-01-01\"}");
    Article again = read("{\"title\":\"T\",\"body\":\"Some body text\",\"date\":\"2020-01-01\"}");
    Article otherDate =
        read("{\"title\":\"T\",\"body\":\"Some body text\",\"date\":\"2020-01-02\"}");
    assertThat(a.id()).startsWith("c-").isEqualTo(again.id());
    assertThat(otherDate.id()).isNotEqualTo(a.id());
  }

  @Test
  void missing_or_blank_title_and_body_are_rejected_naming_the_field() {
    assertThat(rejection("{\"body\":\"B\"}").field()).isEqualTo("title");
    assertThat(rejection("{\"title\":\"  \",\"body\":\"B\"}").field()).isEqualTo("title");
    assertThat(rejection("{\"title\":\"T\"}").field()).isEqualTo("body");
    assertThat(rejection("{\"title\":5,\"body\":\"B\"}").getMessage()).contains("must be a string");
  }

  @Test
  void bad_optional_fields_are_rejected_naming_the_field() {
    assertThat(rejection("{\"title\":\"T\",\"body\":\"B\",\"date\":\"soon\"}").field())
        .isEqualTo("date");
    assertThat(rejection("{\"title\":\"T\",\"body\":\"B\",\"url\":\"ftp://x/y\"}").field())
        .isEqualTo("url");
    assertThat(rejection("{\"title\":\"T\",\"body\":\"B\",\"id\":\"a/b\"}").field())
        .isEqualTo("id");
    assertThat(rejection("{\"title\":\"T\",\"body\":\"B\",\"author\":[1]}").field())
        .isEqualTo("author");
    assertThat(rejection("{\"title\":\"T\",\"body\":\"B\",\"language\":\"english!\"}").field())
        .isEqualTo("language");
    assertThat(rejection("[1,2]").getMessage()).contains("JSON object");
  }

  @Test
  void dates_keep_the_precision_given() throws Exception {
    assertThat(read("{\"title\":\"T\",\"body\":\"B\",\"date\":\"April 10, 2023\"}").date().text())
        .isEqualTo("2023-04-10");
    assertThat(
            read("{\"title\":\"T\",\"body\":\"B\",\"date\":\"2023-04-10T10:00:00+02:00\"}")
                .date()
                .text())
        .isEqualTo("2023-04-10T10:00:00+02:00");
  }
}
