package dev.byline.http;

import static dev.byline.Fixtures.article;
import static dev.byline.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.byline.TestServer;
import dev.byline.TestServer.Response;
import dev.byline.config.Limits;
import dev.byline.config.ServerConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Each limit gives its clear answer; logs say what happened. */
class LimitsTest {
  @TempDir Path dir;

  private TestServer start(Limits limits, long slowQueryMs) throws Exception {
    ServerConfig config =
        ServerConfig.defaults(dir).withPort(0).withLimits(limits).withSlowQueryMs(slowQueryMs);
    return TestServer.start(config);
  }

  @Test
  void too_many_articles_in_one_request_is_a_413_and_nothing_is_indexed() throws Exception {
    try (TestServer server = start(new Limits(5000, 32, 2, 1024, 128), 1000)) {
      Response r =
          server.postJson(
              "["
                  + json(article("b1", "One", "x"))
                  + ","
                  + json(article("b2", "Two", "y"))
                  + ","
                  + json(article("b3", "Three", "z"))
                  + "]");
      assertThat(r.status()).isEqualTo(413);
      assertThat(r.json().get("error").asText()).isEqualTo("too_many_articles");
      assertThat(server.articleCount()).isZero();
      assertThat(server.postJson("[" + json(article("b1", "One", "x")) + "]").status())
          .isEqualTo(200);
    }
  }

  @Test
  void too_many_clauses_is_a_400() throws Exception {
    try (TestServer server = start(new Limits(5000, 32, 100, 16, 128), 1000)) {
      Response r = server.searchFor("one two three four five six seven eight nine ten", "");
      assertThat(org.apache.lucene.search.IndexSearcher.getMaxClauseCount())
          .as("the limit is this server's, not set JVM-wide")
          .isEqualTo(Limits.DEFAULT_MAX_CLAUSES);
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.json().get("error").asText()).isEqualTo("query_too_complex");
    }
  }

  @Test
  void searches_beyond_the_concurrency_limit_get_a_429_with_retry_after() throws Exception {
    try (TestServer server = start(new Limits(5000, 2, 100, 1024, 128), 1000)) {
      var permits = server.server.searchPermits();
      permits.acquire(2); // two searches "running"
      try {
        Response r = server.search("q=x");
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.json().get("error").asText()).isEqualTo("too_many_requests");
        assertThat(r.raw().headers().firstValue("Retry-After")).contains("1");
      } finally {
        permits.release(2);
      }
      assertThat(server.search("q=x").status()).isEqualTo(200);
    }
  }

  @Test
  void an_article_read_with_or_without_a_query_is_admitted_as_a_search_is() throws Exception {
    // Highlighting runs the query over the whole body: eight at once once ran 85 s each while
    // searches waited (fuzzed from outside). Without ?q=, forty reads of a 20 MB article at once
    // ran a 1 GB heap out of memory (500s with an empty body; an outside fault hunt).
    try (TestServer server = start(new Limits(5000, 2, 100, 1024, 128), 1000)) {
      server.postJson(
          dev.byline.Fixtures.json(
              dev.byline.Fixtures.article("h1", "Harbour wall", "The harbour wall held.")));
      var permits = server.server.searchPermits();
      permits.acquire(2);
      try {
        Response r = server.get("/api/articles/h1?q=harbour");
        assertThat(r.status()).as(r.toString()).isEqualTo(429);
        assertThat(r.json().get("error").asText()).isEqualTo("too_many_requests");
        Response plain = server.get("/api/articles/h1");
        assertThat(plain.status()).as(plain.toString()).isEqualTo(429);
      } finally {
        permits.release(2);
      }
      Response r = server.get("/api/articles/h1?q=harbour");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().get("body_html").asText()).contains("<mark>harbour</mark>");
      assertThat(server.get("/api/articles/h1").status()).isEqualTo(200);
      assertThat(permits.availablePermits()).isEqualTo(2);
    }
  }

  @Test
  void searches_beyond_the_search_threads_wait_their_turn_instead_of_failing() throws Exception {
    Limits limits = new Limits(5000, 32, 100, 1024, 128).withSearchThreads(1);
    try (TestServer server = start(limits, 1000)) {
      var turns = server.server.searchTurns();
      turns.acquire(); // the one search thread is busy
      java.util.concurrent.CompletableFuture<Response> waiting;
      try {
        waiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> search(server, "q=x"));
        Thread.sleep(300);
        assertThat(waiting).as("admitted, waiting for the busy search thread").isNotDone();
      } finally {
        turns.release();
      }
      Response r = waiting.get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(r.status()).as("it ran once the thread was free").isEqualTo(200);
      assertThat(turns.availablePermits()).as("its turn was given back").isEqualTo(1);
    }
  }

  @Test
  void a_search_that_waits_for_its_turn_longer_than_the_search_timeout_gets_a_429()
      throws Exception {
    Limits limits = new Limits(200, 32, 100, 1024, 128).withSearchThreads(1);
    try (TestServer server = start(limits, 1000)) {
      var turns = server.server.searchTurns();
      turns.acquire();
      try {
        Response r = server.search("q=x");
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.json().get("error").asText()).isEqualTo("too_many_requests");
        assertThat(server.server.searchPermits().availablePermits())
            .as("its admission was given back")
            .isEqualTo(32);
      } finally {
        turns.release();
      }
      assertThat(server.search("q=x").status()).isEqualTo(200);
    }
  }

  @Test
  void a_search_slice_outside_its_range_stops_the_start_with_a_message_naming_it() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Limits.DEFAULTS.withSearchSliceMs(-1))
        .isInstanceOf(dev.byline.config.InvalidConfigException.class)
        .hasMessageContaining("search-slice-ms");
  }

  @Test
  void search_threads_outside_their_range_stop_the_start_with_a_message_naming_them() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Limits.DEFAULTS.withSearchThreads(0))
        .isInstanceOf(dev.byline.config.InvalidConfigException.class)
        .hasMessageContaining("search-threads");
  }

  private static Response search(TestServer server, String query) {
    try {
      return server.search(query);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void every_request_is_logged_and_slow_searches_are_logged_with_their_parameters()
      throws Exception {
    ListAppender<ILoggingEvent> access = new ListAppender<>();
    ListAppender<ILoggingEvent> slow = new ListAppender<>();
    ((Logger) LoggerFactory.getLogger("byline.access")).addAppender(access);
    ((Logger) LoggerFactory.getLogger("byline.slow-query")).addAppender(slow);
    access.start();
    slow.start();
    try (TestServer server = start(Limits.DEFAULTS, 0)) { // 0: every search counts as slow
      server.search("q=harbour&size=3");
      server.get("/api/articles/missing");
    } finally {
      ((Logger) LoggerFactory.getLogger("byline.access")).detachAppender(access);
      ((Logger) LoggerFactory.getLogger("byline.slow-query")).detachAppender(slow);
    }
    List<String> lines = access.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(lines).anyMatch(l -> l.startsWith("GET /api/search 200 "));
    assertThat(lines).anyMatch(l -> l.startsWith("GET /api/articles/missing 404 "));
    assertThat(slow.list).anyMatch(e -> e.getFormattedMessage().contains("q=harbour&size=3"));
  }
}
