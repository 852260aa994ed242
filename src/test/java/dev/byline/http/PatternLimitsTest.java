package dev.byline.http;

import static dev.byline.Fixtures.article;
import static dev.byline.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byline.TestServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regular expressions, wildcards and fuzzy words of the lucene syntax are bounded before Lucene
 * builds their automata (which the search time limit does not cover): past the bounds they are a
 * quick 400 {@code query_too_complex}, never seconds of CPU or a 500.
 */
class PatternLimitsTest {
  /** Much more than the refusals take (milliseconds), much less than the unbounded work took (3.8 s to 30+ s). */
  private static final Duration QUICK = Duration.ofSeconds(2);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir);
    server.postJson(
        json(article("p1", "Harbour opens a fish market", "The market opened on the old quay.")));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  /** A lucene-syntax search, failed if it takes longer than {@link #QUICK}. */
  private static Answer lucene(String q) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(server.uri("/api/search?syntax=lucene&q=" + TestServer.enc(q)))
            .timeout(QUICK)
            .build();
    long start = System.nanoTime();
    HttpResponse<String> r;
    try {
      r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new AssertionError("no answer within " + QUICK + " to q=" + abbreviated(q), e);
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    return new Answer(r.statusCode(), JSON.readTree(r.body()), r.body(), ms);
  }

  private record Answer(int status, JsonNode json, String body, long ms) {}

  private static void assertTooComplex(String q) throws Exception {
    Answer a = lucene(q);
    assertThat(a.status()).as("q=%s: %s", abbreviated(q), a.body()).isEqualTo(400);
    assertThat(a.json().get("error").asText()).isEqualTo("query_too_complex");
    assertThat(a.json().get("message").asText()).isNotBlank();
    assertThat(a.ms())
        .as("milliseconds to refuse q=%s", abbreviated(q))
        .isLessThan(QUICK.toMillis());
  }

  private static String abbreviated(String q) {
    return q.length() <= 60 ? q : q.substring(0, 60) + "… (" + q.length() + " chars)";
  }

  @Test
  void a_regex_whose_repetitions_expand_to_a_huge_automaton_is_refused_at_once() throws Exception {
    assertTooComplex("/.{0,65535}/");
    assertTooComplex("/a{1000}{1000}/");
    assertTooComplex("/(ab{100}c){200}/");
    assertTooComplex("title:/[a-z]{1,20000}/");
  }

  @Test
  void a_regex_longer_than_1000_characters_is_refused() throws Exception {
    assertTooComplex("/" + "ab".repeat(501) + "/");
    Answer a = lucene("/" + "ab".repeat(501) + "/");
    assertThat(a.json().get("message").asText()).contains("1000");
  }

  @Test
  void a_regex_too_costly_to_determinize_is_refused() throws Exception {
    // Small to write, exponential to make deterministic: "an a, then 20 characters".
    assertTooComplex("/.*a.{20}/");
  }

  @Test
  void a_wildcard_too_costly_to_determinize_is_a_400_not_a_500() throws Exception {
    StringBuilder stars = new StringBuilder("a");
    for (int i = 0; i < 500; i++) stars.append('*').append((char) ('b' + i % 24));
    assertTooComplex(stars.toString());
    assertTooComplex("a" + "?*".repeat(700));
  }

  @Test
  void a_fuzzy_word_longer_than_any_indexed_word_is_refused() throws Exception {
    StringBuilder distinct = new StringBuilder();
    for (int i = 0; i < 600; i++)
      distinct.appendCodePoint(0x0400 + i % 200).appendCodePoint('a' + i % 26);
    assertTooComplex(distinct + "~2");
    assertTooComplex("harbour".repeat(200) + "~2");
  }

  @Test
  void ordinary_patterns_still_search() throws Exception {
    for (String q :
        new String[] {
          "/harb.*/", "/[a-z]{1,20}et/", "har*ur", "mark?t", "harbor~1", "title:/fish|quay/"
        }) {
      Answer a = lucene(q);
      assertThat(a.status()).as("q=%s: %s", q, a.body()).isEqualTo(200);
      assertThat(a.json().get("total").asLong()).as("q=%s", q).isEqualTo(1);
    }
  }
}
