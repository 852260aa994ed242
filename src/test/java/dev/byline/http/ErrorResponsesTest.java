package dev.byline.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a route that fails answers: a bug is a 500 in the error shape, whether the route threw an
 * exception or an {@link Error} (a stack overflow on a deeply nested input, out of memory), never
 * an empty body the client cannot read.
 */
class ErrorResponsesTest {
  private static Javalin app;
  private static final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    app =
        Javalin.create(
                cfg -> {
                  cfg.routes.get(
                      "/exception",
                      ctx -> {
                        throw new IllegalStateException("a bug");
                      });
                  cfg.routes.get(
                      "/overflow",
                      ctx -> {
                        throw new StackOverflowError();
                      });
                  cfg.routes.get(
                      "/assertion",
                      ctx -> {
                        throw new AssertionError("a broken invariant");
                      });
                  ErrorResponses.register(cfg);
                })
            .start(0);
  }

  @AfterAll
  static void stop() {
    app.stop();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void an_exception_is_a_500_in_the_error_shape() throws Exception {
    assertInternalError(get("/exception"));
  }

  @Test
  void an_error_thrown_by_a_route_is_a_500_in_the_error_shape_too() throws Exception {
    assertInternalError(get("/overflow"));
    assertInternalError(get("/assertion"));
    // The server goes on answering.
    assertInternalError(get("/exception"));
  }

  private static void assertInternalError(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/json");
    JsonNode body = Json.mapper().readTree(response.body());
    assertThat(body.get("error").asText()).isEqualTo("internal_error");
    assertThat(body.get("message").asText()).contains("server log");
  }
}
