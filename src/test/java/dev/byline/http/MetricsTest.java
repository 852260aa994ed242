package dev.byline.http;

import static dev.byline.Fixtures.article;
import static dev.byline.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsTest {
  private static double value(String metrics, String series) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)$").matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }

  @Test
  void metrics_are_in_prometheus_format_and_move_with_traffic(@TempDir Path dir) throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      server.postJson(
          "["
              + json(article("m1", "Metrics one", "Counting things."))
              + ","
              + json(article("m2", "Metrics two", ""))
              + "]");
      server.search("q=counting");
      String first = server.get("/metrics").body();
      assertThat(first).contains("# TYPE byline_http_requests_total counter");
      String searches =
          "byline_http_requests_total{method=\"GET\",route=\"/api/search\",status=\"200\"}";
      assertThat(value(first, searches)).isEqualTo(1.0);
      assertThat(value(first, "byline_articles")).isEqualTo(1.0);
      assertThat(value(first, "byline_index_bytes")).isPositive();
      assertThat(value(first, "byline_ingest_articles_total{status=\"created\"}")).isEqualTo(1.0);
      assertThat(value(first, "byline_ingest_articles_total{status=\"error\"}")).isEqualTo(1.0);
      assertThat(first).contains("byline_search_duration_seconds_bucket{le=");
      assertThat(first).contains("jvm_memory_used_bytes").contains("process_uptime_seconds");

      server.search("q=counting");
      server.get("/api/articles/nope");
      String second = server.get("/metrics").body();
      assertThat(value(second, searches)).isEqualTo(2.0);
      assertThat(
              value(
                  second,
                  "byline_http_requests_total{method=\"GET\",route=\"/api/articles/{id}\",status=\"404\"}"))
          .isEqualTo(1.0);
      assertThat(value(second, "byline_search_duration_seconds_count")).isEqualTo(2.0);
      // The same search on the same view: the second answer came from the result cache.
      assertThat(value(second, "byline_result_cache_hits_total")).isEqualTo(1.0);
      assertThat(value(second, "byline_result_cache_misses_total")).isEqualTo(1.0);
      assertThat(value(second, "byline_result_cache_entries")).isEqualTo(1.0);
      assertThat(server.get("/api/stats").body())
          .contains("\"result_cache\":{\"hits\":1,\"misses\":1,");

      // A method name is whatever a client sends: each made a series of its own, and 20,000 made
      // /metrics 14 MB (an outside fault hunt). Methods HTTP does not define are one series.
      for (String method : List.of("XAAAA", "XBBBB", "XCCCC")) {
        server.send(
            java.net.http.HttpRequest.newBuilder(server.uri("/api/search"))
                .method(method, java.net.http.HttpRequest.BodyPublishers.noBody()));
      }
      String third = server.get("/metrics").body();
      assertThat(third).doesNotContain("XAAAA").doesNotContain("XBBBB");
      assertThat(third)
          .containsPattern("byline_http_requests_total\\{method=\"other\",[^}]*\\} 3\\.0");
    }
  }
}
